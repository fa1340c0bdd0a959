"""Talking to an archive's remote: clone, fetch and push through GitPython, with progress."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocctl.archive.git import Git, environment
from cocctl.errors import AccessDenied, ConflictError, GitError, NotFound, UsageError

# Called with a stage label ("receiving objects"), the count so far and the
# total when git knows it.
Progress = Callable[[str, int, int | None], None]

# GitPython's RemoteProgress operation bits, by the label a user sees. The
# values are GitPython's (RemoteProgress.COUNTING = 4 ...); they are spelled
# here so that this table needs no import of ``git`` at module level.
_STAGES = {
    1 << 2: "counting objects",
    1 << 3: "compressing objects",
    1 << 4: "writing objects",
    1 << 5: "receiving objects",
    1 << 6: "resolving deltas",
    1 << 7: "finding sources",
    1 << 8: "checking out files",
}

# ``scheme://user:password@host`` and ``scheme://token@host``: the part a
# message must never show.
_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@'\"]+@")
# What git and servers say when the credentials are missing or wrong.
_AUTH_FAILURE = re.compile(
    r"(?i)permission denied|authentication failed|could not read username|"
    r"\b403\b|access denied|not authorized|invalid credentials"
)

RETRY_SYNC = "run 'cocctl sync' again"


@dataclass(frozen=True)
class FetchResult:
    """What a fetch brought for the branch being followed.

    ``old`` and ``new`` are the remote-tracking ref before and after (None
    when it did not exist); ``new_commits`` counts commits in ``new`` that
    ``old`` did not have.
    """

    remote: str
    branch: str | None
    old: str | None
    new: str | None
    new_commits: int


@dataclass(frozen=True)
class PushResult:
    """What a push changed on the remote: ``branch`` moved from ``old`` (None: created) to ``new``."""

    remote: str
    branch: str
    old: str | None
    new: str
    up_to_date: bool


def clone(url: str, dest: Path, progress: Progress | None = None) -> Path:
    """Clone the archive at ``url`` into ``dest``.

    Args:
        url: anything git clones from (a path, ``file://``, ``https://``, ssh).
        dest: a directory that does not exist yet or is empty.
        progress: called as git reports each stage.

    Returns:
        ``dest``, the new work tree.

    Raises:
        ConflictError: ``dest`` exists and is not an empty directory.
        UsageError: the URL uses a transport git refuses to run (``ext::``).
        AccessDenied: the remote refused the credentials.
        GitError: git is missing, or the clone failed (unreachable, no such repository).
    """
    dest = Path(dest)
    existed = dest.exists() or dest.is_symlink()
    if existed and (not dest.is_dir() or any(dest.iterdir())):
        raise ConflictError(f"{dest} already exists and is not empty: choose a new directory to clone into")
    with _shielded() as git:
        try:
            git.Repo.clone_from(url, os.fspath(dest), progress=_handler(git, progress)).close()
        except BaseException as error:
            # Leave dest as it was found: gone, or empty.
            _undo_clone(dest, existed)
            if isinstance(error, git.exc.UnsafeProtocolError):
                raise UsageError(f"cannot clone {_redact(url)}: git refuses this kind of url") from None
            if isinstance(error, git.exc.GitError):
                raise _remote_error(git, error, f"cannot clone {_redact(url)}") from None
            raise
    return dest


def fetch(root: Path, remote: str = "origin", progress: Progress | None = None) -> FetchResult:
    """Fetch ``remote`` into its remote-tracking refs, leaving the work tree alone.

    The branch followed is the one the current branch tracks on ``remote``,
    else the remote branch of the same name.

    Args:
        root: the archive's work tree.
        remote: the remote's name.
        progress: called as git reports each stage.

    Returns:
        The followed branch's remote-tracking ref before and after, and how
        many commits it gained.

    Raises:
        NotFound: ``root`` is not a git repository or has no such remote.
        ConflictError: the remote has no fetch refspec configured.
        AccessDenied: the remote refused the credentials.
        GitError: the remote could not be reached or the fetch failed.
    """
    local = Git(root)
    branch = _followed_branch(local, remote)
    tracking = f"refs/remotes/{remote}/{branch}" if branch else None
    old = local.commit_id(tracking) if tracking else None
    with _shielded() as git:
        repo = _open(git, root)
        try:
            handle = _remote(repo, remote)
            try:
                handle.fetch(progress=_handler(git, progress))
            except AssertionError:
                # GitPython asserts a fetch refspec before it runs git.
                raise ConflictError(
                    f"remote '{remote}' has no fetch refspec: run "
                    f"'git config remote.{remote}.fetch +refs/heads/*:refs/remotes/{remote}/*'"
                ) from None
            except git.exc.GitError as error:
                raise _remote_error(git, error, f"cannot fetch from '{remote}'") from None
        finally:
            repo.close()
    new = local.commit_id(tracking) if tracking else None
    count = 0
    if new and new != old:
        span = f"{old}..{new}" if old else new
        count = int(local.run("rev-list", "--count", span).strip() or 0)
    return FetchResult(remote=remote, branch=branch, old=old, new=new, new_commits=count)


def push(root: Path, remote: str = "origin", branch: str | None = None,
         progress: Progress | None = None) -> PushResult:
    """Push ``branch`` (default: the current one) to ``remote``, fast-forward only.

    The remote branch is the one ``branch`` tracks on ``remote``, else one of
    the same name; a branch that tracks nothing starts tracking it, so the
    next sync knows where to go.

    Args:
        root: the archive's work tree.
        remote: the remote's name.
        branch: the local branch to push.
        progress: called as git reports each stage.

    Returns:
        The remote branch and its commit before and after.

    Raises:
        NotFound: ``root`` is not a git repository, or no such remote or branch.
        ConflictError: HEAD is detached, or the remote refused the update
            (it has commits this clone lacks, or a hook declined it).
        AccessDenied: the remote refused the credentials or write access.
        GitError: the remote could not be reached or failed to update.
    """
    local = Git(root)
    if branch is None:
        branch = _current_branch(local)
        if branch is None:
            raise ConflictError("HEAD is detached: check out the archive's branch, then push again")
    if local.commit_id(f"refs/heads/{branch}") is None:
        raise NotFound(f"no local branch '{branch}' to push")
    tracked = _upstream_of(local, branch)
    target = tracked[1] if tracked and tracked[0] == remote else branch
    with _shielded() as git:
        repo = _open(git, root)
        try:
            handle = _remote(repo, remote)
            handler = _handler(git, progress) or git.RemoteProgress()
            try:
                infos = handle.push(f"refs/heads/{branch}:refs/heads/{target}", progress=handler,
                                    set_upstream=tracked is None)
            except git.exc.GitError as error:
                raise _remote_error(git, error, f"cannot push to '{remote}'") from None
            if not infos:
                # git printed no ref status at all: nothing to judge flags by.
                reason = _reason("\n".join(handler.error_lines)) or "no reply about the branch"
                raise GitError(f"the push to '{remote}' failed: {reason}")
            info = infos[0]
            _check_push(git, info, handler, target)
            old = info.old_commit.hexsha if info.old_commit is not None else None
            new = local.commit_id(f"refs/heads/{branch}") or ""
            up_to_date = bool(info.flags & git.PushInfo.UP_TO_DATE)
        finally:
            repo.close()
    return PushResult(remote=remote, branch=target, old=old if not up_to_date else new, new=new,
                      up_to_date=up_to_date)


def upstream(root: Path) -> tuple[str, str] | None:
    """Return the remote and branch the current branch tracks.

    Read through the git command: asking does not talk to the remote, so it
    does not pay for importing GitPython.

    Args:
        root: the archive's work tree.

    Returns:
        ``(remote, branch)``, or None when HEAD is detached or the branch
        tracks no remote.

    Raises:
        GitError: ``root`` is not a git repository.
    """
    local = Git(root)
    branch = _current_branch(local)
    return _upstream_of(local, branch) if branch else None


def has_remote(root: Path) -> bool:
    """Say whether the repository at ``root`` has any remote configured.

    Args:
        root: the archive's work tree.

    Returns:
        True when ``git remote`` lists at least one.

    Raises:
        GitError: ``root`` is not a git repository.
    """
    return bool(Git(root).run("remote").strip())


@contextlib.contextmanager
def _shielded() -> Iterator[Any]:
    """Import GitPython and hide the caller's GIT_* repository variables while it runs.

    GitPython reads GIT_DIR and GIT_WORK_TREE from os.environ when it opens a
    repository and starts every git process from a copy of os.environ; its
    ``env`` arguments can add variables but not remove them. So they leave
    os.environ for the duration and come back afterwards (cocctl is one
    thread; a library user with threads should not call this concurrently).
    """
    keep = environment()
    hidden = {name: value for name, value in os.environ.items() if name not in keep}
    for name in hidden:
        del os.environ[name]
    try:
        import git

        # GitPython logs push errors as warnings; without a handler Python
        # prints them to stderr, next to cocctl's own message.
        logging.getLogger("git").addHandler(logging.NullHandler())
        yield git
    finally:
        os.environ.update(hidden)


def _handler(git: Any, progress: Progress | None) -> Any:
    """Wrap ``progress`` in a git.RemoteProgress (None stays None: no --progress)."""
    if progress is None:
        return None

    class Handler(git.RemoteProgress):
        def update(self, op_code: int, cur_count: Any, max_count: Any = None, message: str = "") -> None:
            label = _STAGES.get(op_code & git.RemoteProgress.OP_MASK, "working")
            total = int(float(max_count)) if max_count not in (None, "") else None
            progress(label, int(float(cur_count or 0)), total)

    return Handler()


def _check_push(git: Any, info: Any, handler: Any, target: str) -> None:
    """Raise the cocctl error that says what to do when the remote refused ``info``."""
    flags = info.flags
    summary = _redact(str(info.summary).strip())
    said = _remote_said(handler)
    if flags & git.PushInfo.REJECTED:
        raise ConflictError(f"the remote refused the push (it has commits you do not): {RETRY_SYNC}")
    if flags & git.PushInfo.REMOTE_REJECTED:
        reason = summary.removeprefix("[remote rejected]").strip().strip("()") or "declined"
        detail = f"{reason}: {said}" if said else reason
        if _AUTH_FAILURE.search(detail):
            raise AccessDenied(f"the remote refused the push ({detail}): ask its administrator for write access")
        raise ConflictError(f"the remote declined the push ({detail}): fix what it reports, then {RETRY_SYNC}")
    if flags & git.PushInfo.REMOTE_FAILURE:
        raise GitError(f"the remote failed to update '{target}' ({summary}): {RETRY_SYNC} later")
    if flags & git.PushInfo.ERROR:
        raise GitError(f"the push of '{target}' failed ({summary or 'no reason given'}): {RETRY_SYNC}")


def _remote_said(handler: Any) -> str:
    """The last line a remote hook printed (``remote: ...``), redacted."""
    lines = [line[len("remote:"):].strip() for line in getattr(handler, "other_lines", [])
             if line.startswith("remote:") and line[len("remote:"):].strip()]
    return _redact(lines[-1]) if lines else ""


def _remote_error(git: Any, error: Exception, context: str) -> Exception:
    """Turn a GitPython failure into cocctl's error: one line, no credentials."""
    if isinstance(error, git.exc.GitCommandNotFound):
        return GitError("git is not installed; install git and try again")
    stderr = getattr(error, "stderr", "") or ""
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    reason = _reason(stderr) or _reason(str(error)) or "git failed"
    if _AUTH_FAILURE.search(reason):
        return AccessDenied(f"{context}: the remote refused access ({reason}): check your credentials or key")
    return GitError(f"{context}: {reason}")


def _reason(text: str) -> str:
    """The telling line of git's stderr, without GitPython's framing or credentials."""
    # GitPython frames stderr as "\n  stderr: '...'".
    text = re.sub(r"^\s*stderr: '", "", text).rstrip().removesuffix("'")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    telling = [line for line in lines if line.startswith(("fatal:", "error:"))] or lines
    if not telling:
        return ""
    # The first fatal line names the cause ("unable to access"); later ones repeat it.
    line = telling[0]
    for prefix in ("fatal:", "error:"):
        line = line.removeprefix(prefix).strip()
    return _redact(line)


def _redact(text: str) -> str:
    """Remove ``user:password@`` from every URL in ``text``."""
    return _CREDENTIALS.sub(r"\1", text)


def _open(git: Any, root: Path) -> Any:
    try:
        return git.Repo(os.fspath(root))
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError):
        raise NotFound(f"no git repository at {root}") from None


