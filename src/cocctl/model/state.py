"""The current state of a case, as folded from its event log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cocctl.model.events import Event

OPEN = "open"
ESCROWED = "escrowed"
CLOSED = "closed"
STATUSES = (OPEN, ESCROWED, CLOSED)


@dataclass(frozen=True)
class Reporter:
    """Who reported, when they are known (never for anonymous reports)."""

    name: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class Guest:
    """An outside party granted access to one case, such as a mediator; with ``signing`` they act on it too."""

    name: str
    recipient: str
    signing: str | None = None


# A decision's standing: in force, ended by the committee lifting an interim
# measure, ended by an appeal, or set aside when the committee chose another
# decision made concurrently with it; a rejected proposal's decision never was in force.
IN_FORCE, LIFTED, OVERTURNED, SUPERSEDED = "in-force", "lifted", "overturned", "superseded"
REJECTED = "rejected"


@dataclass(frozen=True)
class Proposal:
    """A proposed decision and the votes on it (latest vote per member counts).

    ``id`` is the proposing event's id, which votes and decisions refer to;
    ``number`` is its place in the case (1, 2, ...), given at fold time for
    display, so two proposals made concurrently in two clones are numbered
    apart once merged.
    """

    id: str
    number: int
    at: str
    by: str
    violation: bool
    consequences: tuple[dict[str, Any], ...]
    rationale: str
    persons: tuple[str, ...]
    votes: tuple[tuple[str, str], ...] = ()
    decided: int | None = None

    @property
    def ballot(self) -> dict[str, str]:
        """Each member's current vote."""
        return dict(self.votes)


@dataclass(frozen=True)
class Decision:
    """A recorded decision: adopted (with consequences) or a rejected proposal.

    ``known`` holds the ids of the decisions its author had seen (None in
    format-1 logs, which did not record it): a decision missing from it was
    made concurrently, in another clone.
    """

    id: str
    number: int
    at: str
    by: str
    outcome: str
    violation: bool
    consequences: tuple[dict[str, Any], ...]
    rationale: str
    persons: tuple[str, ...]
    proposal: int | None = None
    interim: bool = False
    standing: str = IN_FORCE
    ended_at: str | None = None
    confirmed_at: str | None = None
    tally: dict[str, Any] = field(default_factory=dict)
    strikes: tuple[dict[str, Any], ...] = ()
    known: frozenset[str] | None = None

    @property
    def in_force(self) -> bool:
        """Whether its consequences apply (adopted and not lifted, overturned or superseded)."""
        return self.outcome == "adopted" and self.standing == IN_FORCE


@dataclass(frozen=True)
class Appeal:
    """An appeal against a decision (``decision`` is its number), and its result once decided."""

    id: str
    number: int
    at: str
    by: str
    decision: int
    reason: str
    result: str | None = None
    decided_at: str | None = None
    rationale: str | None = None


@dataclass(frozen=True)
class Attachment:
    """An evidence file: its number in the case, where its ciphertext is, and what its plaintext is."""

    number: int
    path: str
    name: str
    sha256: str
    size: int
    media_type: str
    description: str
    at: str
    by: str


@dataclass(frozen=True)
class PlanResponse:
    """How the reported person took the behaviour-modification plan of decision ``decision`` (its number)."""

    decision: int
    response: str
    at: str
    by: str
    note: str | None = None


