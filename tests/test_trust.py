"""A committee on several clones of one bare remote, with an outsider who can push: signed roster, signed seals, sync."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cocctl.cli import app
from tests.conftest import Committee, git

NOW = {"COCCTL_NOW": "2026-11-20T10:00:00Z"}


def _clone(committee: Committee, bare: Path, who: str, tmp_path: Path) -> Committee:
    dest = tmp_path / f"clone-{who}"
    result = committee.runner.invoke(app, ["--identity", str(committee.keys[who]), "clone", str(bare), str(dest)])
    assert result.exit_code == 0, result.output
    return Committee(dest, committee.keys, committee.recipients, committee.runner)


@pytest.fixture
def clones(committee: Committee, tmp_path: Path):
    """alice's archive pushed to a bare remote, and a clone each for bob and carol."""
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git(committee.root, "remote", "add", "origin", str(bare))
    git(committee.root, "push", "-q", "-u", "origin", "main")
    return committee, _clone(committee, bare, "bob", tmp_path), _clone(committee, bare, "carol", tmp_path), bare


def _sync(c: Committee, who: str):
    return c.ok(who, "sync", env={**NOW, "COCCTL_IDENTITY": str(c.keys[who])})


def _events(c: Committee, who: str, case: str) -> list[str]:
    import json

    data = json.loads(c.ok(who, "show", case, "--json").stdout)
    return [e["type"] + ":" + str(e["data"].get("text", "")) for e in data["events"]]


def test_clone_prints_fingerprints_and_pins(clones):
    alice, bob, _, bare = clones
    assert (bob.root / ".git" / "cocctl" / "roster-pin").is_file()
    assert bob.ok("bob", "verify").exit_code == 0


def test_concurrent_amendments_on_three_clones_all_survive_sync(clones):
    alice, bob, carol, _ = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    _sync(bob, "bob")
    _sync(carol, "carol")
    alice.ok("alice", "amend", case, "--note", "from alice", env=NOW)
    bob.ok("bob", "amend", case, "--note", "from bob", env=NOW)
    carol.ok("carol", "recuse", case, env=NOW)
    for c, who in ((alice, "alice"), (bob, "bob"), (carol, "carol"), (alice, "alice"), (bob, "bob")):
        _sync(c, who)
    for c, who in ((alice, "alice"), (bob, "bob")):
        events = _events(c, who, case)
        assert "note:from alice" in events and "note:from bob" in events and "recused:" in events
    assert bob.ok("bob", "verify").exit_code == 0
    # carol recused: she synced without losing anything and can no longer read the current file.
    shown = carol.run("carol", "show", case)
    assert shown.exit_code == 4 and "you are not one of its recipients" in shown.stderr
    assert alice.ok("alice", "validate").exit_code == 0


def test_an_outsider_appending_a_key_is_refused_before_encrypting(committee, tmp_path):
    case = committee.open()
    eve_key = tmp_path / "eve"
    line = committee.runner.invoke(app, ["keygen", "--out", str(eve_key)]).stdout.strip()
    roster = committee.root / "committee.yaml"
    yaml = YAML(typ="safe")
    data = yaml.load(roster.read_text())
    data["members"].append({"handle": "eve", "recipient": line.split()[0], "signing": line.split()[1],
                            "joined": "2026-11-20T10:00:00Z"})
    with roster.open("w") as stream:
        yaml.dump(data, stream)
    git(committee.root, "commit", "-qam", "Add eve")
    result = committee.run("alice", "amend", case, "--note", "secret")
    assert result.exit_code == 6 and "restore it with git" in result.stderr
    assert committee.run("alice", "verify").exit_code == 1


def test_a_forged_roster_change_is_refused_and_reported(committee, tmp_path):
    """eve builds a correctly shaped roster change signed with her own key: the pin refuses it."""
    from cocctl.archive import roster as roster_file
    from cocctl.archive.roster import Entry
    from cocctl.archive.signing import SigningKey
    from cocctl import age

    eve_id = age.generate_identity()
    eve = SigningKey.from_identity(eve_id)
    current = roster_file.loads((committee.root / "committee.yaml").read_bytes())
    forged = roster_file.sign_entry(eve, Entry("01M80000000000000000000000", "2026-11-21T00:00:00Z", "alice",
                                               current.head, roster_file.ADD,
                                               member={"handle": "eve", "recipient": str(eve_id.recipient),
                                                       "signing": eve.public}))
    with pytest.raises(roster_file.RosterProblem):
        current.with_entry(forged)


