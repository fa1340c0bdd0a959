"""Bad input gets a one-line error, a non-zero exit code, and nothing changes."""

from __future__ import annotations

import pytest

from cocctl.cli import app


@pytest.fixture
def case(committee) -> str:
    return committee.open()


def assert_unchanged(committee, head: str) -> None:
    assert committee.head() == head
    assert committee.status() == ""


def test_unknown_case(committee, case):
    head = committee.head()
    for command in (["show", "2026-no-such"], ["amend", "2026-no-such", "--note", "x"], ["show", "../../etc/passwd"]):
        result = committee.run("alice", *command)
        assert result.exit_code == 3 and "no case" in result.stderr and "cocctl list" in result.stderr
    assert_unchanged(committee, head)


def test_archive_not_found(tmp_path, committee):
    result = committee.runner.invoke(app, ["--identity", str(committee.keys["alice"]), "list"])
    assert result.exit_code == 3 and "not inside a cocctl archive" in result.stderr
    result = committee.runner.invoke(app, ["--archive", str(tmp_path / "nowhere"), "list"])
    assert result.exit_code == 3 and "cocctl init" in result.stderr


def test_wrong_identity_for_a_case(committee, case):
    head = committee.head()
    committee.ok("alice", "member", "remove", "bob", "--yes")
    head = committee.head()
    result = committee.run("bob", "amend", case, "--note", "x")
    assert result.exit_code == 4
    assert_unchanged(committee, head)


def test_corrupt_case_file(committee, case):
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text("cocctl: 1\npayload: [\n")
    git(committee, "commit", "-qam", "corrupt")
    result = committee.run("alice", "show", case)
    assert result.exit_code == 6 and "not a valid case file" in result.stderr
    path.write_text("cocctl: 1\ncase: x\n")
    git(committee, "commit", "-qam", "corrupt")
    result = committee.run("alice", "show", case)
    assert result.exit_code == 6 and "missing required field" in result.stderr


def test_not_a_member_cannot_write(committee, tmp_path, case):
    committee.runner.invoke(app, ["keygen", "--out", str(tmp_path / "mallory")])
    committee.keys["mallory"] = tmp_path / "mallory"
    head = committee.head()
    result = committee.run("mallory", "amend", case, "--note", "x")
    assert result.exit_code == 4 and "not an active member" in result.stderr
    result = committee.run("mallory", "open", "--summary", "x", "--kind", "concern", "--channel", "dm", "--severity", "low")
    assert result.exit_code == 4
    assert_unchanged(committee, head)


def test_errors_are_one_line(committee):
    result = committee.run("alice", "show", "2026-no-such")
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("cocctl: ")


def git(committee, *args: str) -> None:
    from tests.conftest import git as run

    run(committee.root, *args)
