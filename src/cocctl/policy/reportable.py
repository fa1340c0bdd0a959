"""What a case contributes to a published transparency report, as plaintext metadata every member sees.

A reader derives these facts from the event log and writes them into the
case file's metadata (``report``), so every member's report counts every
case the same way, including cases they cannot read (CHAOSS: nearly all).
They are what the community's reports publish anyway, in aggregate: the
kind of report, where it came from, how many people it names (a count), and
once the case is closed, the outcome class and the catalogue ids of the
actions taken. Never a name, a period, a free-text parameter or a date.
"""

from __future__ import annotations

from typing import Any

from cocctl.model.state import CLOSED, OVERTURNED, CaseState
from cocctl.policy import consequences as catalogue

# Outcome classes of a closed case.
NOT_VIOLATION, OUT_OF_SCOPE, NO_ACTION, ACTION = "not-violation", "out-of-scope", "no-action", "action"
OUTCOMES = (NOT_VIOLATION, OUT_OF_SCOPE, NO_ACTION, ACTION)

KIND_LABELS = {"complaint": "Formal complaint", "concern": "Concern raised", "anonymous": "Anonymous report",
               "escrow": "Escrowed report"}
SOURCE_LABELS = {"email": "Email", "dm": "Direct message", "in-person": "In person",
                 "public-channel": "Public channel", "proactive": "Raised by the committee itself"}
# Actions taken by another body on the committee's recommendation (Kubernetes:
# "we work with other leadership bodies"); every other action is the committee's own.
OTHER_BODIES = frozenset({"recommendation"})
COMMITTEE_BODY, OTHER_BODY = "Committee", "Other bodies (recommended)"
# Restorative actions educate or correct; punitive ones restrict, suspend or ban.
PUNITIVE_LEVELS = frozenset({"strike", "restriction", "suspension", "ban"})
WARNINGS = frozenset({"private-warning", "correction"})
OTHER_ACTION = "other"


def trusted(found: Any, status: str) -> dict[str, Any] | None:
    """Report facts read from a case file of ``status``, or None when they are not what a reader writes.

    The metadata is not signed: anyone who can push can edit it. The schema
    holds each field to its enum and type; this also refuses action ids
    outside the catalogue (free text would be published as a label) and an
    outcome on a case that is not closed (or none on a closed one).
    """
    if not found:
        return None
    actions = found.get("actions", [])
    if not set(actions) <= set(catalogue.CATALOGUE) or list(actions) != sorted(set(actions)):
        return None
    return dict(found) if ("outcome" in found) == (status == CLOSED) else None


def facts(state: CaseState) -> dict[str, Any]:
    """The case's report facts, in the order the metadata holds them.

    ``outcome`` and ``actions`` appear only once the case is closed: an
    open case's interim measures are not yet an outcome.
    """
    data: dict[str, Any] = {"kind": state.kind, "source": state.channel, "named": len(state.reported)}
    if state.status != CLOSED:
        return data
    decisions = [d for d in state.decisions if d.outcome == "adopted" and d.standing != OVERTURNED]
    # Only catalogue ids are ever written: a hand-made event's own id (free text) counts as "other".
    actions = sorted({c["id"] if c["id"] in catalogue.CATALOGUE else OTHER_ACTION
                      for d in decisions for c in d.consequences})
    violation = any(d.violation for d in decisions) or any(
        catalogue.CATALOGUE[a].violation for a in actions if a in catalogue.CATALOGUE)
    if state.out_of_scope:
        data["outcome"] = OUT_OF_SCOPE
    elif decisions and not violation:
        data["outcome"] = NOT_VIOLATION
    else:
        data["outcome"] = ACTION if any(a not in ("no-action", "awareness") for a in actions) else NO_ACTION
    if actions:
        data["actions"] = actions
    return data


def worst(actions: tuple[str, ...] | list[str]) -> str | None:
    """The most severe action id, or None."""
    return max(actions, key=catalogue.level_rank) if actions else None


def label(action: str) -> str:
    """An action's catalogue label."""
    kind = catalogue.CATALOGUE.get(action)
    return kind.label if kind else action


def punitive(actions: tuple[str, ...] | list[str]) -> bool:
    """Whether any action restricts, suspends or bans (else the response was restorative)."""
    return any(catalogue.CATALOGUE[a].level in PUNITIVE_LEVELS or catalogue.CATALOGUE[a].sanction
               for a in actions if a in catalogue.CATALOGUE)


def body(action: str) -> str:
    """Who takes an action: the committee, or another body it recommended it to."""
    return OTHER_BODY if action in OTHER_BODIES else COMMITTEE_BODY


def django_field(outcome: str | None, actions: tuple[str, ...] | list[str]) -> str | None:
    """The Django working group's statistics field of a closed case (None while open)."""
    if outcome is None:
        return None
    if outcome in (NOT_VIOLATION, OUT_OF_SCOPE):
        return "not a violation" if outcome == NOT_VIOLATION else "out of scope"
    if outcome == NO_ACTION:
        return "no action"
    levels = {catalogue.CATALOGUE[a].level for a in actions if a in catalogue.CATALOGUE}
    if "ban" in levels:
        return "banned"
    if "suspension" in levels:
        return "suspended"
    return "warned" if WARNINGS & set(actions) else "other"
