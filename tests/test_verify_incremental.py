"""Incremental verify: a clean walk is remembered in .git, later runs check only new commits, and stay sound."""

from __future__ import annotations

import dataclasses
import json

from cocctl.archive import casefile
from tests.conftest import Committee, git


def memory(committee: Committee):
    return committee.root / ".git" / "cocctl" / "verified"


def verify(committee: Committee, *args: str, code: int = 0):
    result = committee.run(None, "verify", "--json", *args)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def drop_last_seal(committee: Committee, case: str) -> str:
    """Commit, as cocctl would word it, a version of the case without its newest seal; return the commit."""
    path = committee.root / "cases" / f"{case}.yaml"
    current = casefile.loads(path.read_bytes(), name=path.name)
    path.write_bytes(casefile.dumps(dataclasses.replace(current, seals=current.seals[:-1])))
    git(committee.root, "commit", "-qam", f"Amend case {case}\n\nCocctl-Action: amend\nCocctl-Case: {case}\n"
        "Cocctl-Actor: alice")
    return committee.head()


def test_a_second_verify_checks_only_the_new_commit(committee):
    case = committee.open()
    first = verify(committee)
    assert first["full"] and first["why_full"] == "no earlier verify in this clone"
    proven = committee.head()
    assert memory(committee).read_text().splitlines()[2:] == [proven]
    committee.ok("bob", "amend", case, "--note", "called back")
    second = verify(committee)
    assert (second["full"], second["proven"], second["commits"], second["checked"]) == (False, [proven], 1, 1)
    assert memory(committee).read_text().splitlines()[2] == committee.head()
    shown = committee.ok(None, "verify").stderr
    assert "verified 0 commit(s)" in shown and f"only commits after {committee.head()[:12]}" in shown
    everything = verify(committee, "--full")
    assert everything["full"] and everything["commits"] == first["commits"] + 1 and everything["checked"] == 2


def test_a_forged_commit_after_the_proven_one_is_caught_and_never_remembered(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "one")
    verify(committee)
    proven = committee.head()
    forged = drop_last_seal(committee, case)
    committee.ok("alice", "amend", case, "--note", "on top of it")
    for _ in range(2):  # the memory did not move past the forgery: the next run catches it again
        found = verify(committee, code=1)
        assert not found["full"] and found["proven"] == [proven] and found["commits"] == 2
        assert [(p["commit"], p["file"]) for p in found["problems"]] == [(forged, f"cases/{case}.yaml")]
        assert "drops 1 seal(s)" in found["problems"][0]["message"]
    assert memory(committee).read_text().splitlines()[2:] == [proven]
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text(path.read_text() + "\n")
    git(committee.root, "commit", "-qam", "tidy whitespace")
    result = committee.run(None, "verify")
    assert result.exit_code == 1 and f"first offending commit: {forged}" in result.stdout
    assert f"{committee.head()[:12]}: changes the archive but was not made by cocctl" in result.stdout


def test_a_rewritten_history_falls_back_to_a_full_verify(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "one")
    full = verify(committee)
    git(committee.root, "reset", "-q", "--hard", "HEAD~1")
    committee.ok("bob", "amend", case, "--note", "a different one")
    again = verify(committee)
    assert again["full"] and again["proven"] == [] and again["commits"] == full["commits"]
    assert again["why_full"] == "history was rewritten since the last verify (no commit proven before is in it)"
    assert committee.head() in memory(committee).read_text()
    # an earlier proof that is still an ancestor (a branch proven before) is used; the rewritten one is not
    committee.ok("alice", "amend", case, "--note", "two")
    assert verify(committee)["commits"] == 1


def test_a_corrupt_or_tampered_memory_means_a_full_verify_not_a_crash(committee):
    case = committee.open()
    verify(committee)
    head = committee.head()
    good = memory(committee).read_text()
    bad = {
        "garbage": "not what cocctl writes\n",
        "binary": "\xff\x00\x01",
        "empty": "",
        "truncated": good[:-5],
        "a bad id": good.replace(head, head[:-1] + "g"),
        "too long": good + (head + "\n") * 500,
    }
    for name, text in bad.items():
        memory(committee).write_bytes(text.encode("latin-1"))
        found = verify(committee)
        assert found["full"] and found["why_full"].endswith("is corrupt"), name
        assert memory(committee).read_text() == good, name  # rewritten whole after the clean walk
    other = good.replace("rules 1", "rules 0")
    memory(committee).write_text(other)
    assert "other rules" in verify(committee)["why_full"]
    memory(committee).write_text(good.replace(head, "1" * 40))  # a well-formed id of no commit here
    assert verify(committee)["why_full"].startswith("history was rewritten")
    memory(committee).unlink()
    memory(committee).mkdir()  # not even a file
    assert verify(committee)["full"] and memory(committee).is_dir()  # nothing written over it, no crash
    memory(committee).rmdir()
    assert verify(committee)["full"]
    committee.ok("bob", "amend", case, "--note", "two")
    assert not verify(committee)["full"]


def test_known_skips_its_history_and_an_unknown_one_is_a_clear_error(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "one")
    forged = drop_last_seal(committee, case)
    committee.ok("alice", "amend", case, "--note", "after the forgery")
    trusted = verify(committee, "--known", forged)  # CI: the caller vouches for the previous push
    assert not trusted["full"] and trusted["commits"] == 1 and trusted["problems"] == []
    assert not memory(committee).exists()  # trusting --known proves nothing to remember
    assert verify(committee, code=1)["problems"][0]["commit"] == forged
    assert verify(committee, "--known", forged, "--full", code=1)["full"]
    unknown = committee.run(None, "verify", "--known", "0123456789abcdef0123456789abcdef01234567")
    assert unknown.exit_code == 3 and unknown.stdout == ""
    assert unknown.stderr.count("\n") == 1 and "--known 0123456789ab" in unknown.stderr
    assert "not a commit in this repository" in unknown.stderr and "verify --full" in unknown.stderr
    typo = committee.run(None, "verify", "--known", "mian")
    assert typo.exit_code == 3 and "--known mian is not a commit" in typo.stderr


def test_a_forged_commit_merged_in_from_a_side_branch_is_caught(committee):
    import os
    import subprocess

    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "one")
    verify(committee)
    proven = committee.head()
    git(committee.root, "checkout", "-q", "-b", "side")
    forged = drop_last_seal(committee, case)
    git(committee.root, "checkout", "-q", "main")
    committee.ok("alice", "amend", case, "--note", "on main")
    env = {**os.environ, "COCCTL_IDENTITY": str(committee.keys["alice"])}
    merged = subprocess.run(["git", "merge", "-q", "--no-edit", "side"], cwd=committee.root, capture_output=True,
                            text=True, env=env)
    assert merged.returncode == 0, merged.stderr
    found = verify(committee, code=1)
    assert not found["full"] and found["proven"] == [proven] and found["commits"] == 3
    assert [p["commit"] for p in found["problems"]] == [forged]
