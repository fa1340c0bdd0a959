"""People across cases: name normalisation, strikes (and their expiry), sanctions in force, appeal windows."""

from __future__ import annotations

import pytest

from cocctl.clock import parse_time
from cocctl.errors import ConflictError
from cocctl.model import events as ev
from cocctl.model.events import Event, new_event_id
from cocctl.model.fold import fold
from cocctl.policy import sanctions as rules
from cocctl.policy import settings
from cocctl.policy.calendar import parse


def case(name: str, *decisions: tuple[str, list]) -> object:
    opened = {"case": "2026-amber-falcon", "summary": "s", "kind": "complaint", "channel": "email",
              "severity": "low", "reported": [name], "received_at": "2026-01-01T00:00:00Z"}
    events = [Event(new_event_id(0), "2026-01-01T00:00:00Z", "alice", ev.OPENED, opened)]
    for index, (at, consequences) in enumerate(decisions, start=1):
        events.append(Event(new_event_id(index), at, "alice", ev.DECIDED, {
            "number": index, "outcome": "adopted", "violation": True, "consequences": consequences,
            "rationale": "r"}))
    return fold(events)


def test_names_match_across_case_space_and_at_sign():
    assert rules.normalise("  @Lee   Park ") == rules.normalise("lee park") == "lee park"


def test_strikes_add_up_and_may_expire():
    states = [case("sam", ("2026-01-02T00:00:00Z", [{"id": "strike", "params": {"count": 2}}])),
              case("Sam", ("2026-06-01T00:00:00Z", [{"id": "strike", "params": {}}]))]
    now = parse_time("2026-07-01T00:00:00Z")
    assert rules.strikes(states, "sam", now) == 3
    assert rules.strikes(states, "sam", now, expire=parse("90d")) == 1
    assert rules.strikes(states, "riley", now) == 0


def test_sanctions_in_force_soonest_end_first_and_expiring_soon():
    state = case("sam", ("2026-01-10T00:00:00Z", [
        {"id": "permanent-suspension", "params": {}},
        {"id": "do-not-contact", "params": {"period": "30d", "protect": ["riley"]}},
    ]))
    found = rules.sanctions([state], parse_time("2026-02-05T00:00:00Z"), parse("7d"))
    assert [s.consequence["id"] for s in found] == ["do-not-contact", "permanent-suspension"]
    assert found[0].end == "2026-02-09T00:00:00Z" and found[0].expires_soon and found[1].end is None
    later = rules.sanctions([state], parse_time("2026-03-01T00:00:00Z"))
    assert [s.consequence["id"] for s in later] == ["permanent-suspension"]
    assert rules.highest([state], "sam")["id"] == "permanent-suspension"


def test_appeal_window():
    appeals = settings.build("sse", {"appeals": {"opens_after": "7d", "closes_after": "30d"}}).appeals
    decided = "2026-01-01T00:00:00Z"
    with pytest.raises(ConflictError, match="accepted from 2026-01-08T00:00:00Z"):
        rules.check_appeal_window(appeals, decided, parse_time("2026-01-07T23:59:59Z"), "c", 1)
    rules.check_appeal_window(appeals, decided, parse_time("2026-01-08T00:00:00Z"), "c", 1)
    with pytest.raises(ConflictError, match="closed"):
        rules.check_appeal_window(appeals, decided, parse_time("2026-02-01T00:00:00Z"), "c", 1)
    with pytest.raises(ConflictError, match="no appeals"):
        rules.check_appeal_window(settings.build("rls").appeals, decided, parse_time("2026-02-01T00:00:00Z"), "c", 1)
