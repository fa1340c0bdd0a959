"""cocctl log: the audit trail from git, with event details for those who can read them."""

from __future__ import annotations

import json

from tests.conftest import git


def test_log_lists_who_did_what_newest_first(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "called back")
    entries = json.loads(committee.ok("alice", "log", "--json").stdout)
    assert [(e["action"], e["actor"], e["case"]) for e in entries[:2]] == [("amend", "bob", case), ("open", "alice", case)]
    assert entries[-1]["action"] == "init"
    added = entries[0]["events"]
    assert [(e["type"], e["by"], e["data"]["text"]) for e in added] == [("note", "bob", "called back")]
    assert entries[0]["signature"] == "N" and entries[0]["signature_state"] == "unsigned"
    text = committee.ok("alice", "log").stdout
    assert f"Amend case {case}" in text and "called back" in text


def test_log_without_a_key_or_access_hides_event_details(committee):
    case = committee.open("alice", "--exclude", "carol")
    keyless = json.loads(committee.ok(None, "log", case, "--json", env={"XDG_CONFIG_HOME": "/nonexistent"}).stdout)
    assert keyless[0]["events"] == [] and keyless[0]["hidden"].startswith("event details hidden")
    carol = json.loads(committee.ok("carol", "log", case, "--json").stdout)
    assert carol[0]["events"] == [] and "not a reader" in carol[0]["hidden"]
    assert "Unwelcome" not in committee.ok("carol", "log").stdout


def test_log_filters_by_case_and_date(committee):
    first = committee.open()
    second = committee.open()
    entries = json.loads(committee.ok("alice", "log", first, "--json").stdout)
    assert {e["case"] for e in entries} == {first} and second != first
    assert json.loads(committee.ok("alice", "log", "--since", "2090-01-01", "--json").stdout) == []
    assert committee.run("alice", "log", "--since", "someday").exit_code == 2
    assert committee.run("alice", "log", "Not A Case").exit_code == 2


def test_log_shows_signatures(committee, tmp_path):
    from tests.test_hooks import ssh_signing

    if not ssh_signing(committee.root, tmp_path):
        return
    case = committee.open()
    entries = json.loads(committee.ok("alice", "log", "--json").stdout)
    assert entries[0]["case"] == case and entries[0]["signature"] == "G"
    assert entries[1]["signature"] == "N"
    assert "signed: good" in committee.ok("alice", "log").stdout
    assert git(committee.root, "log", "-1", "--format=%G?").strip() == "G"
