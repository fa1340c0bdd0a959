"""Working as a committee on many clones: clone, sync, and deliberately trusting a reviewed roster."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cocctl.archive import drivers, history, signing, trust
from cocctl.archive.git import Git
from cocctl.archive.repo import Archive
from cocctl.errors import AccessDenied, ConflictError, GitError, IntegrityError
from cocctl.service import committee
from cocctl.service import policy
from cocctl.service.workspace import Session, Workspace

Progress = Callable[[str, int, "int | None"], None]


@dataclass(frozen=True)
class Cloned:
    """A new clone: where it is, and the signing keys of its first roster to confirm out of band."""

    root: Path
    founder: str
    fingerprints: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Review:
    """What changed in the roster since this clone's pin, and what is wrong with it."""

    head: str
    pinned: str | None
    findings: tuple[trust.Finding, ...]


@dataclass(frozen=True)
class Synced:
    """What a sync did: commits fetched, whether it merged, cases re-sealed, whether it pushed."""

    fetched: int
    merged: bool
    resealed: tuple[str, ...]
    unreadable: tuple[tuple[str, tuple[str, ...]], ...]
    pushed: bool
    notes: tuple[str, ...] = field(default=())


def clone(url: str, dest: Path, expect: str | None = None, progress: Progress | None = None) -> Cloned:
    """Clone an archive, register the drivers, verify the roster's whole history and pin it.

    Args:
        expect: the fingerprint (SHA256:...) of the founding member's signing
            key, learned out of band; the clone is refused if it differs.

    Raises:
        IntegrityError: not a cocctl archive, a roster change that does not
            verify, or a founder other than ``expect``; nothing is left behind.
    """
    from cocctl.archive import remote

    dest = dest.expanduser().resolve()
    existed = dest.exists()
    remote.clone(url, dest, progress)
    try:
        git = Git(dest)
        if not (dest / "cocctl.yaml").is_file() or not (dest / "committee.yaml").is_file():
            raise IntegrityError(f"{url} is not a cocctl archive (no cocctl.yaml and committee.yaml)")
        head, findings = trust.walk(git, None, removal_rule=policy.removal_rule)
        if findings:
            raise IntegrityError(f"commit {findings[0].commit[:12]} {findings[0].message}; the clone was removed")
        roster = Archive(dest).roster
        founder = roster.find(roster.entries[0].by) if roster.entries else None
        founder_key = signing.fingerprint(founder.signing) if founder and founder.signing else ""
        if expect is not None and expect.strip() != founder_key:
            raise IntegrityError(f"the archive's founding key is {founder_key}, not the {expect.strip()} you expected; "
                                 "the clone was removed")
        drivers.setup(git)
        trust.write_pin(git, head)
    except BaseException:
        if existed:
            for child in dest.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        else:
            shutil.rmtree(dest, ignore_errors=True)
        raise
    prints = tuple((m.handle, signing.fingerprint(m.signing)) for m in roster.active if m.signing)
    return Cloned(dest, founder.handle if founder else "", prints)


def roster_review(session: Session) -> Review:
    """What the roster changes since this clone's pin are, and which do not verify."""
    archive = Archive.find(session.archive)
    head, findings = trust.walk_since_pin(archive.git, removal_rule=policy.removal_rule)
    return Review(head, trust.read_pin(archive.git), tuple(findings))


def roster_trust(session: Session) -> str:
    """Pin the roster at HEAD, whatever the walk says (the committee reviewed it); return the commit."""
    archive = Archive.find(session.archive)
    head = archive.git.commit_id("HEAD") or ""
    trust.write_pin(archive.git, head)
    return head


