"""Deadline computation (pure): durations, working days across weekends, what answers what."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cocctl.errors import IntegrityError
from cocctl.model import events as ev
from cocctl.model.events import Event, new_event_id
from cocctl.model.fold import fold
from cocctl.policy import calendar, deadlines, settings
from cocctl.policy.deadlines import DECISION, FIRST_RESPONSE, REPORTER_OUTCOME, REPORTER_UPDATE

RLS = settings.build("rls")
CHAOSS = settings.build("chaoss")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def opened(received: str = "2026-11-20T10:00:00Z", **extra) -> Event:  # a Friday
    data = {"case": "2026-amber-falcon", "summary": "s", "kind": "complaint", "channel": "email",
            "received_at": received, "severity": "high", "reporter": {"name": "Riley"}, **extra}
    return Event(new_event_id(0), "2026-11-20T10:30:00Z", "alice", ev.OPENED, data)


def later(at: str, kind: str, data: dict, millis: int = 1) -> Event:
    return Event(new_event_id(millis), at, "alice", kind, data)


def by_kind(found):
    return {deadline.kind: deadline for deadline in found}


@pytest.mark.parametrize(("start", "duration", "expected"), [
    ("2026-11-20T10:00:00Z", "1 working-day", "2026-11-23T10:00:00Z"),   # Friday -> Monday
    ("2026-11-20T10:00:00Z", "5 working-days", "2026-11-27T10:00:00Z"),  # Friday -> next Friday
    ("2026-11-16T10:00:00Z", "5 working-days", "2026-11-23T10:00:00Z"),  # Monday -> next Monday
    ("2026-11-18T17:00:00Z", "3 working-days", "2026-11-23T17:00:00Z"),  # Wednesday -> Monday
    ("2026-11-21T15:00:00Z", "1 working-day", "2026-11-24T00:00:00Z"),   # Saturday: clock starts Monday 00:00
    ("2026-11-22T23:00:00Z", "5 working-days", "2026-11-30T00:00:00Z"),  # Sunday
    ("2026-11-21T15:00:00Z", "24 hours", "2026-11-22T15:00:00Z"),        # hours ignore weekends
    ("2026-11-20T10:00:00Z", "7 days", "2026-11-27T10:00:00Z"),
    ("2026-11-20T10:00:00Z", "1 week", "2026-11-27T10:00:00Z"),
    ("2026-08-31T10:00:00Z", "6 months", "2027-02-28T10:00:00Z"),
])
def test_durations_after_a_start(start, duration, expected):
    assert calendar.parse(duration).after(t(start)) == t(expected)


@pytest.mark.parametrize("text", ["", "five days", "5 fortnights", "-1 days", "3"])
def test_bad_durations_are_refused(text):
    with pytest.raises(calendar.DurationError):
        calendar.parse(text)


def test_bad_policy_setting_names_the_setting():
    with pytest.raises(IntegrityError, match="deadlines.decision"):
        settings.build("rls", {"deadlines": {"decision": "soon"}})


def test_clock_starts_at_receipt_not_at_typing():
    found = by_kind(deadlines.case_deadlines(fold([opened()]), RLS))
    # Received Friday 10:00, typed in half an hour later.
    assert found[FIRST_RESPONSE].at == t("2026-11-21T10:00:00Z")
    assert found[DECISION].at == t("2026-11-27T10:00:00Z")
    assert found[DECISION].policy == "5 working days"
    assert all(deadline.pending for deadline in found.values())
    assert found[FIRST_RESPONSE].overdue(t("2026-11-23T09:00:00Z"))
    assert not found[DECISION].overdue(t("2026-11-23T09:00:00Z"))


@pytest.mark.parametrize("answer", [
    (ev.COMMUNICATED, {"to": "reporter", "kind": "ack"}),
    (ev.CONTACT, {"with": "reporter", "text": "called"}),
    (ev.CONTACT, {"with": "Riley", "text": "called"}),
])
def test_first_response_is_met_by_a_message_or_contact_with_the_reporter(answer):
    state = fold([opened(), later("2026-11-20T12:00:00Z", *answer)])
    first = by_kind(deadlines.case_deadlines(state, RLS))[FIRST_RESPONSE]
    assert first.met == t("2026-11-20T12:00:00Z") and first.on_time()


def test_contact_with_the_reported_person_does_not_answer_the_reporter():
    state = fold([opened(reported=["sam"]), later("2026-11-20T12:00:00Z", ev.CONTACT, {"with": "sam", "text": "x"})])
    assert by_kind(deadlines.case_deadlines(state, RLS))[FIRST_RESPONSE].pending


def test_chaoss_reporter_must_hear_after_a_week_and_again_after_each_update():
    state = fold([opened(), later("2026-11-20T11:00:00Z", ev.COMMUNICATED, {"to": "reporter", "kind": "ack"})])
    update = by_kind(deadlines.case_deadlines(state, CHAOSS))[REPORTER_UPDATE]
    assert update.at == t("2026-11-27T11:00:00Z")
    state = fold([*state.events, later("2026-11-27T09:00:00Z", ev.COMMUNICATED,
                                       {"to": "reporter", "kind": "update"}, 2)])
    assert by_kind(deadlines.case_deadlines(state, CHAOSS))[REPORTER_UPDATE].at == t("2026-12-04T09:00:00Z")


def test_closing_meets_the_decision_and_asks_for_the_outcome_message():
    state = fold([opened(), later("2026-11-24T10:00:00Z", ev.CLOSED, {"resolution": "warned"})])
    found = by_kind(deadlines.case_deadlines(state, CHAOSS))
    assert found[DECISION].met == t("2026-11-24T10:00:00Z") and found[DECISION].on_time()
    assert FIRST_RESPONSE not in found and REPORTER_UPDATE not in found
    assert found[REPORTER_OUTCOME].pending and found[REPORTER_OUTCOME].at == t("2026-11-25T10:00:00Z")
    told = fold([*state.events, later("2026-11-24T12:00:00Z", ev.COMMUNICATED, {"to": "reporter", "kind": "decision"}, 2)])
    assert {d.kind: d.pending for d in deadlines.case_deadlines(told, CHAOSS)} == {
        FIRST_RESPONSE: False, REPORTER_OUTCOME: False, DECISION: False}
    assert deadlines.envelope_due(told, CHAOSS) == []


def test_anonymous_reports_have_no_reporter_deadlines():
    data = opened().data | {"kind": "anonymous"}
    data.pop("reporter")
    state = fold([Event(new_event_id(0), "2026-11-20T10:00:00Z", "alice", ev.OPENED, data)])
    assert [d.kind for d in deadlines.case_deadlines(state, CHAOSS)] == [DECISION]


def test_escrowed_reports_wait_for_no_decision():
    state = fold([opened(kind="escrow")])
    assert [d.kind for d in deadlines.case_deadlines(state, CHAOSS)] == [FIRST_RESPONSE]


def test_reopening_restarts_the_decision_clock():
    state = fold([opened(), later("2026-11-24T10:00:00Z", ev.CLOSED, {"resolution": "x"}),
                  later("2026-12-01T10:00:00Z", ev.REOPENED, {"reason": "new facts"}, 2)])
    decision = by_kind(deadlines.case_deadlines(state, RLS))[DECISION]
    assert decision.pending and decision.at == t("2026-12-08T10:00:00Z")


def test_an_overridden_null_setting_drops_that_deadline():
    state = fold([opened()])
    policy = settings.build("rls", {"deadlines": {"decision": None}})
    assert [d.kind for d in deadlines.case_deadlines(state, policy)] == [FIRST_RESPONSE]


def test_envelope_due_holds_kinds_and_times_only():
    due = deadlines.envelope_due(fold([opened()]), RLS)
    assert due == [{"kind": "first-response", "at": "2026-11-21T10:00:00Z"},
                   {"kind": "decision", "at": "2026-11-27T10:00:00Z"}]


def test_sanction_end_and_appeal_opening_come_from_the_decision():
    policy = settings.build("sse")
    suspension = {"id": "temporary-suspension", "params": {"period": "30d"}}
    decided = later("2026-11-23T10:00:00Z", ev.DECIDED, {
        "number": 1, "outcome": "adopted", "violation": True, "consequences": [suspension], "rationale": "r"})
    found = by_kind(deadlines.case_deadlines(fold([opened(), decided]), policy))
    assert found[deadlines.SANCTION_END].at == t("2026-12-23T10:00:00Z")
    assert found[deadlines.APPEAL_OPENS].at == t("2026-11-30T10:00:00Z")
    assert DECISION not in found  # SSE promises no decision time, only an estimate
    # Informational dates never make anything overdue.
    assert not found[deadlines.SANCTION_END].overdue(t("2027-01-01T00:00:00Z"))
    appealed = later("2026-12-01T10:00:00Z", ev.APPEALED, {"number": 1, "decision": 1, "reason": "r"}, 2)
    assert deadlines.APPEAL_OPENS not in by_kind(deadlines.case_deadlines(fold([opened(), decided, appealed]), policy))


def test_working_days_are_counted_in_the_communitys_time_zone():
    # Received Friday 20:00 UTC: still Friday in UTC, already Saturday morning in Auckland.
    state = fold([opened(received="2026-11-20T20:00:00Z")])
    utc = by_kind(deadlines.case_deadlines(state, RLS))
    auckland = by_kind(deadlines.case_deadlines(state, settings.build("rls", {"timezone": "Pacific/Auckland"})))
    assert utc[DECISION].at == t("2026-11-27T20:00:00Z")       # five working days: next Friday, same hour
    assert auckland[DECISION].at == t("2026-11-29T11:00:00Z")  # from Monday 00:00 there to next Monday 00:00 there
    assert utc[FIRST_RESPONSE].at == auckland[FIRST_RESPONSE].at == t("2026-11-21T20:00:00Z")  # hours are hours
