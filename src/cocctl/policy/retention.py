"""When a closed case may be expunged: its outcome's retention after closing, after any sanction, after appeals."""

from __future__ import annotations

from datetime import datetime

from cocctl.clock import format_time, parse_time
from cocctl.model.state import CLOSED, CaseState
from cocctl.policy import consequences as catalogue
from cocctl.policy.settings import Policy

NOT_VIOLATION, CONCERN, RESOLVED = "not_violation", "concern", "resolved"


def outcome_class(state: CaseState) -> str:
    """How retention sees a case: a violation upheld (resolved), a concern, or no violation found."""
    if any(d.in_force and d.violation for d in state.decisions):
        return RESOLVED
    return CONCERN if state.kind == "concern" else NOT_VIOLATION


def expunge_at(state: CaseState, policy: Policy) -> str | None:
    """The date from which a case may be expunged, or None: open, kept by policy, or a sanction without end.

    The latest of: closing plus its outcome's retention; each sanction's end
    plus ``after_sanction``; the end of the appeal window of each decision.
    """
    keep = getattr(policy.retention, outcome_class(state))
    if state.status != CLOSED or not state.closed_at or keep is None:
        return None
    zone = policy.zone
    dates: list[datetime] = [keep.after(parse_time(state.closed_at), zone)]
    for decision in state.decisions:
        if not decision.in_force:
            continue
        start = parse_time(decision.at)
        if policy.appeals.covers(decision.consequences):
            if policy.appeals.closes_after is None:
                return None  # an appeal may always come: kept
            dates.append(policy.appeals.closes_after.after(start, zone))
        for consequence in decision.consequences:
            kind = catalogue.CATALOGUE.get(consequence["id"])
            if kind is None or not kind.sanction:
                continue
            end = catalogue.ends(consequence, start, zone)
            if end is None:
                return None  # a ban without end: kept while it runs
            dates.append((policy.retention.after_sanction or keep).after(end, zone))
    return format_time(max(dates))
