"""The case lifecycle through the CLI: open, list, show, amend, assign, close, reopen."""

from __future__ import annotations

import json

import pyrage
import pytest

from tests.conftest import git


def secret(path) -> str:
    return next(line for line in path.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-1"))


def payload(committee, case: str) -> bytes:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())["seals"][-1]["age"].encode()


def test_open_prints_the_id_and_commits_one_encrypted_file(committee):
    commits = committee.commits()
    case = committee.open()
    assert committee.commits() == commits + 1
    text = (committee.root / "cases" / f"{case}.yaml").read_text()
    assert "BEGIN AGE ENCRYPTED FILE" in text
    for secret_word in ("Riley", "sam", "Unwelcome", "riley@example.org"):
        assert secret_word not in text
    assert committee.status() == ""


def test_open_encrypts_to_every_member_and_pyrage_reads_it(committee):
    case = committee.open()
    for handle in ("alice", "bob", "carol"):
        identity = pyrage.x25519.Identity.from_str(secret(committee.keys[handle]))
        assert b"Unwelcome DMs" in pyrage.decrypt(payload(committee, case), [identity])


def test_excluded_member_cannot_decrypt_the_case(committee):
    case = committee.open("alice", "--exclude", "carol")
    carol = pyrage.x25519.Identity.from_str(secret(committee.keys["carol"]))
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(payload(committee, case), [carol])
    result = committee.run("carol", "show", case)
    assert result.exit_code == 4 and "not one of its recipients" in result.stderr
    assert "Unwelcome" not in result.output
    rows = json.loads(committee.ok("carol", "list", "--json").stdout)
    assert rows[0]["readable"] is False and rows[0]["readers"] == ["alice", "bob"]


def test_exclusion_survives_later_writes(committee):
    case = committee.open("alice", "--exclude", "carol")
    committee.ok("bob", "amend", case, "--note", "spoke to the reporter")
    assert committee.run("carol", "show", case).exit_code == 4


def test_open_from_file_with_flags_overriding(committee, tmp_path):
    report = tmp_path / "report.yaml"
    report.write_text(
        "summary: Slurs in the public channel\nkind: concern\nchannel: public-channel\n"
        "severity: low\nreported: [kim]\nexclude: [carol]\n"
    )
    case = committee.ok("alice", "open", "--from-file", str(report), "--severity", "medium").stdout.strip()
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert (state["kind"], state["severity"], state["reported"]) == ("concern", "medium", ["kim"])
    assert state["excluded"] == ["carol"]


def test_invalid_from_file_is_refused_and_nothing_written(committee, tmp_path):
    before = committee.head()
    bad = tmp_path / "bad.yaml"
    bad.write_text("summary: [unclosed\n")
    result = committee.run("alice", "open", "--from-file", str(bad))
    assert result.exit_code == 2 and "not valid YAML" in result.stderr
    bad.write_text("summary: x\ncolour: red\n")
    result = committee.run("alice", "open", "--from-file", str(bad))
    assert result.exit_code == 2 and "unknown fields: colour" in result.stderr
    assert committee.head() == before and committee.status() == ""


def test_missing_fields_without_a_terminal_are_named_not_prompted(committee):
    result = committee.run("alice", "open", "--summary", "something")
    assert result.exit_code == 2
    assert "missing report fields: kind, channel, severity" in result.stderr


def test_open_prompts_for_missing_fields_when_interactive(committee):
    answers = "\n".join([
        "Threats in a DM", "threats", "sam, kim", "", "log.txt", "", "y", "complaint",
        "Riley", "riley@example.org", "dm", "2026-11-16T08:00:00Z", "critical", "y",
    ]) + "\n"
    result = committee.run("alice", "open", "--interactive", input=answers)
    assert result.exit_code == 0, result.output
    case = result.stdout.strip().splitlines()[-1]
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert state["reported"] == ["sam", "kim"] and state["urgent"] is True and state["consent"] is True
    assert state["received_at"] == "2026-11-16T08:00:00Z" and state["channel"] == "dm"


