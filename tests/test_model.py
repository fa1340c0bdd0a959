"""The case model: fold is pure and defines what a log means; ids and event ids."""

from __future__ import annotations

import copy

import pytest

from cocctl.archive.ids import is_case_id, new_case_id
from cocctl.model import events as ev
from cocctl.model.events import Event, event_id_millis, new_event_id
from cocctl.model.fold import FoldError, fold

OPENED = {
    "case": "2026-amber-falcon", "summary": "s", "kind": "complaint", "channel": "email",
    "received_at": "2026-11-16T08:00:00Z", "severity": "high", "reported": ["sam"],
    "reporter": {"name": "Riley"}, "exclude": ["carol"],
}


def event(at: str, kind: str, data: dict, by: str = "alice", millis: int = 0) -> Event:
    return Event(new_event_id(millis), at, by, kind, data)


def test_fold_opened_sets_report_and_status():
    state = fold([event("2026-11-16T09:00:00Z", ev.OPENED, OPENED)])
    assert state.id == "2026-amber-falcon"
    assert state.status == "open"
    assert state.reported == ("sam",)
    assert state.excluded == frozenset({"carol"})
    assert state.cleared == frozenset({"alice"})
    assert state.updated_at == state.opened_at == "2026-11-16T09:00:00Z"


def test_fold_orders_by_time_whatever_the_input_order():
    log = [
        event("2026-11-16T09:00:00Z", ev.OPENED, OPENED, millis=1),
        event("2026-11-17T09:00:00Z", ev.ASSIGNED, {"primary": "alice"}, millis=2),
        event("2026-11-18T09:00:00Z", ev.ASSIGNED, {"primary": "bob"}, millis=3),
    ]
    assert fold(log).primary == fold(list(reversed(log))).primary == "bob"
    assert fold(log).updated_at == "2026-11-18T09:00:00Z"


def test_fold_amended_sets_adds_and_removes():
    log = [
        event("2026-11-16T09:00:00Z", ev.OPENED, OPENED),
        event("2026-11-16T10:00:00Z", ev.AMENDED, {
            "set": {"severity": "critical", "reporter": {"name": "R", "contact": "r@x"}},
            "add": {"witnesses": ["wes"], "reported": ["kim"]},
            "remove": {"reported": ["sam"]},
        }),
    ]
    state = fold(log)
    assert state.severity == "critical"
    assert state.reporter.contact == "r@x"
    assert state.witnesses == ("wes",)
    assert state.reported == ("kim",)


def test_fold_escrow_status_follows_kind():
    escrow = fold([event("2026-11-16T09:00:00Z", ev.OPENED, {**OPENED, "kind": "escrow"})])
    assert escrow.status == "escrowed"


def test_fold_close_and_reopen():
    log = [
        event("2026-11-16T09:00:00Z", ev.OPENED, OPENED),
        event("2026-11-17T09:00:00Z", ev.CLOSED, {"resolution": "warned", "public_summary": "p"}),
    ]
    closed = fold(log)
    assert (closed.status, closed.resolution, closed.closed_at) == ("closed", "warned", "2026-11-17T09:00:00Z")
    reopened = fold([*log, event("2026-11-18T09:00:00Z", ev.REOPENED, {"reason": "new evidence"})])
    assert (reopened.status, reopened.closed_at) == ("open", None)


def test_fold_access_events():
    log = [
        event("2026-11-16T09:00:00Z", ev.OPENED, OPENED),
        event("2026-11-16T09:01:00Z", ev.RECUSED, {"member": "bob", "hard": True}),
        event("2026-11-16T09:02:00Z", ev.RECUSED, {"member": "dana", "hard": False}),
        event("2026-11-16T09:03:00Z", ev.GRANTED, {"name": "mediator", "recipient": "age1x"}),
    ]
    state = fold(log)
    assert state.recused_hard == {"bob"} and state.recused_soft == {"dana"}
    assert [guest.name for guest in state.guests] == ["mediator"]
    cleared = fold([*log, event("2026-11-16T09:04:00Z", ev.CLEARED, {"member": "bob"})])
    assert "bob" not in cleared.recused_hard and "bob" in cleared.cleared
    revoked = fold([*log, event("2026-11-16T09:05:00Z", ev.REVOKED, {"name": "mediator"})])
    assert revoked.guests == ()


def test_fold_is_pure():
    # Out of order, so a fold that sorted its input in place would show.
    log = [
        event("2026-11-17T09:00:00Z", ev.ASSIGNED, {"primary": "bob"}, millis=2),
        event("2026-11-16T09:00:00Z", ev.OPENED, copy.deepcopy(OPENED), millis=1),
        event("2026-11-18T09:00:00Z", ev.NOTE, {"text": "x"}, millis=3),
    ]
    before = copy.deepcopy(log)
    state = fold(log)
    assert log == before  # neither the list nor any event's data changed
    assert log[1].data == OPENED
    assert state == fold(copy.deepcopy(before))  # the same log, rebuilt, folds to an equal state


def test_fold_rejects_logs_without_opening():
    with pytest.raises(FoldError):
        fold([])
    with pytest.raises(FoldError):
        fold([event("2026-11-16T09:00:00Z", ev.NOTE, {"text": "x"})])


def test_fold_rejects_unknown_event_types():
    with pytest.raises(FoldError, match="unknown event type"):
        fold([event("2026-11-16T09:00:00Z", ev.OPENED, OPENED), event("2026-11-16T09:00:01Z", "mystery", {})])


def test_event_ids_sort_by_time_and_are_unique():
    ids = [new_event_id(millis) for millis in (1, 2, 3, 1_700_000_000_000)]
    assert ids == sorted(ids)
    assert len({new_event_id(5) for _ in range(100)}) == 100
    assert event_id_millis(new_event_id(1_700_000_000_123)) == 1_700_000_000_123


def test_case_ids_are_speakable_and_avoid_taken_ones():
    first = new_case_id(2026)
    assert is_case_id(first) and first.startswith("2026-")
    assert new_case_id(2026, {first}) != first
