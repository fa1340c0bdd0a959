"""fold(events) -> CaseState: the one definition of what a log means (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from cocctl.model import events as ev
from cocctl.model import governance
from cocctl.model.events import Event
from cocctl.model.state import CLOSED, ESCROWED, OPEN, Attachment, CaseState, Guest, Reducer, Reporter


class FoldError(ValueError):
    """Raised when an event log cannot describe a case (no opening event first)."""


def fold(events: Iterable[Event]) -> CaseState:
    """Return the state a case's events describe.

    Events are applied in (time, id) order, which is also the order a merge of
    two clones' logs produces, so both clones fold to the same state.

    Raises:
        FoldError: the log is empty or does not start with an ``opened`` event.
    """
    ordered = sorted(events, key=ev.sort_key)
    if not ordered or ordered[0].type != ev.OPENED:
        raise FoldError("a case log must start with an opened event")
    state = _opened(ordered[0])
    for event in ordered[1:]:
        apply = REDUCERS.get(event.type)
        if apply is None:
            raise FoldError(f"unknown event type {event.type!r}")
        state = apply(state, event)
        state = replace(state, updated_at=event.at)
    return replace(state, events=tuple(ordered))


def _reporter(raw: dict[str, Any] | None) -> Reporter | None:
    if not raw:
        return None
    return Reporter(name=raw.get("name"), contact=raw.get("contact"))


def _opened(event: Event) -> CaseState:
    data = event.data
    return CaseState(
        id=data["case"],
        status=ESCROWED if data["kind"] == "escrow" else OPEN,
        opened_at=event.at,
        updated_at=event.at,
        opened_by=event.by,
        kind=data["kind"],
        channel=data["channel"],
        received_at=data.get("received_at", event.at),
        severity=data["severity"],
        urgent=bool(data.get("urgent", False)),
        summary=data["summary"],
        area=data.get("area"),
        reported=tuple(data.get("reported", ())),
        reporter=_reporter(data.get("reporter")),
        witnesses=tuple(data.get("witnesses", ())),
        evidence=tuple(data.get("evidence", ())),
        privacy=data.get("privacy"),
        consent=bool(data.get("consent", False)),
        excluded=frozenset(data.get("exclude", ())),
        # Under the `cleared` access rule the member who takes the report
        # can read it; everyone else must be cleared first.
        cleared=frozenset([event.by]),
    )


def _merge_list(current: tuple[str, ...], add: list[str], remove: list[str]) -> tuple[str, ...]:
    kept = [item for item in current if item not in remove]
    return tuple(kept + [item for item in add if item not in kept])


def _amended(state: CaseState, event: Event) -> CaseState:
    changes: dict[str, Any] = {}
    for name, value in event.data.get("set", {}).items():
        changes[name] = _reporter(value) if name == "reporter" else value
    add, remove = event.data.get("add", {}), event.data.get("remove", {})
    for name in set(add) | set(remove):
        changes[name] = _merge_list(getattr(state, name), add.get(name, []), remove.get(name, []))
    if changes.get("kind") == "escrow" and state.status == OPEN:
        changes["status"] = ESCROWED
    elif "kind" in changes and changes["kind"] != "escrow" and state.status == ESCROWED:
        changes["status"] = OPEN
    return replace(state, **changes)


def _note(state: CaseState, event: Event) -> CaseState:
    return state


def _contact(state: CaseState, event: Event) -> CaseState:
    return state


def _communicated(state: CaseState, event: Event) -> CaseState:
    return state


def _evidence(state: CaseState, event: Event) -> CaseState:
    file = event.data.get("file")
    if file is None:
        return replace(state, evidence=_merge_list(state.evidence, [event.data["description"]], []))
    attachment = Attachment(len(state.attachments) + 1, file["path"], file["name"], file["sha256"], file["size"],
                            file["media_type"], event.data["description"], event.at, event.by)
    return replace(state, attachments=(*state.attachments, attachment))


def _assigned(state: CaseState, event: Event) -> CaseState:
    return replace(state, primary=event.data["primary"], secondary=event.data.get("secondary"))


def _excluded(state: CaseState, event: Event) -> CaseState:
    member = event.data["member"]
    return replace(state, excluded=state.excluded | {member}, cleared=state.cleared - {member})


def _recused(state: CaseState, event: Event) -> CaseState:
    member = event.data["member"]
    state = replace(state, withdrawals=tuple(pair for pair in state.withdrawals if pair[0] != member))
    if event.data.get("hard", True):
        return replace(
            state,
            recused_hard=state.recused_hard | {member},
            recused_soft=state.recused_soft - {member},
            cleared=state.cleared - {member},
        )
    return replace(state, recused_soft=state.recused_soft | {member})


def _cleared(state: CaseState, event: Event) -> CaseState:
    member = event.data["member"]
    if event.data.get("approve"):
        # One member's approval to withdraw another's conflict: counted, not yet applied.
        if member not in state.recused_hard | state.recused_soft or (member, event.by) in state.withdrawals:
            return state
        return replace(state, withdrawals=state.withdrawals + ((member, event.by),))
    return replace(
        state,
        withdrawals=tuple(pair for pair in state.withdrawals if pair[0] != member),
        cleared=state.cleared | {member},
        recused_hard=state.recused_hard - {member},
        recused_soft=state.recused_soft - {member},
    )


def _granted(state: CaseState, event: Event) -> CaseState:
    guest = Guest(name=event.data["name"], recipient=event.data["recipient"], signing=event.data.get("signing"))
    others = tuple(g for g in state.guests if g.name != guest.name)
    return replace(state, guests=others + (guest,))


def _revoked(state: CaseState, event: Event) -> CaseState:
    return replace(state, guests=tuple(g for g in state.guests if g.name != event.data["name"]))


def _closed(state: CaseState, event: Event) -> CaseState:
    if state.status == CLOSED:
        # Closed in two clones at once: both closes stay, for the committee to settle.
        state = replace(state, double_close=(state.double_close or (state.closed_by or "",)) + (event.by,))
    state = governance.end_interim(state, event.data.get("ends", []), event.at)
    return replace(
        state,
        closed_by=event.by,
        status=CLOSED,
        resolution=event.data["resolution"],
        public_summary=event.data.get("public_summary"),
        closed_at=event.at,
        out_of_scope=bool(event.data.get("out_of_scope")),
    )


def _reporter_involvement(state: CaseState, event: Event) -> CaseState:
    return replace(state, reporter_involved=bool(event.data["involved"]))


def _searching(state: CaseState, event: Event) -> CaseState:
    return replace(state, searching=bool(event.data["searching"]))


def _law_enforcement(state: CaseState, event: Event) -> CaseState:
    return replace(state, law_enforcement=state.law_enforcement + (event.data["given"],))


def _consulted(state: CaseState, event: Event) -> CaseState:
    return replace(state, consulted=bool(event.data["agreed"]))


def _reopened(state: CaseState, event: Event) -> CaseState:
    # Reopening settles a double close: the next close records the resolution.
    return replace(state, status=OPEN, closed_at=None, closed_by=None, double_close=())


# Every event type and the function that applies it: the one registry
# (tests check that it, the event constants and the schema name the same types).
REDUCERS: dict[str, Reducer] = {
    ev.AMENDED: _amended,
    ev.NOTE: _note,
    ev.CONTACT: _contact,
    ev.COMMUNICATED: _communicated,
    ev.EXPORTED: _communicated,  # a record only: the state does not change
    ev.EVIDENCE: _evidence,
    ev.ASSIGNED: _assigned,
    ev.EXCLUDED: _excluded,
    ev.RECUSED: _recused,
    ev.CLEARED: _cleared,
    ev.GRANTED: _granted,
    ev.REVOKED: _revoked,
    ev.CLOSED: _closed,
    ev.REOPENED: _reopened,
    ev.REPORTER_INVOLVEMENT: _reporter_involvement,
    ev.SEARCHING: _searching,
    ev.LAW_ENFORCEMENT: _law_enforcement,
    ev.CONSULTED: _consulted,
    ev.CONTENT_REMOVED: _communicated,  # on the record (the timeline); changes nothing else
    ev.CONVERSATION: _communicated,
    **governance.REDUCERS,
}