def test_anonymous_report_keeps_no_reporter(committee):
    refused = committee.run("alice", "open", "--summary", "x", "--kind", "anonymous", "--channel", "in-person",
                            "--severity", "low", "--reporter", "Riley")
    assert refused.exit_code == 2 and "anonymous" in refused.stderr
    case = committee.ok("alice", "open", "--summary", "x", "--kind", "anonymous", "--channel", "in-person",
                        "--severity", "low").stdout.strip()
    raw = committee.ok("alice", "show", case, "--raw").stdout
    assert "reporter" not in raw
    refused = committee.run("alice", "amend", case, "--kind", "complaint")
    assert refused.exit_code == 0  # a kind change alone is fine; no reporter was kept


def test_invalid_values_are_refused(committee):
    result = committee.run("alice", "open", "--summary", "x", "--kind", "rumour", "--channel", "email",
                           "--severity", "low")
    assert result.exit_code == 2 and "kind: must be one of complaint" in result.stderr
    result = committee.run("alice", "open", "--summary", "x", "--kind", "concern", "--channel", "email",
                           "--severity", "low", "--received-at", "yesterday")
    assert result.exit_code == 2 and "ISO 8601" in result.stderr


def test_list_and_show(committee):
    first = committee.open()
    second = committee.open("bob")
    committee.ok("alice", "close", first, "--resolution", "warned")
    rows = json.loads(committee.ok(None, "list", "--json").stdout)
    assert {row["case"] for row in rows} == {first, second}
    open_rows = json.loads(committee.ok(None, "list", "--status", "open", "--json").stdout)
    assert [row["case"] for row in open_rows] == [second]
    shown = committee.ok("alice", "show", first).stdout
    assert "Unwelcome DMs" in shown and "closed" in shown and "timeline" in shown
    raw = committee.ok("alice", "show", first, "--raw").stdout
    assert raw.startswith("cocctl: 1\ncase: " + first)


def test_amend_records_events_in_one_commit(committee):
    case = committee.open()
    commits = committee.commits()
    committee.ok("bob", "amend", case, "--note", "called Riley", "--evidence", "log excerpt",
                 "--witness", "wes", "--contact", "sam: denies it", "--severity", "critical")
    assert committee.commits() == commits + 1
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    types = [event["type"] for event in state["events"]]
    assert types == ["opened", "note", "evidence", "contact", "amended"]
    assert state["severity"] == "critical" and state["witnesses"] == ["wes"]
    assert all(event["by"] == "bob" for event in state["events"][1:])


def test_amend_without_changes_makes_no_commit(committee):
    case = committee.open()
    commits = committee.commits()
    result = committee.ok("alice", "amend", case, "--severity", "high")
    assert "nothing changed" in result.stderr
    assert committee.commits() == commits
    assert committee.run("alice", "amend", case).exit_code == 2


def test_bad_contact_format(committee):
    case = committee.open()
    result = committee.run("alice", "amend", case, "--contact", "no colon here")
    assert result.exit_code == 2 and "WHO: what was said" in result.stderr


def test_assign_close_reopen(committee):
    case = committee.open("alice", "--exclude", "carol")
    result = committee.run("alice", "assign", case, "--primary", "carol")
    assert result.exit_code == 2 and "cannot read" in result.stderr
    committee.ok("alice", "assign", case, "--primary", "alice", "--secondary", "bob")
    commits = committee.commits()
    assert "nothing changed" in committee.ok("alice", "assign", case, "--primary", "alice", "--secondary", "bob").stderr
    assert committee.commits() == commits
    committee.ok("bob", "close", case, "--resolution", "private warning", "--public-summary", "A warning was given.")
    again = committee.run("bob", "close", case, "--resolution", "again")
    assert again.exit_code == 7 and "already closed" in again.stderr
    committee.ok("alice", "reopen", case, "--reason", "new report")
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert (state["status"], state["primary"], state["secondary"]) == ("open", "alice", "bob")
    assert state["public_summary"] == "A warning was given."


def test_envelope_holds_no_names_and_mirrors_state(committee):
    case = committee.open()
    committee.ok("alice", "close", case, "--resolution", "done")
    envelope = (committee.root / "cases" / f"{case}.yaml").read_text()
    assert "status: closed" in envelope and "readers:" in envelope
    log = git(committee.root, "log", "--format=%B")
    assert "Riley" not in log and "Unwelcome" not in log and "sam" not in log
