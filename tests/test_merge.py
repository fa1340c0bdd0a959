"""Two clones working on one case merge as the union of their event logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import git

DRIVER = f"{sys.executable} -m cocctl merge-driver %O %A %B %P"


def clone(committee, tmp_path, name):
    path = tmp_path / name
    git(tmp_path, "clone", "-q", str(committee.root), str(path))
    git(path, "config", "merge.cocctl.driver", DRIVER)
    return path


def pull(path, source, identity) -> subprocess.CompletedProcess:
    env = {**os.environ, "COCCTL_IDENTITY": str(identity)}
    return subprocess.run(["git", "pull", "-q", "--no-rebase", "--no-edit", str(source), "main"],
                          cwd=path, env=env, capture_output=True, text=True)


def test_concurrent_amendments_merge_without_losing_an_event(committee, tmp_path):
    case = committee.ok("alice", "open", "--summary", "x", "--kind", "concern", "--channel", "dm",
                        "--severity", "low", env={"COCCTL_NOW": "2026-11-19T10:00:00Z"}).stdout.strip()
    first, second = clone(committee, tmp_path, "first"), clone(committee, tmp_path, "second")
    committee.ok("alice", "--archive", str(first), "amend", case, "--note", "from alice's laptop",
                 env={"COCCTL_NOW": "2026-11-20T10:00:00Z"})
    committee.ok("bob", "--archive", str(second), "amend", case, "--note", "from bob's laptop",
                 env={"COCCTL_NOW": "2026-11-20T09:00:00Z"})
    done = pull(first, second, committee.keys["alice"])
    assert done.returncode == 0, done.stderr
    state = json.loads(committee.ok("alice", "--archive", str(first), "show", case, "--json").stdout)
    notes = [e["data"]["text"] for e in state["events"] if e["type"] == "note"]
    assert notes == ["from bob's laptop", "from alice's laptop"]  # ordered by time
    assert git(first, "status", "--porcelain") == ""
    assert len(git(first, "log", "-1", "--format=%P").split()) == 2