@dataclass(frozen=True)
class CaseState:
    """Everything known about a case now; a pure function of its events."""

    id: str
    status: str
    opened_at: str
    updated_at: str
    opened_by: str
    kind: str
    channel: str
    received_at: str
    severity: str
    urgent: bool
    summary: str
    area: str | None
    reported: tuple[str, ...]
    reporter: Reporter | None
    witnesses: tuple[str, ...]
    evidence: tuple[str, ...]
    privacy: str | None
    consent: bool
    primary: str | None = None
    secondary: str | None = None
    excluded: frozenset[str] = frozenset()
    recused_hard: frozenset[str] = frozenset()
    recused_soft: frozenset[str] = frozenset()
    cleared: frozenset[str] = frozenset()
    guests: tuple[Guest, ...] = ()
    # Approvals to withdraw a member's recorded conflict, (member, approver):
    # a conflict is its member's to withdraw, or the committee's by its rule.
    withdrawals: tuple[tuple[str, str], ...] = ()
    resolution: str | None = None
    public_summary: str | None = None
    closed_at: str | None = None
    closed_by: str | None = None
    out_of_scope: bool = False  # closed as outside the Code of Conduct's scope (Django's statistics)
    proposals: tuple[Proposal, ...] = ()
    decisions: tuple[Decision, ...] = ()
    appeals: tuple[Appeal, ...] = ()
    plan_responses: tuple[PlanResponse, ...] = ()
    # False once the reporter prefers not to be involved any further: no updates or outcome messages.
    reporter_involved: bool = True
    # True while the committee searches an event for the reported person: the reporter hears daily.
    searching: bool = False
    # What was given to law enforcement, each time it was involved.
    law_enforcement: tuple[str, ...] = ()
    # Whether those involved agreed to disclosure when consulted (None: not consulted).
    consulted: bool | None = None
    # Outcomes recorded concurrently in two clones and merged: a second close
    # without a reopen (who closed), and pairs of decision numbers made
    # without knowing of each other. Nothing is silently dropped; the
    # committee settles them (reopen and close; decide --supersede).
    double_close: tuple[str, ...] = ()
    rivals: tuple[tuple[int, int], ...] = ()
    attachments: tuple[Attachment, ...] = ()
    events: tuple[Event, ...] = field(default=(), repr=False)

    @property
    def conflicts(self) -> tuple[str, ...]:
        """What the committee must settle, one sentence each."""
        return tuple(message for _, message in self.open_conflicts())

    def open_conflicts(self) -> list[tuple[str, str]]:
        """Each conflict to settle: when it arose (the later event's time) and what it is."""
        found = []
        if self.double_close and self.closed_at:
            found.append((self.closed_at, f"closed twice without a reopen (by {' and by '.join(self.double_close)}); "
                          f"the committee must choose the resolution ('cocctl reopen {self.id}' then 'cocctl close')"))
        decisions = {d.number: d for d in self.decisions}
        for first, second in self.rivals:
            pair = (decisions[first], decisions[second])
            if SUPERSEDED not in (pair[0].standing, pair[1].standing):
                found.append((max(pair[0].at, pair[1].at),
                              f"decisions {first} and {second} were made concurrently; the committee must choose "
                              f"which stands ('cocctl decide {self.id} --supersede N' sets decision N aside)"))
            elif pair[0].standing == pair[1].standing == SUPERSEDED and not self._settled_after(pair):
                found.append((max(d.ended_at or d.at for d in pair),
                              f"decisions {first} and {second} were each set aside at once (in two clones), so "
                              "neither stands; the committee decides again ('cocctl propose', 'cocctl vote', "
                              "'cocctl decide')"))
        return found

    def _settled_after(self, pair: tuple[Decision, Decision]) -> bool:
        """Whether a rival of ``pair`` still stands, or a decision made knowing both is in force."""
        numbers = {d.number for d in pair}
        group = {n for rival in self.rivals if numbers & set(rival) for n in rival}
        ids = {d.id for d in pair}
        return any(d.standing == IN_FORCE and (d.number in group or (d.known is not None and ids <= d.known))
                   for d in self.decisions)

    @property
    def report(self) -> dict[str, Any]:
        """The editable report fields, as plain data (what ``edit`` shows)."""
        reporter = None
        if self.reporter is not None:
            reporter = {k: v for k, v in vars(self.reporter).items() if v is not None}
        return {
            "summary": self.summary,
            "area": self.area,
            "kind": self.kind,
            "channel": self.channel,
            "received_at": self.received_at,
            "severity": self.severity,
            "urgent": self.urgent,
            "privacy": self.privacy,
            "consent": self.consent,
            "reporter": reporter,
            "reported": list(self.reported),
            "witnesses": list(self.witnesses),
            "evidence": list(self.evidence),
        }


Reducer = Callable[[CaseState, Event], CaseState]
