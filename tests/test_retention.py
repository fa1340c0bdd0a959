"""Retention: dates in plaintext metadata, retention --check without a key, expunge with a tombstone."""

from __future__ import annotations

import json

from tests.conftest import case_metadata, git


def closed_case(committee, tmp_path) -> str:
    case = committee.open()
    (tmp_path / "a.txt").write_text("evidence\n")
    committee.ok("alice", "attach", case, str(tmp_path / "a.txt"))
    committee.ok("alice", "close", case, "--resolution", "no violation found")
    return case


def test_the_django_preset_dates_a_closed_case_and_expunge_leaves_only_a_tombstone(make_committee, tmp_path):
    committee = make_committee("django")
    case = closed_case(committee, tmp_path)
    assert case_metadata(committee, case)["expunge"] == "2027-05-20T09:00:00Z"  # six months: no violation found
    listed = json.loads(committee.ok(None, "retention", "--json").stdout)
    assert listed["cases"][0]["expunge"] == "2027-05-20T09:00:00Z" and listed["past"] == []
    assert committee.run(None, "retention", "--check").exit_code == 0
    early = committee.run("alice", "expunge", case, "--yes")
    assert early.exit_code != 0 and "may be expunged from 2027-05-20T09:00:00Z" in early.output

    later = {"COCCTL_NOW": "2027-06-01T09:00:00Z"}
    check = committee.run(None, "retention", "--check", env=later)
    assert check.exit_code == 1 and case in check.output
    done = committee.ok("alice", "expunge", case, "--yes", env=later)
    assert "git filter-repo" in done.output and "clone the archive again" in done.output
    assert not (committee.root / "cases" / f"{case}.yaml").exists() and not (committee.root / "cases" / case).exists()
    stone = (committee.root / "expunged" / f"{case}.yaml").read_text()
    assert "kind: complaint" in stone and "outcome: not_violation" in stone
    assert "Riley" not in stone and "sam" not in stone and "no violation" not in stone
    assert committee.commits() == int(git(committee.root, "rev-list", "--count", "HEAD"))
    assert committee.status() == ""
    committee.ok(None, "validate", env=later)
    committee.ok(None, "verify", env=later)


def test_a_case_deleted_any_other_way_still_fails_verify(make_committee, tmp_path):
    committee = make_committee("django")
    case = closed_case(committee, tmp_path)
    git(committee.root, "rm", "-q", "-r", f"cases/{case}.yaml", f"cases/{case}")
    git(committee.root, "commit", "-qm", "drop an old case", "--no-verify")
    result = committee.run(None, "verify")
    assert result.exit_code != 0 and "deletes a case file" in result.output


def test_without_a_retention_policy_cases_are_kept(committee, tmp_path):
    case = closed_case(committee, tmp_path)
    assert "expunge" not in case_metadata(committee, case)
    assert "kept (no date)" in committee.ok(None, "retention").output
    refused = committee.run("alice", "expunge", case, "--yes")
    assert refused.exit_code != 0 and "kept under this archive's retention policy" in refused.output
    open_case = committee.open()
    assert "not closed" in committee.run("alice", "expunge", open_case, "--yes").output


def test_a_new_retention_policy_reaches_closed_cases_with_rekey(committee, tmp_path):
    case = closed_case(committee, tmp_path)
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  retention:\n    not_violation: 1 month\n")
    committee.ok("alice", "policy", "sign")
    assert "expunge" not in case_metadata(committee, case)
    assert "expunge date differs" in committee.run("alice", "validate", "--deep").stdout
    committee.ok("alice", "rekey")
    assert case_metadata(committee, case)["expunge"] == "2026-12-20T09:00:00Z"
    committee.ok("alice", "validate", "--deep")


def test_an_open_case_naming_the_same_person_holds_a_closed_case(make_committee, tmp_path):
    committee = make_committee("django")
    old = closed_case(committee, tmp_path)
    new = committee.ok(
        "alice", "open", "--summary", "Another report", "--kind", "complaint", "--channel", "email",
        "--severity", "low", "--reported", "jo", "--reporter", "Kim", "--reporter-contact", "kim@example.org",
        "--received-at", "2026-11-18T08:30:00Z").stdout.strip().splitlines()[-1]
    later = {"COCCTL_NOW": "2027-06-01T09:00:00Z"}
    assert old in committee.run(None, "retention", "--check", env=later).output  # another person: not held

    committee.ok("alice", "amend", new, "--reported", "sam")  # the new report now names the same person
    check = committee.run(None, "retention", "--check", env=later)
    assert check.exit_code == 0 and f"held: open case {new}" in check.output
    listed = json.loads(committee.ok(None, "retention", "--json", env=later).stdout)
    assert listed["past"] == [] and {row["case"]: row["held_by"] for row in listed["cases"]}[old] == [new]
    head = committee.head()
    refused = committee.run("alice", "expunge", old, "--yes", env=later)
    assert refused.exit_code != 0 and f"held while open case {new} names the same person" in refused.output
    assert committee.head() == head and (committee.root / "cases" / f"{old}.yaml").exists()

    committee.ok("alice", "close", new, "--resolution", "no violation found")
    check = committee.run(None, "retention", "--check", env=later)
    assert check.exit_code == 1 and old in check.output
    committee.ok("alice", "expunge", old, "--yes", env=later)


def test_verify_rejects_an_expunge_whose_actor_was_not_a_member(make_committee, tmp_path):
    committee = make_committee("django")
    case = closed_case(committee, tmp_path)
    later = {"COCCTL_NOW": "2027-06-01T09:00:00Z"}
    committee.ok("alice", "expunge", case, "--yes", env=later)
    message = git(committee.root, "log", "-1", "--format=%B")
    assert "Cocctl-Actor: alice" in message
    git(committee.root, "commit", "-q", "--amend", "--no-verify", "-m",
        message.replace("Cocctl-Actor: alice", "Cocctl-Actor: mallory"))
    result = committee.run(None, "verify", env=later)
    assert result.exit_code != 0 and "expunges the case as mallory, not a member active before it" in result.output
