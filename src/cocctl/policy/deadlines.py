"""Deadlines: the response times each process promises, and when each case's fall due (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Any

from cocctl.clock import parse_time
from cocctl.model.events import Event
from cocctl.model.state import CLOSED, ESCROWED, OPEN, CaseState
from cocctl.policy import calendar
from cocctl.policy import consequences as catalogue
from cocctl.policy.settings import Appeals, Policy

# Deadline kinds, as written in the envelope's plaintext `due` list.
FIRST_RESPONSE = "first-response"
DECISION = "decision"
REPORTER_UPDATE = "reporter-update"
REPORTER_OUTCOME = "reporter-outcome"
APPEAL_OPENS = "appeal-opens"
APPEAL_WINDOW = "appeal-window"
SANCTION_END = "sanction-end"
# Two clones recorded contradicting outcomes (two closes, two decisions); due
# at once, so `due` lists it and `due --check` fails until the committee settles it.
CONFLICT = "conflict"
# A decision brought someone to the strike threshold: the vote on what the policy then requires is due.
SUSPENSION_VOTE = "suspension-vote"
# No member may vote on the case (all recused) and no mediator acts on it: the case's
# deadlines wait for a mediator, and this item asks the committee to grant one
# ('cocctl grant CASE --key ... --as mediator'). It never makes `due --check` fail.
MEDIATOR_NEEDED = "mediator-needed"
KINDS = (FIRST_RESPONSE, DECISION, REPORTER_UPDATE, REPORTER_OUTCOME, APPEAL_OPENS, APPEAL_WINDOW, SANCTION_END,
         CONFLICT, SUSPENSION_VOTE, MEDIATOR_NEEDED)
# Kinds that only inform (an appeal window closing, a sanction running out
# ask nothing of the committee); they never make `due --check` fail and are
# shown only before they pass.
INFORMATIONAL = frozenset({APPEAL_OPENS, APPEAL_WINDOW, SANCTION_END})

# Names by which a contact record can mean the reporter ("reporter: called back").
_REPORTER_WORDS = frozenset({"reporter", "the reporter", "reporting member"})


@dataclass(frozen=True)
class Deadline:
    """One promise of the policy applied to one case.

    Attributes:
        kind: one of ``KINDS``.
        at: when it falls due.
        met: when it was answered, or None while it is pending.
        policy: the policy's duration, as text ("5 working days"), for reports.
    """

    kind: str
    at: datetime
    met: datetime | None = None
    policy: str = ""

    @property
    def pending(self) -> bool:
        """Whether it still asks something of the committee."""
        return self.met is None

    def overdue(self, now: datetime) -> bool:
        """Whether it is pending and past due at ``now`` (informational kinds never are)."""
        return self.pending and self.kind not in INFORMATIONAL and self.at <= now

    def on_time(self) -> bool | None:
        """Whether it was met in time; None while pending."""
        return None if self.met is None else self.met <= self.at


def case_deadlines(state: CaseState, policy: Policy) -> list[Deadline]:
    """The deadlines of one case under the effective ``policy``, met and pending, in due order.

    The clock starts when the report was received (``received_at``), not when
    it was typed in. A reporter is answered by a ``communicated`` event to the
    reporter or a ``contact`` event with them; anonymous reports have nobody
    to answer. A reopened case's decision clock restarts at the reopening.
    The decision is met by the first adopted (not interim) decision, or by
    closing the case. Days and working days are counted in the community's
    time zone.
    """
    rules, zone = policy.deadlines, policy.zone
    received = _time(state.received_at)
    # Anonymous reports, and cases the committee opened itself with no reporter, have nobody to answer.
    reachable = state.kind != "anonymous" and not (state.channel == "proactive" and state.reporter is None)
    found: list[Deadline] = []

    first = rules.first_response
    if first and reachable:
        answered = _first(state.events, _to_reporter(state), after=None)
        # Closing the case supersedes an acknowledgement never sent: what
        # remains is telling the reporter the outcome.
        if answered is not None or state.status != CLOSED:
            found.append(Deadline(FIRST_RESPONSE, first.after(received, zone), answered, str(first)))

    decision = rules.decision
    if decision and state.status != ESCROWED:
        start = _last_reopened(state) or received
        decided = _decided(state, after=start)
        found.append(Deadline(DECISION, decision.after(start, zone), decided, str(decision)))

    # While the reported person cannot be found at an event, the reporter hears daily (CHAOSS).
    update = DAILY if state.searching else rules.reporter_update
    # A reporter who prefers not to be involved any further gets no updates or outcome.
    if update and reachable and state.reporter_involved and state.status == OPEN:
        last = _last(state.events, _to_reporter(state)) or received
        found.append(Deadline(REPORTER_UPDATE, update.after(max(last, received), zone), None, str(update)))

    outcome = rules.reporter_outcome or first
    if outcome and reachable and state.reporter_involved and state.status == CLOSED and state.closed_at:
        closed = _time(state.closed_at)
        # The decision message answers it from the last decision on (sent before the close too), never
        # from before a reopen: the outcome told must be the one that stands.
        standing = [_time(d.at) for d in state.decisions if d.outcome == "adopted" and not d.interim]
        since = min(closed, max([*standing, *filter(None, [_last_reopened(state)])], default=closed))
        told = _first(state.events, _outcome_to_reporter, after=since)
        found.append(Deadline(REPORTER_OUTCOME, outcome.after(closed, zone), told, str(outcome)))

    found += governance_deadlines(state, policy.appeals, zone)
    found += [Deadline(CONFLICT, _time(at)) for at, _ in state.open_conflicts()]
    found += _threshold_votes(state)
    return sorted(found, key=lambda deadline: (deadline.at, deadline.kind))


DAILY = calendar.parse("1 day")


def _threshold_votes(state: CaseState) -> list[Deadline]:
    """A strike that reached the threshold asks for a vote on what the policy requires, met by a decision on it."""
    found = []
    for decision in state.decisions:
        requires = {r for notice in decision.strikes if decision.in_force for r in notice.get("requires", ())}
        if not requires:
            continue
        met = next((_time(later.at) for later in state.decisions if later.at > decision.at and not later.interim
                    and requires & {c["id"] for c in later.consequences}), None)
        found.append(Deadline(SUSPENSION_VOTE, _time(decision.at), met))
    return found


def governance_deadlines(state: CaseState, appeals: Appeals, zone: tzinfo = timezone.utc) -> list[Deadline]:
    """When sanctions in force end and when appeal windows open and close (informational)."""
    found = []
    appealed = {appeal.decision for appeal in getattr(state, "appeals", ())}
    for decision in getattr(state, "decisions", ()):
        if not decision.in_force or decision.interim:
            continue
        start = _time(decision.at)
        for consequence in decision.consequences:
            kind = catalogue.CATALOGUE.get(consequence["id"])
            end = catalogue.ends(consequence, start, zone) if kind is not None and kind.sanction else None
            if end is not None:
                found.append(Deadline(SANCTION_END, end))
        if appeals.covers(decision.consequences) and decision.number not in appealed:
            if appeals.opens_after:
                found.append(Deadline(APPEAL_OPENS, appeals.opens_after.after(start, zone)))
            if appeals.closes_after:
                found.append(Deadline(APPEAL_WINDOW, appeals.closes_after.after(start, zone)))
    return found


def envelope_due(state: CaseState, policy: Policy, stalled: str | None = None) -> list[dict[str, str]]:
    """The pending deadlines as the envelope's plaintext ``due`` list: kinds and times only.

    Args:
        stalled: when nobody may act on the case (see ``MEDIATOR_NEEDED``), since when;
            the list is then that one item.
    """
    from cocctl.clock import format_time

    if stalled is not None:
        return [{"kind": MEDIATOR_NEEDED, "at": stalled}]
    return [
        {"kind": deadline.kind, "at": format_time(deadline.at)}
        for deadline in case_deadlines(state, policy)
        if deadline.pending
    ]


def elapsed_hours(state: CaseState, deadline: Deadline) -> float | None:
    """Hours from the report's receipt to when ``deadline`` was met (None while pending)."""
    if deadline.met is None:
        return None
    return (deadline.met - _time(state.received_at)).total_seconds() / 3600


