"""The current state of a case, as folded from its event log."""

from __future__ import annotations

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
    """An outside party granted access to one case, such as a mediator."""

    name: str
    recipient: str


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
    resolution: str | None = None
    public_summary: str | None = None
    closed_at: str | None = None
    closed_by: str | None = None
    # Governance (model/governance.py defines the item types).
    proposals: tuple[Any, ...] = ()
    decisions: tuple[Any, ...] = ()
    appeals: tuple[Any, ...] = ()
    # Outcomes recorded concurrently in two clones and merged (a second close
    # without a reopen, a second decision on one proposal): the committee
    # must settle them; nothing is silently dropped.
    conflicts: tuple[str, ...] = ()
    events: tuple[Event, ...] = field(default=(), repr=False)

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
