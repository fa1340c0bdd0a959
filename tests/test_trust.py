"""A committee on several clones of one bare remote, with an outsider who can push: signed roster, signed seals, sync."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cocctl.cli import app
from tests.conftest import Committee, git, make_key

NOW = {"COCCTL_NOW": "2026-11-20T10:00:00Z"}
LATER = {"COCCTL_NOW": "2026-11-20T10:05:00Z"}


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


def test_clone_tells_a_member_who_they_are_and_a_newcomer_how_to_join(committee, tmp_path):
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git(committee.root, "remote", "add", "origin", str(bare))
    git(committee.root, "push", "-q", "-u", "origin", "main")
    member = committee.runner.invoke(app, ["--identity", str(committee.keys["bob"]), "clone", str(bare),
                                           str(tmp_path / "bob")])
    assert "your identity is bob's key in this roster" in member.output
    assert "not a member yet" not in member.output
    stranger = tmp_path / "stranger.txt"
    make_key(committee.runner, stranger)
    newcomer = committee.runner.invoke(app, ["--identity", str(stranger), "clone", str(bare), str(tmp_path / "new")])
    assert newcomer.exit_code == 0, newcomer.output
    assert "not a member yet" in newcomer.output


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
    committee.ok("alice", "member", "remove", "carol", "--yes")
    gone = committee.run("carol", "amend", other, "--note", "after leaving")
    assert gone.exit_code == 4 and "your identity is carol's, who left the committee on 2026-" in gone.stderr


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
    alice.ok("alice", "member", "remove", "carol", "--yes", env=NOW)
    carol.ok("carol", "amend", case, "--note", "after my removal", env=LATER)
    git(alice.root, "push", "-q")
    git(carol.root, "pull", "-q", "--no-rebase", "--no-edit")
    git(carol.root, "push", "-q", "--no-verify")  # around the pre-push guard
    head = git(alice.root, "rev-parse", "HEAD")
    refused = alice.run("alice", "sync", env={**NOW, "COCCTL_IDENTITY": str(alice.keys["alice"])})
    assert refused.exit_code == 6 and "nothing was merged" in refused.stderr
    assert git(alice.root, "rev-parse", "HEAD") == head
    assert "after my removal" not in " ".join(_events(alice, "alice", case))


def test_a_seal_made_in_the_same_second_as_its_authors_removal_is_kept(clones):
    """Clocks have whole seconds and are the author's own: a tie is concurrent work, not proof of lateness."""
    alice, bob, carol, _ = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    _sync(carol, "carol")
    _sync(bob, "bob")
    carol.ok("carol", "recuse", case, env=NOW)
    bob.ok("bob", "member", "remove", "carol", "--yes", env=NOW)
    _sync(carol, "carol")
    _sync(bob, "bob")
    _sync(alice, "alice")
    events = _events(alice, "alice", case)
    assert any(e.startswith("recused") for e in events), events
    assert alice.ok("alice", "verify").exit_code == 0


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


