"""init and the roster: one commit each, re-encryption when readers change."""

from __future__ import annotations

import pyrage
import pytest

from cocctl.cli import app
from tests.conftest import git


def test_init_creates_the_archive_in_one_commit(committee):
    files = git(committee.root, "ls-files").split()
    assert set(files) == {"cocctl.yaml", "committee.yaml", "cases/.gitkeep", ".gitattributes", "index/alice.age", "index/bob.age", "index/carol.age"}
    first = git(committee.root, "log", "--reverse", "--format=%B%x00").split("\x00")[0]
    assert first.startswith("Create the cocctl archive for Example")
    assert "Cocctl-Action: init" in first and "Cocctl-Actor: alice" in first
    assert "diff=cocctl" in (committee.root / ".gitattributes").read_text()


def test_init_refuses_an_existing_archive(committee):
    result = committee.run("alice", "init", str(committee.root), "--community", "X", "--me", "alice")
    assert result.exit_code != 0 and "already a cocctl archive" in result.stderr


def test_init_rejects_unknown_preset_and_bad_handle(committee, tmp_path):
    key = str(committee.keys["alice"])
    bad = committee.runner.invoke(app, ["-i", key, "init", str(tmp_path / "a"), "--community", "X",
                                        "--me", "alice", "--preset", "nope"])
    assert bad.exit_code == 2 and "unknown preset" in bad.stderr
    bad = committee.runner.invoke(app, ["-i", key, "init", str(tmp_path / "b"), "--community", "X", "--me", "Alice!"])
    assert bad.exit_code == 2 and "not a valid handle" in bad.stderr
    assert not (tmp_path / "a" / "cocctl.yaml").exists()


def test_member_list_shows_everyone_without_a_key(committee):
    result = committee.ok(None, "member", "list", "--json")
    assert [m["handle"] for m in __import__("json").loads(result.stdout)] == ["alice", "bob", "carol"]


def test_member_add_rejects_a_malformed_key_and_duplicates(committee):
    before = committee.head()
    bad = committee.run("alice", "member", "add", "dana", "--key", "age1notakey ed25519:x")
    assert bad.exit_code == 2 and "not a member key line" in bad.stderr
    bare = committee.run("alice", "member", "add", "dana", "--recipient", committee.recipients["bob"])
    assert bare.exit_code == 2 and "needs a signing key" in bare.stderr
    dup = committee.run("alice", "member", "add", "bob", "--key", str(committee.keys["bob"]) + ".pub")
    assert dup.exit_code != 0 and "already on the roster" in dup.stderr
    assert committee.head() == before


def test_new_member_can_read_existing_cases_under_committee_access(committee, tmp_path):
    case = committee.open()
    dana = tmp_path / "dana"
    recipient = committee.runner.invoke(app, ["keygen", "--out", str(dana)]).stdout.strip()
    committee.keys["dana"] = dana
    assert committee.run("dana", "show", case).exit_code == 4
    commits = committee.commits()
    committee.ok("alice", "member", "add", "dana", "--key", recipient)
    assert committee.commits() == commits + 1
    assert committee.ok("dana", "show", case).stdout.count(case) >= 1


def test_removed_member_can_no_longer_decrypt_the_current_file(committee):
    case = committee.open()
    committee.ok("alice", "member", "remove", "carol", "--yes")
    payload = _payload(committee, case)
    carol = pyrage.x25519.Identity.from_str(_secret(committee.keys["carol"]))
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(payload, [carol])
    assert committee.run("carol", "show", case).exit_code == 4
    members = __import__("json").loads(committee.ok(None, "member", "list", "--json").stdout)
    assert [m["handle"] for m in members if "left" in m and m["left"]] == ["carol"]


def _secret(path) -> str:
    return next(line for line in path.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-1"))


def _payload(committee, case: str) -> bytes:
    from ruamel.yaml import YAML

    envelope = YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())
    return envelope["seals"][-1]["age"].encode()
