"""Remote work: clone, fetch and push against a bare repository in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocctl.archive import remote
from cocctl.errors import AccessDenied, ConflictError, GitError, NotFound

from .conftest import git


def commit(root: Path, name: str) -> str:
    """Commit a new file ``name`` in ``root`` and return the commit id."""
    (root / name).write_text(name + "\n")
    git(root, "add", name)
    git(root, "commit", "--quiet", "-m", f"add {name}")
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A bare repository with two commits on main."""
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(bare))
    seed = tmp_path / "seed"
    git(tmp_path, "init", "--quiet", "-b", "main", str(seed))
    commit(seed, "one")
    commit(seed, "two")
    git(seed, "push", "--quiet", str(bare), "main")
    return bare


@pytest.fixture
def clones(origin: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two clones of ``origin``, as two committee members would have."""
    first, second = tmp_path / "alice", tmp_path / "bob"
    remote.clone(str(origin), first)
    remote.clone(str(origin), second)
    return first, second


def test_clone_reports_progress(origin: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    # file:// makes git pack and send objects (a plain path hard-links them
    # silently), so there is progress to report.
    dest = remote.clone(f"file://{origin}", tmp_path / "copy", progress=lambda *args: calls.append(args))
    assert (dest / "two").read_text() == "two\n"
    assert calls
    assert {label for label, _, _ in calls} >= {"receiving objects"}
    assert all(isinstance(current, int) for _, current, _ in calls)
    assert remote.upstream(dest) == ("origin", "main")
    assert remote.has_remote(dest)


def test_clone_refuses_a_non_empty_directory(origin: Path, tmp_path: Path) -> None:
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n")
    with pytest.raises(ConflictError, match="not empty") as caught:
        remote.clone(str(origin), dest)
    assert caught.value.exit_code == 7
    assert [path.name for path in dest.iterdir()] == ["notes.txt"]
    assert (dest / "notes.txt").read_text() == "mine\n"


def test_clone_into_an_empty_directory(origin: Path, tmp_path: Path) -> None:
    dest = tmp_path / "empty"
    dest.mkdir()
    remote.clone(str(origin), dest)
    assert (dest / "one").exists()


def test_clone_of_a_missing_url_is_a_git_error_and_leaves_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "copy"
    with pytest.raises(GitError) as caught:
        remote.clone(str(tmp_path / "nowhere.git"), dest)
    assert caught.value.exit_code == 8
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith("does not exist")
    assert not dest.exists()


def test_clone_failure_keeps_an_empty_directory_empty(tmp_path: Path) -> None:
    dest = tmp_path / "empty"
    dest.mkdir()
    with pytest.raises(GitError):
        remote.clone(str(tmp_path / "nowhere.git"), dest)
    assert dest.is_dir() and not any(dest.iterdir())


def test_clone_messages_never_show_credentials(tmp_path: Path) -> None:
    # Port 1 on loopback refuses at once: no network, no waiting.
    with pytest.raises(GitError) as caught:
        remote.clone("https://alice:hunter2@127.0.0.1:1/archive.git", tmp_path / "copy")
    message = str(caught.value)
    assert "hunter2" not in message and "alice" not in message
    assert message.startswith("cannot clone https://127.0.0.1:1/archive.git")


def test_redact_strips_userinfo_from_every_url() -> None:
    text = "from https://u:p@host/a and ssh://token@host/b, not git@host:c"
    assert remote._redact(text) == "from https://host/a and ssh://host/b, not git@host:c"


def test_fetch_counts_the_other_clones_commits(clones: tuple[Path, Path]) -> None:
    first, second = clones
    before = git(second, "rev-parse", "origin/main").strip()
    commit(first, "three")
    head = commit(first, "four")
    git(first, "push", "--quiet")
    calls: list[tuple[str, int, int | None]] = []
    result = remote.fetch(second, progress=lambda *args: calls.append(args))
    assert result == remote.FetchResult("origin", "main", before, head, 2)
    assert calls
    # A fetch only moves the remote-tracking ref.
    assert git(second, "rev-parse", "HEAD").strip() == before


def test_fetch_with_nothing_new(clones: tuple[Path, Path]) -> None:
    _, second = clones
    result = remote.fetch(second)
    assert result.new_commits == 0 and result.old == result.new


def test_fetch_from_an_unknown_remote(clones: tuple[Path, Path]) -> None:
    with pytest.raises(NotFound, match="no remote named 'upstream'"):
        remote.fetch(clones[0], remote="upstream")


def test_push_fast_forward(clones: tuple[Path, Path], origin: Path) -> None:
    first, _ = clones
    old = git(first, "rev-parse", "HEAD").strip()
    new = commit(first, "three")
    result = remote.push(first)
    assert result == remote.PushResult("origin", "main", old, new, up_to_date=False)
    assert git(origin, "rev-parse", "main").strip() == new
    again = remote.push(first)
    assert again.up_to_date and again.new == new


def test_push_sets_the_upstream_of_a_new_branch(clones: tuple[Path, Path]) -> None:
    first, _ = clones
    git(first, "switch", "--quiet", "-c", "drafts")
    assert remote.upstream(first) is None
    result = remote.push(first, progress=lambda *args: None)
    assert result.branch == "drafts" and result.old is None
    assert remote.upstream(first) == ("origin", "drafts")


def test_push_refused_when_the_remote_has_commits_you_lack(clones: tuple[Path, Path], origin: Path) -> None:
    first, second = clones
    commit(first, "three")
    remote.push(first)
    before = git(origin, "rev-parse", "main").strip()
    commit(second, "four")
    with pytest.raises(ConflictError) as caught:
        remote.push(second)
    assert str(caught.value) == ("the remote refused the push (it has commits you do not): "
                                 "run 'cocctl sync' again")
    assert caught.value.exit_code == 7
    assert git(origin, "rev-parse", "main").strip() == before


def push_past_refusing_hook(clone: Path, origin: Path, says: str) -> None:
    """Make ``origin`` refuse every push, saying ``says``, and push a new commit from ``clone``."""
    hook = origin / "hooks" / "pre-receive"
    hook.write_text(f"#!/bin/sh\necho '{says}' >&2\nexit 1\n")
    hook.chmod(0o755)
    commit(clone, "three")
    remote.push(clone)


def test_push_declined_by_a_hook(clones: tuple[Path, Path], origin: Path) -> None:
    with pytest.raises(ConflictError) as caught:
        push_past_refusing_hook(clones[0], origin, "archive is frozen for the audit")
    message = str(caught.value)
    assert "pre-receive hook declined" in message
    assert "archive is frozen for the audit" in message
    assert "\n" not in message and message == message.lower()


def test_push_denied_by_a_hook_about_permission(clones: tuple[Path, Path], origin: Path) -> None:
    with pytest.raises(AccessDenied) as caught:
        push_past_refusing_hook(clones[0], origin, "permission denied for alice")
    assert caught.value.exit_code == 4


def test_push_to_an_unreachable_remote(clones: tuple[Path, Path], tmp_path: Path) -> None:
    first, _ = clones
    git(first, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    with pytest.raises(GitError, match="^cannot push to 'origin': .*does not appear to be a git repository"):
        remote.push(first)


def test_push_with_a_detached_head(clones: tuple[Path, Path]) -> None:
    first, _ = clones
    git(first, "switch", "--quiet", "--detach")
    assert remote.upstream(first) is None
    with pytest.raises(ConflictError, match="detached"):
        remote.push(first)


def test_no_remote(tmp_path: Path) -> None:
    lone = tmp_path / "lone"
    git(tmp_path, "init", "--quiet", "-b", "main", str(lone))
    assert not remote.has_remote(lone)
    assert remote.upstream(lone) is None


def test_a_bogus_git_dir_in_the_environment_changes_nothing(
    origin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "bogus"
    misdirect = {"GIT_DIR": str(bogus), "GIT_WORK_TREE": str(bogus), "GIT_INDEX_FILE": str(bogus / "index")}
    with monkeypatch.context() as scope:
        for name, value in misdirect.items():
            scope.setenv(name, value)
        first = remote.clone(str(origin), tmp_path / "alice")
        second = remote.clone(str(origin), tmp_path / "bob")
    # The conftest helper runs git with the environment as it is: commit unmisdirected.
    commit(first, "three")
    for name, value in misdirect.items():
        monkeypatch.setenv(name, value)
    assert remote.push(first).branch == "main"
    assert remote.fetch(second).new_commits == 1
    assert remote.upstream(second) == ("origin", "main")
    # The caller's variables are back as they were, and nothing was made there.
    assert os.environ["GIT_DIR"] == str(bogus)
    assert not bogus.exists()


def test_importing_the_module_does_not_import_gitpython() -> None:
    code = "import sys, cocctl.archive.remote; print('git' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