def test_concurrent_proposals_are_numbered_apart_and_a_vote_lands_on_one(clones):
    import json

    alice, bob, _, _ = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    _sync(bob, "bob")
    alice.ok("alice", "propose", case, "--violation", "--consequence", "private-warning", "--rationale", "alice's view",
             env={"COCCTL_NOW": "2026-11-20T10:00:00Z"})
    bob.ok("bob", "propose", case, "--violation", "--consequence", "correction", "--rationale", "bob's view",
           env={"COCCTL_NOW": "2026-11-20T10:05:00Z"})
    # Each clone numbered its own proposal 1; alice votes on hers before syncing.
    alice.ok("alice", "vote", case, "yes", "--proposal", "1", env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    _sync(alice, "alice")
    for c, who in ((alice, "alice"), (bob, "bob")):
        state = json.loads(c.ok(who, "show", case, "--json").stdout)
        proposals = {p["number"]: p for p in state["proposals"]}
        assert sorted(proposals) == [1, 2]
        assert proposals[1]["rationale"] == "alice's view" and proposals[2]["rationale"] == "bob's view"
        assert dict(proposals[1]["votes"]) == {"alice": "yes"} and not proposals[2]["votes"]
    assert "proposal 2 open (by bob: " in bob.ok("bob", "show", case).stdout
    # With two open proposals a vote or decision must say which: cocctl never guesses.
    for args in (("vote", case, "yes"), ("decide", case)):
        refused = bob.run("bob", *args, env=NOW)
        assert refused.exit_code == 2 and "2 open proposals (1 by alice: private-warning, 2 by bob: correction)" \
            in refused.stderr and "--proposal N" in refused.stderr
    assert bob.ok("bob", "verify").exit_code == 0


def test_concurrent_decisions_are_a_conflict_the_committee_settles_with_supersede(clones):
    import json

    alice, bob, _, _ = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    _sync(bob, "bob")
    alice.ok("alice", "propose", case, "--violation", "--consequence", "private-warning", "--rationale", "a",
             env=NOW)
    alice.ok("alice", "propose", case, "--violation", "--consequence", "correction", "--rationale", "b", env=NOW)
    for number in ("1", "2"):
        alice.ok("alice", "vote", case, "yes", "--proposal", number, env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    for number in ("1", "2"):
        bob.ok("bob", "vote", case, "yes", "--proposal", number, env=NOW)
    _sync(bob, "bob")
    _sync(alice, "alice")
    # Both proposals carry a majority; alice and bob each decide one, unaware of the other.
    alice.ok("alice", "decide", case, "--proposal", "1", env={"COCCTL_NOW": "2026-11-20T10:00:00Z"})
    bob.ok("bob", "decide", case, "--proposal", "2", env={"COCCTL_NOW": "2026-11-20T10:05:00Z"})
    _sync(alice, "alice")
    _sync(bob, "bob")
    shown = bob.ok("bob", "show", case).stdout
    assert "decisions 1 and 2 were made concurrently" in shown
    due = json.loads(bob.ok("bob", "due", "--json", env=NOW).stdout)
    assert any(item["case"] == case and item["kind"] == "conflict" for item in due["items"])
    assert bob.run("bob", "validate", "--deep").exit_code == 1
    # The key-less scheduled check sees it in the plaintext metadata too.
    assert bob.runner.invoke(app, ["--archive", str(bob.root), "due", "--check"], env=NOW).exit_code == 1

    refused = bob.run("bob", "decide", case, "--supersede", "2")
    assert refused.exit_code == 2 and "--rationale" in refused.stderr
    bob.ok("bob", "decide", case, "--supersede", "2", "--rationale", "the committee chose alice's", env=NOW)
    _sync(bob, "bob")
    _sync(alice, "alice")
    state = json.loads(alice.ok("alice", "show", case, "--json").stdout)
    standing = {d["number"]: d["standing"] for d in state["decisions"]}
    assert standing == {1: "in-force", 2: "superseded"}
    assert "concurrently" not in alice.ok("alice", "show", case).stdout
    assert alice.ok("alice", "validate", "--deep").exit_code == 0
    assert alice.ok("alice", "verify").exit_code == 0
    # Setting aside a decision in no conflict is refused: decisions end by appeal or lift.
    again = alice.run("alice", "decide", case, "--supersede", "1", "--rationale", "x", env=NOW)
    assert again.exit_code != 0 and "not in conflict" in again.stderr


def test_decisions_made_one_after_another_are_no_conflict(committee):
    case = committee.open()
    for number, measure in (("1", "private-warning"), ("2", "correction")):
        committee.ok("alice", "propose", case, "--violation", "--consequence", measure, "--rationale", "r", env=NOW)
        for who in ("alice", "bob"):
            committee.ok(who, "vote", case, "yes", "--proposal", number, env=NOW)
        committee.ok("bob", "decide", case, "--proposal", number, env=NOW)
    assert "concurrently" not in committee.ok("alice", "show", case).stdout
    unknown = committee.run("alice", "decide", case, "--supersede", "9", "--rationale", "x", env=NOW)
    assert unknown.exit_code != 0 and "no decision 9" in unknown.stderr


def test_a_clone_without_the_drivers_is_warned_once_until_setup(committee, tmp_path):
    plain = tmp_path / "plain-clone"
    subprocess.run(["git", "clone", "-q", str(committee.root), str(plain)], check=True)
    copy = Committee(plain, committee.keys, committee.recipients, committee.runner)
    warned = copy.ok("alice", "list")
    assert warned.stderr.count("lacks cocctl's git drivers") == 1 and "cocctl setup" in warned.stderr
    copy.ok("alice", "setup")
    assert "drivers" not in copy.ok("alice", "list").stderr
    assert "drivers" not in committee.ok("alice", "list").stderr


def test_a_member_remove_killed_before_its_commit_is_finished_by_running_it_again(committee):
    import os
    import sys

    case = committee.open()
    head = git(committee.root, "rev-parse", "HEAD")
    hook = committee.root / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    # The hook kills cocctl (git's parent) once every file is written, then makes git give up.
    hook.write_text("#!/bin/sh\nkill -9 $(awk '{print $4}' /proc/$PPID/stat)\nexit 1\n")
    hook.chmod(0o755)
    env = {**os.environ, **NOW, "COCCTL_IDENTITY": str(committee.keys["alice"])}
    killed = subprocess.run([sys.executable, "-m", "cocctl", "--archive", str(committee.root),
                             "member", "remove", "carol", "--yes"], env=env, capture_output=True)
    assert killed.returncode == -9
    assert git(committee.root, "rev-parse", "HEAD") == head
    assert "committee.yaml" in git(committee.root, "status", "--porcelain")
    hook.unlink()
    # Any command first puts back what the killed one wrote; running it again finishes the job.
    assert git(committee.root, "status", "--porcelain") != ""
    committee.ok("alice", "member", "remove", "carol", "--yes", env=NOW)
    assert git(committee.root, "status", "--porcelain", "--untracked-files=all") == ""
    readers = YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())["readers"]
    assert readers and "carol" not in readers
    assert committee.ok("alice", "verify").exit_code == 0
    assert committee.ok("alice", "rekey", "--check").exit_code == 0


def test_an_outsider_swapping_a_members_key_is_refused_before_encrypting(clones, tmp_path):
    """Someone with push access (not a member) replaces bob's recipient everywhere it is written."""
    alice, bob, _, bare = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    eve_key = tmp_path / "eve"
    eve_line = alice.runner.invoke(app, ["keygen", "--out", str(eve_key)]).stdout.strip()
    outsider = tmp_path / "outsider"
    subprocess.run(["git", "clone", "-q", str(bare), str(outsider)], check=True)
    roster = outsider / "committee.yaml"
    swapped = roster.read_text().replace(bob.recipients["bob"], eve_line.split()[0])
    assert swapped != roster.read_text()
    roster.write_text(swapped)
    git(outsider, "-c", "user.name=eve", "-c", "user.email=eve@example.invalid", "commit", "-qam", "Update roster")
    git(outsider, "push", "-q")
    head = git(alice.root, "rev-parse", "HEAD")
    refused = alice.run("alice", "sync", env={**NOW, "COCCTL_IDENTITY": str(alice.keys["alice"])})
    assert refused.exit_code != 0 and "nothing was merged" in refused.stderr
    assert git(alice.root, "rev-parse", "HEAD") == head
    # Pulled around cocctl, the swap stops every write before anything is encrypted to eve.
    git(alice.root, "pull", "-q", "--no-rebase", "origin", "main")
    before = (alice.root / "cases" / f"{case}.yaml").read_bytes()
    result = alice.run("alice", "amend", case, "--note", "secret", env=NOW)
    assert result.exit_code == 6
    assert (alice.root / "cases" / f"{case}.yaml").read_bytes() == before
    report = alice.run("alice", "verify")
    assert report.exit_code == 1 and "committee.yaml" in report.stdout
def test_an_outsider_swapping_the_people_index_key_is_refused_before_any_token_is_computed(clones, tmp_path):
    """eve writes every member's index/<handle>.age with a key she knows, under a cocctl-looking message."""
    from cocctl import age
    from cocctl.archive import blind

    alice, bob, _, bare = clones
    eve = tmp_path / "eve"
    subprocess.run(["git", "clone", "-q", str(bare), str(eve)], check=True)
    known = b"E" * blind.KEY_SIZE
    for who, recipient in alice.recipients.items():
        (eve / "index" / f"{who}.age").write_bytes(age.encrypt(known, [recipient], armor=True))
    git(eve, "commit", "-qam", "Re-seal cases to their readers\n\nCocctl-Action: rekey\nCocctl-Actor: alice")
    git(eve, "push", "-q", "origin", "main")
    head = git(bob.root, "rev-parse", "HEAD")
    refused = bob.run("bob", "sync", env={**NOW, "COCCTL_IDENTITY": str(bob.keys["bob"])})
    assert refused.exit_code == 6 and "people-index key copy index/" in refused.stderr
    assert git(bob.root, "rev-parse", "HEAD") == head
    # Pulled around cocctl: nothing is written with eve's key, and verify names the commit.
    git(bob.root, "pull", "-q", "--no-rebase", "--no-edit")
    opened = bob.run("bob", "open", "--summary", "s", "--kind", "complaint", "--channel", "email",
                     "--severity", "low", "--reported", "mallory", "--received-at", "2026-11-16T08:30:00Z", env=NOW)
    assert opened.exit_code == 6 and "nothing was encrypted" in opened.stderr
    assert blind.token(known, "mallory") not in "".join(p.read_text() for p in (bob.root / "cases").glob("*.yaml"))
    verified = bob.run("bob", "verify")
    assert verified.exit_code == 1 and "writes the people-index key copy index/alice.age" in verified.stdout
    assert "committee.yaml: writes" not in verified.stdout


def test_an_approval_crossing_the_removal_it_approves_merges(make_committee, tmp_path):
    """CHAOSS majority removal: dave signs his own removal first, bob and carol sign at once in two clones.

    In the merged order bob's and carol's signatures complete the removal, so
    dave's (later) approval comes after he left; it changes nothing and must
    not stop the merge.
    """
    import json

    four = make_committee("chaoss", ("alice", "bob", "carol", "dave"))
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git(four.root, "remote", "add", "origin", str(bare))
    case = four.open()
    four.ok("alice", "grant", case, "--member", "bob")
    assert "1 of 3 signatures" in four.ok("alice", "member", "remove", "dave", "--yes").stderr
    git(four.root, "push", "-q", "-u", "origin", "main")
    bob, carol, dave = (_clone(four, bare, who, tmp_path) for who in ("bob", "carol", "dave"))
    later = {"COCCTL_NOW": "2026-11-20T10:05:00Z"}
    dave.ok("dave", "member", "approve", "dave", "--yes", env=later)
    _sync(dave, "dave")
    bob.ok("bob", "member", "approve", "dave", "--yes", env=NOW)
    carol.ok("carol", "member", "approve", "dave", "--yes", env=NOW)
    _sync(bob, "bob")
    _sync(carol, "carol")
    _sync(four, "alice")
    _sync(bob, "bob")
    for c, who in ((four, "alice"), (bob, "bob"), (carol, "carol")):
        members = {m["handle"]: m for m in json.loads(c.ok(who, "member", "list", "--json").stdout)}
        assert members["dave"]["left"] and not members["alice"]["left"]
        assert c.ok(who, "verify").exit_code == 0
    assert bob.ok("bob", "show", case).exit_code == 0


def test_two_decisions_each_set_aside_at_once_leave_a_conflict_until_the_committee_decides_again(clones):
    alice, bob, _, _ = clones
    case = alice.open()
    for consequence in ("private-warning", "correction"):
        alice.ok("alice", "propose", case, "--violation", "--consequence", consequence, "--rationale", "r", env=NOW)
    for number in ("1", "2"):
        alice.ok("alice", "vote", case, "yes", "--proposal", number, env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    for number in ("1", "2"):
        bob.ok("bob", "vote", case, "yes", "--proposal", number, env=NOW)
    _sync(bob, "bob")
    _sync(alice, "alice")
    alice.ok("alice", "decide", case, "--proposal", "1", env=NOW)
    bob.ok("bob", "decide", case, "--proposal", "2", env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    _sync(alice, "alice")
    # Each settles the conflict the other way round, unaware of the other: neither decision stands.
    alice.ok("alice", "decide", case, "--supersede", "2", "--rationale", "alice keeps 1", env=NOW)
    bob.ok("bob", "decide", case, "--supersede", "1", "--rationale", "bob keeps 2", env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    _sync(alice, "alice")
    for c, who in ((alice, "alice"), (bob, "bob")):
        assert "each set aside at once" in c.ok(who, "show", case).stdout
        assert c.run(who, "validate", "--deep").exit_code == 1
    assert bob.runner.invoke(app, ["--archive", str(bob.root), "due", "--check"], env=NOW).exit_code == 1
    alice.ok("alice", "propose", case, "--violation", "--consequence", "private-warning", "--rationale", "again",
             env=NOW)
    alice.ok("alice", "vote", case, "yes", env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    bob.ok("bob", "vote", case, "yes", env=NOW)
    bob.ok("bob", "decide", case, env=NOW)
    _sync(bob, "bob")
    _sync(alice, "alice")
    assert "set aside at once" not in alice.ok("alice", "show", case).stdout
    assert alice.ok("alice", "validate", "--deep").exit_code == 0
    assert alice.ok("alice", "verify").exit_code == 0


def test_a_member_forging_a_new_seal_in_another_members_name_is_refused_by_sync_and_verify(clones):
    """carol writes a seal 'by alice' that she signs herself as its sealer, under trailers naming alice."""
    import dataclasses

    from cocctl import age
    from cocctl.archive import casefile
    from cocctl.archive.signing import SigningKey

    alice, bob, carol, _ = clones
    case = alice.open()
    git(alice.root, "push", "-q")
    _sync(carol, "carol")
    identity = age.parse_identity(next(line for line in carol.keys["carol"].read_text().splitlines()
                                       if line.startswith("AGE-SECRET-KEY-")))
    path = carol.root / "cases" / f"{case}.yaml"
    current = casefile.loads(path.read_bytes(), name=path.name)
    at = "2026-11-20T11:00:00Z"
    event = {"id": "01M80000000000000000000AAA", "type": "note", "by": "alice", "at": at,
             "data": {"text": "alice never wrote this"}}
    draft = casefile.Seal(id=event["id"], by="alice", at=at, readers=current.seals[-1].readers, age="",
                          sealer="carol", sealed=at)
    forged = casefile.seal(SigningKey.from_identity(identity), case, draft, [event], list(carol.recipients.values()))
    path.write_bytes(casefile.dumps(dataclasses.replace(current, seals=current.seals + (forged,))))
    git(carol.root, "commit", "-qam", f"Amend case {case}\n\nCocctl-Action: amend\nCocctl-Case: {case}\n"
        "Cocctl-Actor: alice")
    git(carol.root, "push", "-q", "--no-verify")
    head = git(alice.root, "rev-parse", "HEAD")
    refused = alice.run("alice", "sync", env={**NOW, "COCCTL_IDENTITY": str(alice.keys["alice"])})
    assert refused.exit_code == 6 and "nothing was merged" in refused.stderr
    assert git(alice.root, "rev-parse", "HEAD") == head
    verified = carol.run("carol", "verify")
    assert verified.exit_code == 1 and "by alice but signed by carol" in verified.stdout


def test_a_member_granted_access_concurrently_with_a_reseal_is_told_to_wait_for_one(clones, tmp_path):
    """bob grants a mediator (a later re-seal) while alice grants carol: carol is a reader none of whose seals is hers yet."""
    alice, bob, carol, _ = clones
    mediator = make_key(alice.runner, tmp_path / "mediator").split()[0]
    case = alice.open()
    alice.ok("alice", "recuse", case, "--member", "carol", env=NOW)
    _sync(alice, "alice")
    _sync(bob, "bob")
    # Lifting a conflict recorded for carol takes a majority: bob's approval first, alice's completes it.
    bob.ok("bob", "grant", case, "--member", "carol", env=NOW)
    _sync(bob, "bob")
    _sync(alice, "alice")
    _sync(carol, "carol")
    alice.ok("alice", "grant", case, "--member", "carol", env=NOW)
    bob.ok("bob", "grant", case, "--recipient", mediator, "--as", "mediator", env={"COCCTL_NOW": "2026-11-20T10:05:00Z"})
    bob.ok("bob", "amend", case, "--note", "while carol was granted", env={"COCCTL_NOW": "2026-11-20T10:05:00Z"})
    _sync(bob, "bob")
    git(alice.root, "pull", "-q", "--no-rebase", "--no-edit")
    git(alice.root, "push", "-q")
    _sync(carol, "carol")
    waiting = carol.run("carol", "show", case)
    assert waiting.exit_code == 4 and "a re-seal by one of alice" in waiting.stderr
    assert len(waiting.stderr.strip().splitlines()) == 1
    _sync(alice, "alice")
    _sync(carol, "carol")
    assert "note:while carol was granted" in _events(carol, "carol", case)
    assert carol.ok("carol", "verify").exit_code == 0


def test_a_member_who_resigns_pushes_it_and_the_others_reseal_without_them(clones):
    """carol leaves by her own command: her key may sign no re-seal after it, so her sync pushes and others re-seal."""
    alice, bob, carol, _ = clones
    case = alice.open()
    _sync(alice, "alice")
    _sync(carol, "carol")
    left = carol.ok("carol", "member", "remove", "carol", "--yes", env=NOW)
    assert case in left.stderr and "re-seal" in left.stderr
    _sync(carol, "carol")  # her last change still goes out
    _sync(alice, "alice")
    _sync(bob, "bob")
    members = {m["handle"]: m for m in json.loads(bob.ok("bob", "member", "list", "--json").stdout)}
    assert members["carol"]["left"]
    assert bob.ok("bob", "show", case).exit_code == 0
    assert bob.ok("bob", "rekey", "--check").exit_code == 0
    _sync(carol, "carol")  # a former member still fetches; she re-seals nothing
    assert carol.run("carol", "show", case).exit_code == 4
    for c, who in ((alice, "alice"), (bob, "bob"), (carol, "carol")):
        assert c.ok(who, "verify").exit_code == 0