def test_a_seal_signed_in_another_members_name_is_refused(committee):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    text = path.read_text()
    path.write_text(text.replace("by: alice", "by: bob", 1))
    git(committee.root, "commit", "-qam", "Forge")
    result = committee.run("bob", "show", case)
    assert result.exit_code == 6 and "not signed" in result.stderr
    assert committee.run("alice", "verify").exit_code == 1


def test_a_seal_moved_between_cases_is_refused(committee):
    first = committee.open()
    second = committee.open()
    yaml = YAML(typ="safe")
    a = yaml.load((committee.root / "cases" / f"{first}.yaml").read_text())
    path = committee.root / "cases" / f"{second}.yaml"
    b = yaml.load(path.read_text())
    b["seals"].append(a["seals"][0])
    with path.open("w") as stream:
        yaml.dump(b, stream)
    result = committee.run("alice", "show", second)
    assert result.exit_code == 6
    check = committee.run("alice", "validate")
    assert check.exit_code == 1 and "not signed by a member" in check.stdout


def test_member_remove_refuses_to_strand_a_case_and_rotate_key_keeps_the_handle(committee, tmp_path):
    case = committee.open("alice", "--exclude", "bob", "--exclude", "carol")
    result = committee.run("bob", "member", "remove", "alice", "--yes")
    assert result.exit_code == 7 and case in result.stderr
    new = tmp_path / "carol2"
    line = committee.runner.invoke(app, ["keygen", "--out", str(new)]).stdout.strip()
    committee.ok("alice", "member", "rotate-key", "carol", "--key", line)
    committee.keys["carol"] = new
    assert committee.ok("carol", "whoami").stdout.startswith("carol")
    other = committee.open()
    assert committee.ok("carol", "show", other).exit_code == 0
    assert committee.ok("alice", "verify").exit_code == 0


def test_work_on_different_cases_in_two_clones_syncs_and_verifies(clones):
    alice, bob, _, _ = clones
    first = alice.open()
    git(alice.root, "push", "-q")
    _sync(bob, "bob")
    second = bob.open("bob")
    alice.ok("alice", "amend", first, "--note", "from alice", env=NOW)
    _sync(bob, "bob")
    _sync(alice, "alice")  # merges bob's new case into alice's amended one, and pushes the merge
    _sync(bob, "bob")
    for c, who in ((alice, "alice"), (bob, "bob")):
        assert c.ok(who, "verify").exit_code == 0
        assert "note:from alice" in _events(c, who, first) and _events(c, who, second)
    assert git(alice.root, "rev-parse", "HEAD") == git(bob.root, "rev-parse", "HEAD")


def test_sync_refuses_a_seal_by_a_removed_member_before_merging(clones):
    alice, bob, carol, _ = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    _sync(carol, "carol")
    carol.ok("carol", "amend", case, "--note", "after my removal", env=NOW)
    alice.ok("alice", "member", "remove", "carol", "--yes", env=NOW)
    git(alice.root, "push", "-q")
    git(carol.root, "pull", "-q", "--no-rebase", "--no-edit")
    git(carol.root, "push", "-q", "--no-verify")  # around the pre-push guard
    head = git(alice.root, "rev-parse", "HEAD")
    refused = alice.run("alice", "sync", env={**NOW, "COCCTL_IDENTITY": str(alice.keys["alice"])})
    assert refused.exit_code == 6 and "nothing was merged" in refused.stderr
    assert git(alice.root, "rev-parse", "HEAD") == head
    assert "after my removal" not in " ".join(_events(alice, "alice", case))


def test_two_closes_made_concurrently_are_kept_and_shown_as_a_conflict(clones):
    alice, bob, _, _ = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    _sync(bob, "bob")
    alice.ok("alice", "close", case, "--resolution", "a private warning", env=NOW)
    bob.ok("bob", "close", case, "--resolution", "no action", env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    shown = bob.ok("bob", "show", case).stdout
    assert "closed twice without a reopen" in shown
    assert bob.run("bob", "validate", "--deep").exit_code == 1
    bob.ok("bob", "reopen", case, "--reason", "two closes crossed", env=NOW)
    bob.ok("bob", "close", case, "--resolution", "a private warning", env=NOW)
    assert "conflict" not in bob.ok("bob", "show", case).stdout
