"""cocctl verify: history rewritten by hand is caught, the first offending commit named."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cocctl import age
from cocctl.archive import yamlio
from tests.conftest import git


def key_of(committee, who: str) -> str:
    return [line for line in committee.keys[who].read_text().splitlines() if line.startswith("AGE-SECRET")][0]


def rewrite(committee, case: str, change) -> None:
    """Decrypt the case with alice's key, let ``change`` edit the document, re-encrypt to the same readers."""
    path = committee.root / "cases" / f"{case}.yaml"
    raw = yamlio.loads(path.read_bytes())
    document = yamlio.loads(age.decrypt(raw["payload"].encode(), [key_of(committee, "alice")]))
    change(document)
    recipients = [committee.recipients[handle] for handle in raw["recipients"]]
    raw["payload"] = yamlio.Literal(age.encrypt(yamlio.dumps(document).encode(), recipients, armor=True).decode())
    path.write_text(yamlio.dumps(raw))


def cocctl_message(action: str, case: str, actor: str = "alice") -> str:
    verb = {"amend": "Amend"}[action]
    return f"{verb} case {case}\n\nCocctl-Action: {action}\nCocctl-Case: {case}\nCocctl-Actor: {actor}"


def test_untouched_history_verifies(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "called back")
    committee.ok("alice", "close", case, "--resolution", "warning sent")
    result = committee.ok("alice", "verify")
    assert "history verified: ok" in result.stderr and "3 case version change(s) checked" in result.stderr
    keyless = committee.ok(None, "verify", "--full")  # seal signatures need no key
    assert "3 case version change(s) checked" in keyless.stderr


def test_changed_trailer_is_caught(committee):
    case = committee.open()
    other = committee.open()
    committee.ok("bob", "amend", case, "--note", "one")
    git(committee.root, "commit", "-q", "--amend", "-m",
        f"Amend case {case}\n\nCocctl-Action: amend\nCocctl-Case: {other}\nCocctl-Actor: bob")
    result = committee.run("alice", "verify")
    assert result.exit_code == 1
    assert "names another case in its subject than in its Cocctl-Case trailer" in result.stdout
    assert "changes a file of another case than its Cocctl-Case trailer names" in result.stdout


def test_commit_not_made_by_cocctl_and_deleted_case(committee):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text(path.read_text() + "\n")
    git(committee.root, "commit", "-q", "-am", "tidy whitespace")
    first = committee.head()
    git(committee.root, "rm", "-q", f"cases/{case}.yaml")
    git(committee.root, "commit", "-q", "-m", "drop it")
    result = committee.run(None, "verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"first offending commit: {first} (tidy whitespace)"
    assert "deletes a case file" in result.stdout


def diverge(committee) -> Path:
    """Amend one case on a side branch and on main; return the archive root (on main)."""
    case = committee.open()
    root: Path = committee.root
    git(root, "checkout", "-q", "-b", "side")
    committee.ok("bob", "amend", case, "--note", "on the side branch")
    git(root, "checkout", "-q", "main")
    committee.ok("alice", "amend", case, "--note", "on main")
    return root


def test_a_merge_by_the_cocctl_driver_holds_the_union_and_verifies(committee):
    root = diverge(committee)
    env = {**os.environ, "COCCTL_IDENTITY": str(committee.keys["alice"])}
    done = subprocess.run(["git", "merge", "-q", "--no-edit", "side"], cwd=root, capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr
    assert len(git(root, "log", "-1", "--format=%P").split()) == 2
    result = committee.ok("alice", "verify")
    assert "history verified: ok" in result.stderr


def test_history_rebuilt_from_scratch_is_caught_against_a_known_commit(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "one")
    seen = committee.head()
    assert committee.ok(None, "verify", "--known", seen).exit_code == 0
    assert committee.ok(None, "verify", "--known", "0" * 40).exit_code == 0  # a new branch: nothing seen yet
    git(committee.root, "reset", "-q", "--hard", "HEAD~1")
    committee.ok("bob", "amend", case, "--note", "a different one")
    result = committee.run(None, "verify", "--known", seen)
    assert result.exit_code == 1
    assert f"first offending commit: {seen}" in result.stdout and "history was rewritten" in result.stdout
    result = committee.run(None, "verify", "--known", "1" * 40)  # force-pushed away: not even in the clone
    assert result.exit_code == 3 and "is not a commit in this repository: history was rewritten" in result.stderr