def sync(session: Session, progress: Progress | None = None, push: bool = True) -> Synced:
    """Fetch, verify what arrived, merge with the drivers, re-seal what I can, and push.

    A refused push or a network failure raises with the work tree as it was
    after the merge (nothing lost: run sync again). A merge that git cannot
    finish is aborted, leaving the work tree untouched.

    Raises:
        UntrustedRoster: the incoming history changes the roster without a
            valid signature; nothing was merged.
        IntegrityError: a commit to push adds a file the allow-list guard
            rejects (checked before merging, and again before pushing).
        ConflictError: uncommitted changes in the archive, or a merge git
            could not finish (aborted).
        GitError, AccessDenied, NotFound: from the remote.
    """
    from cocctl.archive import remote

    work = Workspace(session)
    archive = work.archive
    git = archive.git
    notes = []
    if not drivers.installed(git):
        drivers.setup(git)
        notes.append("registered cocctl's git drivers in this clone (they were missing)")
    with archive.locked():
        dirty = git.dirty(["cases", "committee.yaml", "cocctl.yaml", "index"])
        if dirty:
            raise ConflictError(f"{dirty[0]} has uncommitted changes; commit or discard them before 'cocctl sync'")
        fetched = remote.fetch(archive.root, progress=progress)
        # Before anything is merged or pinned: my commits must pass the guard.
        _refuse_leaks(git)
        merged = False
        if fetched.new and not git.is_ancestor(fetched.new, "HEAD"):
            _, findings = trust.walk_since_pin(git, head=fetched.new, removal_rule=policy.removal_rule)
            if findings:
                raise trust.UntrustedRoster(
                    f"the remote's commit {findings[0].commit[:12]} {findings[0].message}; nothing was merged. "
                    f"Review it with the committee ('git show {findings[0].commit[:12]}')"
                )
            _refuse_offences(session, fetched.new)
            try:
                git.run("merge", "--no-edit", "--quiet", fetched.new, env=_merge_env(session))
            except GitError:
                git.run("merge", "--abort", check=False)
                raise ConflictError("the merge with the remote stopped on a conflict cocctl cannot settle; "
                                    "the work tree is as it was. Run 'git merge' yourself to see it") from None
            merged = True
            history.write_graph(git)  # keeps 'cocctl log CASE' path-limited after what arrived
        trust.ensure_trusted(git)
    work = Workspace(session, now=work.now)
    resealed: tuple[str, ...] = ()
    unreadable: tuple[tuple[str, tuple[str, ...]], ...] = ()
    try:
        change = committee.rekey(session)
        resealed, unreadable = change.reencrypted, change.unreadable
    except ConflictError as error:
        notes.append(f"could not re-seal: {error}")
    except AccessDenied as error:  # I left the committee (my own last change still goes out)
        notes.append(f"did not re-seal: {error}")
    pushed = False
    if push and (fetched.branch or remote.upstream(archive.root) is not None):
        _refuse_leaks(git)
        result = remote.push(archive.root, progress=progress)
        pushed = not result.up_to_date
    return Synced(fetched.new_commits, merged, resealed, unreadable, pushed, tuple(notes))


def _refuse_offences(session: Session, incoming: str) -> None:
    """Refuse to merge commits that ``verify`` rejects (a forged seal, a removed member's work, a dropped seal).

    Raises:
        IntegrityError: naming the first offending incoming commit; nothing was merged.
    """
    from cocctl.service import history

    found = history.verify(session, rev=incoming, exclude=("HEAD",)).problems
    if found:
        first = found[0]
        where = f" {first.file}" if first.file else ""
        raise IntegrityError(
            f"the remote's commit {first.commit[:12]}{where} {first.message}; nothing was merged. "
            f"Review it with the committee ('git show {first.commit[:12]}')"
        )


def _refuse_leaks(git: Git) -> None:
    """Refuse to push a file the allow-list guard rejects, in any commit the push adds.

    Raises:
        IntegrityError: naming the first such file and its commit; nothing was pushed.
    """
    from cocctl.service import guard

    found = guard.outgoing(git, "HEAD", ("--remotes",))
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise IntegrityError(
            f"refusing to push: {first.path}: {first.message}{more}, in commit {first.commit[:12]}; nothing was "
            "pushed. Remove it from the commits to push (for example with 'git rebase -i') and sync again"
        )


def _merge_env(session: Session) -> dict[str, str]:
    """Pass my identity to the merge drivers git runs, so they can recompute what I can read."""
    from cocctl.archive import keys

    return {keys.IDENTITY_VARIABLE: str(keys.resolve_path(session.identity))}
