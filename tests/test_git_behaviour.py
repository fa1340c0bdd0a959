"""Git conventions: one commit per action, trailers, shielding, rollback, locking, signing."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import git


def test_commit_subject_names_action_and_case_only_with_trailers(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "Riley called again")
    message = git(committee.root, "log", "-1", "--format=%B")
    assert message.splitlines()[0] == f"Amend case {case}"
    trailers = git(committee.root, "log", "-1", "--format=%(trailers:only,unfold)")
    assert trailers.split() == ["Cocctl-Action:", "amend", "Cocctl-Case:", case, "Cocctl-Actor:", "bob"]
    assert "Riley" not in git(committee.root, "log", "--format=%B")


def test_unrelated_changes_are_left_alone(committee):
    readme = committee.root / "README.md"
    readme.write_text("# local tweak\n")
    git(committee.root, "add", "README.md")
    git(committee.root, "commit", "-qm", "Add a README")
    readme.write_text("# local tweak, edited\n")
    (committee.root / "notes.txt").write_text("draft agenda\n")
    (committee.root / "staged.txt").write_text("staged but not mine\n")
    git(committee.root, "add", "staged.txt")
    committee.open()
    changed = git(committee.root, "show", "--name-only", "--format=", "HEAD").split()
    assert len(changed) == 1 and changed[0].startswith("cases/")
    status = committee.status()
    assert "A  staged.txt" in status and "?? notes.txt" in status and " M README.md" in status


def test_callers_git_dir_is_ignored(committee, tmp_path):
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    git(decoy, "init", "-q")
    result = committee.run("alice", "open", "--summary", "x", "--kind", "concern", "--channel", "dm",
                           "--severity", "low", env={"GIT_DIR": str(decoy / ".git"), "GIT_WORK_TREE": str(decoy)})
    assert result.exit_code == 0, result.output
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=decoy, capture_output=True).returncode != 0
    assert git(committee.root, "log", "-1", "--format=%s").startswith("Open case")


def test_failing_hook_leaves_the_archive_unchanged(committee):
    case = committee.open()
    before_head, before_file = committee.head(), (committee.root / "cases" / f"{case}.yaml").read_bytes()
    hook = committee.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'policy says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = committee.run("alice", "amend", case, "--note", "x")
    assert result.exit_code == 8 and "git commit failed: policy says no" in result.stderr
    assert committee.head() == before_head
    assert (committee.root / "cases" / f"{case}.yaml").read_bytes() == before_file
    assert committee.status() == ""
    result = committee.run("alice", "open", "--summary", "x", "--kind", "concern", "--channel", "dm", "--severity", "low")
    assert result.exit_code == 8
    assert committee.status() == "" and len(list((committee.root / "cases").glob("*.yaml"))) == 1


def test_dirty_case_file_is_refused(committee):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text(path.read_text() + "# edited by hand\n")
    result = committee.run("alice", "amend", case, "--note", "x")
    assert result.exit_code == 7 and "uncommitted changes" in result.stderr
    assert path.read_text().endswith("# edited by hand\n")


def test_files_are_private_and_no_temp_files_remain(committee):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p for p in (committee.root / "cases").iterdir() if p.name.endswith(".tmp")]


def test_signing_settings_apply(committee, tmp_path):
    fake_gpg = tmp_path / "fake-gpg"
    fake_gpg.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "sys.stdin.read()\n"
        "sys.stderr.write('\\n[GNUPG:] SIG_CREATED D 1 8 00 0 0\\n')\n"
        "print('-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----')\n"
    )
    fake_gpg.chmod(0o755)
    git(committee.root, "config", "commit.gpgsign", "true")
    git(committee.root, "config", "gpg.program", str(fake_gpg))
    git(committee.root, "config", "user.signingkey", "TESTKEY")
    committee.open()
    assert "gpgsig -----BEGIN PGP SIGNATURE-----" in git(committee.root, "cat-file", "commit", "HEAD")


def test_two_processes_do_not_interleave(committee):
    case = committee.open()
    env = {**os.environ, "COCCTL_IDENTITY": str(committee.keys["alice"]), "COCCTL_ARCHIVE": str(committee.root)}
    command = [sys.executable, "-m", "cocctl", "amend", case, "--note"]
    processes = [subprocess.Popen([*command, f"note {i}"], env=env, stderr=subprocess.PIPE) for i in range(4)]
    for process in processes:
        assert process.wait(timeout=60) == 0, process.stderr.read()
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert sorted(e["data"]["text"] for e in state["events"] if e["type"] == "note") == [f"note {i}" for i in range(4)]
    assert committee.status() == ""


def test_cocctl_now_replaces_the_clock(committee):
    result = committee.run("alice", "open", "--summary", "x", "--kind", "concern", "--channel", "dm",
                           "--severity", "low", env={"COCCTL_NOW": "2027-03-01T12:00:00Z"})
    case = result.stdout.strip()
    assert case.startswith("2027-")
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert state["opened_at"] == state["received_at"] == "2027-03-01T12:00:00Z"
    # The commit is dated by the same clock, so a replayed history reads true in git log.
    assert git(committee.root, "log", "-1", "--format=%aI %cI").split() == ["2027-03-01T12:00:00+00:00"] * 2
    bad = committee.run("alice", "list", env={"COCCTL_NOW": "soon"})
    assert bad.exit_code == 2
    assert "COCCTL_NOW 'soon' is not an ISO 8601 time" in bad.stderr


def test_python_dash_m_runs(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "cocctl", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("cocctl ")
