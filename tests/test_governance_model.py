"""The governance events in the fold and the case schema."""

from __future__ import annotations

from cocctl.archive import validation
from cocctl.model import events as ev
from cocctl.model.events import Event, new_event_id
from cocctl.model.fold import fold

OPENED = {"case": "2026-amber-falcon", "summary": "s", "kind": "complaint", "channel": "email", "severity": "low",
          "reported": ["sam"], "received_at": "2026-11-01T00:00:00Z"}
SUSPEND = [{"id": "temporary-suspension", "params": {"period": "14d"}}]


def log(*items):
    out = [Event(new_event_id(0), "2026-11-01T00:00:00Z", "alice", ev.OPENED, OPENED)]
    for index, (kind, by, data) in enumerate(items, start=1):
        out.append(Event(new_event_id(index), f"2026-11-{index + 1:02d}T00:00:00Z", by, kind, data))
    return out


def test_votes_latest_per_member_decision_appeal_overturned():
    events = log(
        (ev.PROPOSED, "alice", {"number": 1, "violation": True, "consequences": SUSPEND, "rationale": "r",
                                "persons": ["sam"]}),
        (ev.VOTED, "bob", {"proposal": 1, "vote": "no"}),
        (ev.VOTED, "bob", {"proposal": 1, "vote": "yes"}),
        (ev.DECIDED, "alice", {"number": 1, "proposal": 1, "outcome": "adopted", "violation": True,
                               "consequences": SUSPEND, "rationale": "r", "persons": ["sam"]}),
        (ev.APPEALED, "bob", {"number": 1, "decision": 1, "reason": "x"}),
        (ev.APPEAL_DECIDED, "carol", {"appeal": 1, "result": "overturned", "rationale": "y"}),
    )
    state = fold(events)
    assert state.proposals[0].ballot == {"bob": "yes"} and state.proposals[0].decided == 1
    decision = state.decisions[0]
    assert decision.standing == "overturned" and not decision.in_force and decision.ended_at == "2026-11-07T00:00:00Z"
    for event in events:
        assert validation.problems(validation.CASE, event.to_dict(), definition="event") == []


def test_interim_confirmed_or_lifted_and_escrow_released():
    interim = {"number": 1, "outcome": "adopted", "violation": True, "consequences": SUSPEND, "rationale": "r",
               "interim": True}
    confirmed = fold(log((ev.DECIDED, "alice", interim), (ev.CONFIRMED, "bob", {"decision": 1})))
    assert not confirmed.decisions[0].interim and confirmed.decisions[0].in_force
    lifted = fold(log((ev.DECIDED, "alice", interim), (ev.LIFTED, "bob", {"decision": 1, "rationale": "x"})))
    assert not lifted.decisions[0].in_force
    escrow = log((ev.RELEASED, "bob", {"kind": "complaint"}))
    escrow[0] = Event(escrow[0].id, escrow[0].at, "alice", ev.OPENED, {**OPENED, "kind": "escrow"})
    assert fold(escrow[:1]).status == "escrowed" and fold(escrow).status == "open"


def test_schema_rejects_bad_governance_data():
    bad = {"id": new_event_id(0), "at": "2026-11-01T00:00:00Z", "by": "bob", "type": ev.VOTED,
           "data": {"proposal": 1, "vote": "maybe"}}
    assert validation.problems(validation.CASE, bad, definition="event") == [
        "data/vote: must be one of yes, no, abstain"]


def test_same_vote_twice_makes_no_commit(make_committee):
    committee = make_committee("contributor-covenant")
    case = committee.open()
    committee.ok("alice", "propose", case, "--violation", "--consequence", "correction", "--rationale", "r")
    committee.ok("bob", "vote", case, "yes")
    head = committee.head()
    again = committee.ok("bob", "vote", case, "yes")
    assert committee.head() == head and "nothing changed" in again.stderr