def _remote(repo: Any, name: str) -> Any:
    try:
        return repo.remote(name)
    except ValueError:
        raise NotFound(f"no remote named '{name}': add one with 'git remote add {name} URL'") from None


def _undo_clone(dest: Path, existed: bool) -> None:
    if not dest.exists():
        return
    if not existed:
        shutil.rmtree(dest, ignore_errors=True)
        return
    for child in dest.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _current_branch(local: Git) -> str | None:
    ref = local.run("symbolic-ref", "-q", "HEAD", check=False).strip()
    return ref.removeprefix("refs/heads/") if ref.startswith("refs/heads/") else None


def _upstream_of(local: Git, branch: str) -> tuple[str, str] | None:
    line = local.run("for-each-ref", "--format=%(upstream:remotename)%00%(upstream:remoteref)",
                     f"refs/heads/{branch}").strip()
    name, _, ref = line.partition("\0")
    # "." is a local branch tracked as upstream: no remote to talk to.
    if not name or name == "." or not ref.startswith("refs/heads/"):
        return None
    return name, ref.removeprefix("refs/heads/")


def _followed_branch(local: Git, remote: str) -> str | None:
    branch = _current_branch(local)
    if branch is None:
        return None
    tracked = _upstream_of(local, branch)
    return tracked[1] if tracked and tracked[0] == remote else branch
