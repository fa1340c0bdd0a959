"""The cases service through its Python API: open, list, show, amend, edit, assign, close, reopen."""

from __future__ import annotations

import pytest

from cocctl.archive import validation
from cocctl.archive import yamlio
from cocctl.errors import AccessDenied, ConflictError, NotFound, UsageError
from cocctl.archive.ids import is_case_id
from cocctl.service import cases
from cocctl.service.cases import CaseRow
from cocctl.service.workspace import Session
from tests.conftest import NOW

REPORT = {"summary": "Unwelcome DMs after being asked to stop", "kind": "complaint", "channel": "email",
          "severity": "high", "reported": ["sam"], "reporter": {"name": "Riley", "contact": "riley@example.org"},
          "received_at": "2026-11-16T08:30:00Z"}


def as_(committee, who: str | None) -> Session:
    return Session(archive=committee.root, identity=committee.keys[who] if who else None)


def test_open_returns_the_case_its_commit_and_the_event_it_wrote(committee):
    commits = committee.commits()
    change = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=["carol"])
    assert is_case_id(change.case) and change.case.startswith("2026-")
    assert change.commit == committee.head() and committee.commits() == commits + 1
    assert [(event.type, event.by, event.at) for event in change.added] == [("opened", "alice", NOW)]
    assert change.added[0].data == {"case": change.case, **REPORT, "exclude": ["carol"]}
    state = change.state
    assert (state.id, state.status, state.opened_by, state.severity) == (change.case, "open", "alice", "high")
    assert state.reported == ("sam",) and state.reporter.name == "Riley" and state.excluded == {"carol"}
    assert committee.status() == ""


def test_received_at_defaults_to_now(committee):
    report = {name: value for name, value in REPORT.items() if name != "received_at"}
    assert cases.open_case(as_(committee, "bob"), report, exclude=[]).state.received_at == NOW


def test_show_reads_back_what_open_wrote_and_only_for_readers(committee):
    change = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=["carol"])
    assert cases.show_case(as_(committee, "bob"), change.case) == change.state
    with pytest.raises(AccessDenied, match="not one of its recipients"):
        cases.show_case(as_(committee, "carol"), change.case)
    with pytest.raises(NotFound):
        cases.show_case(as_(committee, "alice"), "2026-no-such")


def test_list_reads_envelopes_and_says_whether_i_can_read_each(committee):
    first = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=["carol"]).case
    second = cases.open_case(as_(committee, "bob"), dict(REPORT), exclude=[]).case
    cases.close_case(as_(committee, "bob"), second, "warned", None)
    rows = {row.case: row for row in cases.list_cases(as_(committee, "carol"))}
    assert rows == {
        first: CaseRow(first, "open", NOW, NOW, ("alice", "bob"), readable=False),
        second: CaseRow(second, "closed", NOW, NOW, ("alice", "bob", "carol"), readable=True),
    }
    assert [row.case for row in cases.list_cases(as_(committee, None), statuses=["open"])] == [first]
    assert cases.list_cases(as_(committee, None))[0].readable is None  # no identity: no answer


def test_raw_case_is_a_valid_case_document_of_the_same_events(committee):
    change = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[])
    document = yamlio.loads(cases.raw_case(as_(committee, "bob"), change.case))
    assert validation.case_problems(document) == []
    assert document["events"] == [event.to_dict() for event in change.state.events]
    assert (document["case"], document["status"]) == (change.case, "open")


def test_amend_records_each_kind_of_change_in_one_commit_and_nothing_twice(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    commits = committee.commits()
    change = cases.amend_case(as_(committee, "bob"), case, notes=["called Riley"], evidence=["log excerpt"],
                              contacts=[("sam", "denies it")], set_fields={"severity": "critical"},
                              add={"witnesses": ["wes"]})
    assert committee.commits() == commits + 1 and change.commit == committee.head()
    assert [(event.type, event.data) for event in change.added] == [
        ("note", {"text": "called Riley"}),
        ("evidence", {"description": "log excerpt"}),
        ("contact", {"with": "sam", "text": "denies it"}),
        ("amended", {"set": {"severity": "critical"}, "add": {"witnesses": ["wes"]}}),
    ]
    assert change.state.severity == "critical" and change.state.witnesses == ("wes",)
    again = cases.amend_case(as_(committee, "bob"), case, evidence=["log excerpt"], set_fields={"severity": "critical"})
    assert (again.commit, again.added) == (None, ()) and committee.commits() == commits + 1
    with pytest.raises(UsageError, match="nothing to amend"):
        cases.amend_case(as_(committee, "bob"), case)


def test_edit_round_trips_the_report_and_records_the_difference(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    text = cases.edit_text(as_(committee, "alice"), case)
    assert text.startswith(f"# Case {case}: edit the report below")
    assert yamlio.loads(text)["severity"] == "high"
    change = cases.apply_edit(as_(committee, "alice"), case, text.replace("severity: high", "severity: low"))
    assert [(event.type, event.data) for event in change.added] == [("amended", {"set": {"severity": "low"}})]
    unchanged = cases.apply_edit(as_(committee, "alice"), case, cases.edit_text(as_(committee, "alice"), case))
    assert unchanged.commit is None
    with pytest.raises(UsageError, match="lacks the required field summary"):
        cases.apply_edit(as_(committee, "alice"), case, "kind: complaint\nchannel: dm\nseverity: low\n")


def test_assign_names_owners_who_can_read_the_case(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=["carol"]).case
    change = cases.assign_case(as_(committee, "alice"), case, "bob", "alice")
    assert (change.state.primary, change.state.secondary) == ("bob", "alice")
    assert cases.assign_case(as_(committee, "alice"), case, "bob", "alice").commit is None
    head = committee.head()
    with pytest.raises(UsageError, match="carol cannot read case"):
        cases.assign_case(as_(committee, "alice"), case, "carol", None)
    with pytest.raises(UsageError, match="must be different"):
        cases.assign_case(as_(committee, "alice"), case, "bob", "bob")
    assert committee.head() == head


def test_close_and_reopen_change_the_status_once_each(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    closed = cases.close_case(as_(committee, "bob"), case, "warned", "A warning was given.")
    assert (closed.state.status, closed.state.resolution, closed.state.closed_at) == ("closed", "warned", NOW)
    assert closed.state.public_summary == "A warning was given."
    head = committee.head()
    with pytest.raises(ConflictError, match="already closed"):
        cases.close_case(as_(committee, "alice"), case, "again", None)
    reopened = cases.reopen_case(as_(committee, "alice"), case, "new evidence")
    assert (reopened.state.status, reopened.state.closed_at) == ("open", None)
    assert reopened.commit != head
    with pytest.raises(ConflictError, match="is not closed"):
        cases.reopen_case(as_(committee, "alice"), case, "again")


@pytest.mark.parametrize(("report", "exclude", "message"), [
    ({"summary": "s"}, [], "missing report fields: kind, channel, severity"),
    ({**REPORT, "kind": "anonymous"}, [], "an anonymous report keeps no reporter"),
    ({**REPORT, "colour": "red"}, [], "unknown report fields: colour"),
    ({**REPORT, "severity": "apocalyptic"}, [], "severity: must be one of low, medium, high, critical"),
    (REPORT, ["alice"], "you cannot exclude yourself"),
    (REPORT, ["nobody"], "nobody"),
])
def test_open_refuses_a_bad_report_and_writes_nothing(committee, report, exclude, message):
    head = committee.head()
    with pytest.raises(UsageError, match=message):
        cases.open_case(as_(committee, "alice"), dict(report), exclude=exclude)
    assert committee.head() == head and committee.status() == ""
