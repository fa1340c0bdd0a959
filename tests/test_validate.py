"""cocctl validate: key-less and deep checks, each caught on a failing archive and quiet on a good one."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cocctl import age
from cocctl.archive import yamlio
from tests.conftest import git


def commit_all(root: Path, message: str = "Hand edit") -> None:
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", message)


def test_a_good_archive_passes_with_and_without_a_key(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "called back")
    result = committee.ok(None, "validate")
    assert result.stdout == "" and "ok" in result.stderr
    deep = committee.ok("alice", "validate", "--deep")
    assert "1 case(s) decrypted: ok" in deep.stderr


def test_committed_plaintext_case_file_is_caught_anywhere(committee):
    case = committee.open()
    shown = committee.ok("alice", "show", case, "--json").stdout
    (committee.root / "notes").mkdir()
    (committee.root / "notes" / "copy.json").write_text(shown)
    document = {"case": case, "events": [{"id": "X", "type": "opened", "data": {"summary": "secret"}}]}
    (committee.root / "cases" / f"{case}.decrypted.yaml").write_text(yamlio.dumps(document))
    commit_all(committee.root)
    result = committee.run(None, "validate")
    assert result.exit_code == 1
    assert "notes/copy.json: looks like a decrypted case document" in result.stdout
    assert f"cases/{case}.decrypted.yaml: looks like a decrypted case document" in result.stdout
    assert "secret" not in result.output and "Riley" not in result.output


def test_secret_key_in_the_tree_is_caught(committee):
    (committee.root / "backup.txt").write_text(committee.keys["bob"].read_text())
    result = committee.run(None, "validate")
    assert result.exit_code == 1 and "backup.txt: holds an age secret key" in result.stdout
    assert "AGE-SECRET-KEY" not in result.stdout.replace("(AGE-SECRET-KEY-1...)", "")


def test_envelope_for_an_offboarded_member_is_caught(committee):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    before = path.read_bytes()
    committee.ok("alice", "member", "remove", "carol", "--yes")
    assert committee.ok(None, "validate").exit_code == 0
    path.write_bytes(before)  # someone restores the old version, still encrypted to carol
    commit_all(committee.root, "Restore")
    result = committee.run(None, "validate")
    assert result.exit_code == 1
    assert f"cases/{case}.yaml: needs a reader's re-seal (still readable by carol, who left the committee)" in result.stdout


def test_schemas_of_settings_and_roster(committee):
    (committee.root / "cocctl.yaml").write_text("cocctl: 1\ncommunity: Example\n")
    (committee.root / "committee.yaml").write_text("cocctl: 1\nmembers: nope\n")
    result = committee.run(None, "validate")
    assert result.exit_code == 1
    assert "cocctl.yaml: cocctl.yaml is not valid ((top): missing required field preset" in result.stdout
    assert "committee.yaml: committee.yaml is not valid" in result.stdout


def test_confidential_commit_message_is_caught(committee):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text(path.read_text() + "\n")
    git(committee.root, "commit", "-q", "-am",
        f"Amend case {case}\n\nRiley says sam did it again\n\nCocctl-Action: amend\nCocctl-Case: {case}\n"
        "Cocctl-Actor: alice")
    result = committee.run(None, "validate")
    assert result.exit_code == 1
    assert "message holds text besides the subject and the Cocctl trailers" in result.stdout
    assert "Riley" not in result.stdout
    git(committee.root, "commit", "-q", "--amend", "-m",
        f"Amend case {case} for sam\n\nCocctl-Action: amend\nCocctl-Case: {case}\nCocctl-Actor: alice")
    result = committee.run(None, "validate")
    assert result.exit_code == 1 and "subject that is not in cocctl's format for the amend action" in result.stdout


def test_github_annotations(committee):
    (committee.root / "cases" / "stray.txt").write_text("x\n")
    result = committee.run(None, "validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=cases/stray.txt::is not a file cocctl writes")
    assert committee.run(None, "validate", "--format", "xml").exit_code == 2


def test_deep_counts_cases_my_key_cannot_open(committee):
    committee.open("alice", "--exclude", "carol")
    result = committee.ok("carol", "validate", "--deep")
    assert "0 case(s) decrypted" in result.stderr and "1 case(s) you cannot decrypt" in result.stderr


def test_outside_an_archive_given_files_are_checked(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "cases").mkdir(parents=True)
    git(project, "init", "-q")
    (project / "cases" / ".gitkeep").write_text("")
    monkeypatch.chdir(project)
    from typer.testing import CliRunner

    from cocctl.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["validate", "cases/"])
    assert result.exit_code == 0, result.output
    (project / "cases" / "2026-leaky-case.yaml").write_text("case: x\nevents:\n- type: opened\n")
    result = runner.invoke(app, ["validate", "cases/"])
    assert result.exit_code == 1 and "cases/2026-leaky-case.yaml: looks like a decrypted case document" in result.stdout
    assert runner.invoke(app, ["validate"]).exit_code == 3  # no archive and nothing given
    assert runner.invoke(app, ["validate", "--deep", "cases/"]).exit_code == 2


def test_staged_mode_checks_the_index_not_the_work_tree(committee):
    leak = committee.root / "leak.yaml"
    leak.write_text("events:\n- type: opened\n")
    assert committee.ok(None, "validate", "--staged").exit_code == 0  # not staged yet
    git(committee.root, "add", "leak.yaml")
    leak.write_text("harmless\n")
    result = committee.run(None, "validate", "--staged")
    assert result.exit_code == 1 and "leak.yaml: looks like a decrypted case document" in result.stdout


def test_attachments_must_be_encrypted_and_belong_to_a_case(committee):
    case = committee.open()
    folder = committee.root / "cases" / case
    folder.mkdir()
    (folder / "screenshot.png").write_bytes(b"\x89PNG not encrypted")
    # Encrypted, but named after what it holds: cocctl names attachments after their seal.
    (folder / "log.txt.age").write_bytes(age.encrypt(b"chat log", list(committee.recipients.values()), armor=True))
    orphan = committee.root / "cases" / "2026-lost-case"
    orphan.mkdir()
    (orphan / "a.age").write_bytes(age.encrypt(b"x", list(committee.recipients.values())))
    result = committee.run(None, "validate")
    assert result.exit_code == 1
    assert f"cases/{case}/screenshot.png: is not an attachment as cocctl names one" in result.stdout
    assert f"cases/{case}/log.txt.age: is not an attachment as cocctl names one" in result.stdout
    assert "cases/2026-lost-case/a.age: attachment of case 2026-lost-case, which has no case file" in result.stdout


def test_subjects_of_every_action_fit_the_format_and_confidential_ones_do_not():
    from cocctl.archive.history import Commit
    from cocctl.archive.messages import problems

    def message(subject: str, action: str, case: str | None) -> Commit:
        trailers = f"Cocctl-Action: {action}\n" + (f"Cocctl-Case: {case}\n" if case else "") + "Cocctl-Actor: alice"
        return Commit("0" * 40, (), "", "", "", f"{subject}\n\n{trailers}")

    case = "2026-amber-falcon"
    good = [
        (f"Record vote on case {case}", "vote", case),
        (f"Revoke an outside party's access to case {case}", "revoke", case),
        (f"Record a hard recusal on case {case}", "recuse", case),
        ("Confirm that bob.k continues on the committee", "member-confirm", None),
        ("Create the cocctl archive for Example Community", "init", None),
        ("Re-encrypt cases to their readers", "reencrypt", None),
    ]
    for subject, action, with_case in good:
        assert problems(message(subject, action, with_case)) == [], subject
    bad = [
        (f"Record vote on case {case}: Sam Smith harassed Riley", "vote", case),
        (f"Record vote by Sam on case {case}", "vote", case),
        (f"Open case {case}", "open", "2026-other-case"),
        (f"Record a note about the harassment of a speaker at the party on case {case}", "note", case),
    ]
    for subject, action, with_case in bad:
        assert problems(message(subject, action, with_case)), subject


def test_the_people_index_key_must_stay_encrypted(committee):
    committee.open()
    index = committee.root / "index.key.age"
    if not index.is_file():
        index.write_bytes(age.encrypt(b"k" * 32, list(committee.recipients.values())))
    assert committee.ok(None, "validate").exit_code == 0
    index.write_bytes(b"k" * 32)
    result = committee.run(None, "validate")
    assert result.exit_code == 1 and "index.key.age: the blinded-index key is not an encrypted age file" in result.stdout
