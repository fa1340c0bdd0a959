"""The history service through its Python API: the audit log and verification of the whole history."""

from __future__ import annotations

import pytest

from cocctl.errors import UsageError
from cocctl.service import cases, history, verification
from cocctl.service.workspace import Session
from tests.conftest import git
from tests.test_service_cases import REPORT


def as_(committee, who: str | None) -> Session:
    return Session(archive=committee.root, identity=committee.keys[who] if who else None)


def test_log_lists_commits_newest_first_with_the_events_a_reader_may_see(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=["carol"]).case
    amended = cases.amend_case(as_(committee, "bob"), case, notes=["called back"])
    entries = history.log(as_(committee, "bob"))
    newest = entries[0]
    assert (newest.commit, newest.action, newest.actor, newest.case) == (amended.commit, "amend", "bob", case)
    assert (newest.subject, newest.date, newest.files) == (f"Amend case {case}", "2026-11-20T09:00:00+00:00",
                                                           (f"cases/{case}.yaml",))
    assert [(e["type"], e["by"], e["data"]) for e in newest.events] == [("note", "bob", {"text": "called back"})]
    assert [entry.action for entry in entries] == ["amend", "open", "member-add", "member-add", "init"]
    assert [entry.hidden for entry in history.log(as_(committee, "carol"), case=case)] == [
        "event details hidden: you are not a reader of this case"] * 2
    assert history.log(as_(committee, "alice"), since="2090-01-01") == []
    with pytest.raises(UsageError, match="is not a case id"):
        history.log(as_(committee, "alice"), case="Not A Case")


def test_verify_walks_every_commit_and_finds_nothing_in_an_untouched_history(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    cases.close_case(as_(committee, "bob"), case, "warned", None)
    found = verification.verify(Session(archive=committee.root))
    assert (found.commits, found.case_commits, found.checked, found.problems) == (5, 2, 2, ())
    assert found.signatures == {"unsigned": 2}


def test_verify_names_a_commit_cocctl_did_not_make(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text(path.read_text() + "\n")
    git(committee.root, "commit", "-qam", "tidy whitespace")
    problems = verification.verify(Session(archive=committee.root)).problems
    assert [(p.commit, p.subject) for p in problems] == [(committee.head(), "tidy whitespace")]
    assert "was not made by cocctl" in problems[0].message