def _to_reporter(state: CaseState) -> Any:
    names = set(_REPORTER_WORDS)
    if state.reporter is not None and state.reporter.name:
        names.add(state.reporter.name.strip().lower())

    def matches(event: Event) -> bool:
        if event.type == "communicated":
            return event.data.get("to") == "reporter"
        if event.type == "contact":
            return str(event.data.get("with", "")).strip().lower() in names
        return False

    return matches


def _outcome_to_reporter(event: Event) -> bool:
    return event.type == "communicated" and event.data.get("to") == "reporter" and event.data.get("kind") == "decision"


def _first(events: tuple[Event, ...], matches: Any, after: datetime | None) -> datetime | None:
    for event in events:
        if matches(event) and (after is None or _time(event.at) >= after):
            return _time(event.at)
    return None


def _last(events: tuple[Event, ...], matches: Any) -> datetime | None:
    times = [_time(event.at) for event in events if matches(event)]
    return max(times) if times else None


def _decided(state: CaseState, after: datetime) -> datetime | None:
    adopted = [_time(d.at) for d in getattr(state, "decisions", ())
               if d.outcome == "adopted" and not d.interim and _time(d.at) >= after]
    if adopted:
        return min(adopted)
    return _time(state.closed_at) if state.closed_at else None


def _last_reopened(state: CaseState) -> datetime | None:
    return _last(state.events, lambda event: event.type == "reopened")


def _times(value: Any) -> list[datetime]:
    if not value:
        return []
    values = value if isinstance(value, (list, tuple)) else [value]
    return [item if isinstance(item, datetime) else _time(str(item)) for item in values]


def _time(text: str) -> datetime:
    return parse_time(text)
