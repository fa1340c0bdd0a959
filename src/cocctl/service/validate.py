"""cocctl validate: the archive is well formed and leaks nothing, checked with or without a key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocctl.archive import attachments, casefile, fsio, history, messages, sources
from cocctl.archive import config as config_file
from cocctl.archive import roster as roster_file
from cocctl.archive.actors import Actors
from cocctl.archive.git import Git
from cocctl.archive.repo import CASES_DIR, Archive
from cocctl.archive.roster import Roster
from cocctl.errors import AccessDenied, ConflictError, IntegrityError, NotFound
from cocctl.model.fold import FoldError
from cocctl.policy.deadlines import envelope_due
from cocctl.policy import reportable
from cocctl.service.mediator import stalled
from cocctl.policy.retention import expunge_at
from cocctl.service import evidence, guard
from cocctl.service.policy import policy_of
from cocctl.service.workspace import Session, Workspace

STAGED_INDEX = ("GIT_INDEX_FILE",)


@dataclass(frozen=True)
class Problem:
    """One thing wrong: the file (relative to the archive) or commit, and what."""

    file: str
    message: str
    commit: str = ""


@dataclass(frozen=True)
class Report:
    """What validate looked at and what it found."""

    problems: tuple[Problem, ...]
    files: int
    commits: int = 0
    deep: int = 0
    unreadable: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Whether nothing failed."""
        return not self.problems


def validate(session: Session, paths: Sequence[Path] = (), *, staged: bool = False, deep: bool = False) -> Report:
    """Check the archive, or just ``paths``, or just the staged files.

    Every file goes through the allow-list guard (``service/guard.py``);
    case files are then checked against the roster (seal signatures,
    readers), and with ``deep`` against their decrypted logs. Outside an
    archive (no cocctl.yaml, as in cocctl's own repository), the files given
    are checked on their own: ``cases/`` against the allow-list, every file
    for plaintext case documents and secret keys.

    Raises:
        NotFound: no archive here and no files given, or the archive is not a git repository.
        UsageError: ``--deep`` outside an archive.
    """
    archive: Archive | None
    try:
        archive = Archive.find(session.archive)
        root = archive.root
    except NotFound:
        if not paths and not staged:
            raise
        archive, root = None, _git_root(Path.cwd())
    if deep and archive is None:
        from cocctl.errors import UsageError

        raise UsageError("--deep needs an archive (cocctl.yaml) to compute who should read each case")
    found: list[Problem] = []
    whole = not paths and not staged
    if archive is not None and (whole or staged):
        archive.require_repository()
    git = Git(root)
    if staged:
        files = sources.blobs(git, history.staged(git), guard.size_limit, keep=STAGED_INDEX)
    elif paths:
        named, missing = sources.given(root, paths)
        found += [Problem(name, problem) for name, problem in missing]
        files = sources.worktree(root, named, guard.size_limit)
    else:
        files = sources.worktree(root, history.tracked(git), guard.size_limit)
    by_path = {source.path: source for source in files}
    roster = _roster(archive, by_path, found, whole) if archive is not None else None
    if archive is not None and (whole or config_file.FILE_NAME in by_path):
        found += _config_problems(archive, by_path)
    known_cases = _known_cases(archive, by_path)
    envelopes: dict[str, Any] = {}
    stored: dict[str, int | None] = {}  # attachments: how many keys each is encrypted to
    for source in files:
        try:
            data = source.read()
        except OSError as error:
            found.append(Problem(source.path, f"cannot be read ({error.strerror or error})"))
            continue
        found += file_problems(source.path, data, roster, known_cases, envelopes, mode=source.mode,
                               size=source.size, in_archive=archive is not None)
        if archive is not None and guard.kind_of(source.path) == guard.ATTACHMENT:
            stored[source.path] = attachments.recipient_count(data)
    for path, count in stored.items():
        case_file = envelopes.get(f"{CASES_DIR}/{path.split('/')[1]}.yaml")
        if case_file is not None and case_file.version == 2:
            found += [Problem(path, message) for message in evidence.seal_problems(path, count, case_file)]
    commits = 0
    if whole:
        log = history.commits(git)
        commits = len(log)
        for commit in log:
            if messages.is_cocctl_commit(commit):
                found += [Problem("", f"message {line}", commit.id) for line in messages.problems(commit)]
    checked, unreadable = 0, ()
    if deep and archive is not None:
        work = Workspace(session)
        checked, unreadable, deep_found = _deep(work, envelopes)
        found += deep_found
    return Report(tuple(found), len(files), commits, checked, unreadable)


def validate_push(session: Session, updates: Sequence[tuple[str, str]]) -> Report:
    """The guard over what a push adds: every file version in the pushed commits the remote does not have.

    Args:
        updates: (local commit, remote commit) per ref pushed, as git hands
            them to a pre-push hook; a remote commit of zeros is a new ref,
            and a local one of zeros a deletion (nothing to check).

    Raises:
        NotFound: no archive here, or it is not a git repository.
    """
    archive = Archive.find(session.archive)
    archive.require_repository()
    git = archive.git
    found: list[Problem] = []
    for local, remote in updates:
        if not local.strip("0"):
            continue
        exclude = ["--remotes"]
        if remote.strip("0") and git.commit_id(remote):
            exclude.insert(0, remote)
        found += [Problem(item.path, item.message, item.commit) for item in guard.outgoing(git, local, exclude)]
    return Report(tuple(dict.fromkeys(found)), len(found))


def file_problems(path: str, data: bytes, roster: Roster | None, known_cases: set[str],
                  envelopes: dict[str, Any] | None = None, *, mode: str = "100644", size: int | None = None,
                  in_archive: bool = True) -> list[Problem]:
    """Key-less checks of one file at ``path`` (relative to the archive root): the guard, then the roster.

    Args:
        roster: the roster seals and readers are checked against (None: not checked).
        known_cases: ids of the case files present, for attachments.
        envelopes: filled with path -> case file for the case files that pass.
        mode, size: git's mode for the file and its whole size (``data`` may be cut short).
        in_archive: False outside an archive, where only cases/ is held to the allow-list.
    """
    checked = guard.check(path, data, mode=mode, size=size, cases=known_cases, archive=in_archive)
    found = [Problem(path, message) for message in checked.problems]
    if checked.case_file is not None:
        found += _seal_problems(path, checked.case_file, roster)
        if roster is not None:
            found += _reader_problems(path, checked.case_file, roster)
        if envelopes is not None and not found:
            envelopes[path] = checked.case_file  # only a file that passes everything is decrypted by --deep
    return found


def _seal_problems(path: str, found_file: casefile.CaseFile, roster: Roster | None) -> list[Problem]:
    """Every seal signed by a member, or a mediator a member granted a key, over this case (a moved seal fails)."""
    found = []
    checker = Actors(found_file, roster) if roster is not None and roster.entries else None
    for seal in found_file.seals:
        if checker is not None and not checker.seal_valid(found_file.case, seal):
            found.append(Problem(path, f"seal {seal.id} is not signed by a member ({seal.signer}): forged, "
                                       "or moved from another case; restore the file with git"))
    return found


def _reader_problems(path: str, found_file: casefile.CaseFile, roster: Roster) -> list[Problem]:
    """Readers must be members; a file a reader must re-seal says who can."""
    found = []
    handles = {member.handle: member for member in roster.members}
    readers = set(found_file.readers).union(*(seal.readers for seal in found_file.seals))
    for handle in sorted(readers):
        member = handles.get(handle)
        if member is None:
            found.append(Problem(path, f"encrypted to {handle}, who is not on the roster"))
    left = sorted(h for h in readers if h in handles and not handles[h].active)
    differs = not found_file.sealed_to(found_file.readers, found_file.guests)
    if found_file.version == 1 and roster.entries:
        found.append(Problem(path, "still format 1; a reader must run 'cocctl upgrade'"))
    elif found_file.reseal or left or differs:
        fixers = [h for h in found_file.fixers if h in handles and handles[h].active]
        why = (f"still readable by {', '.join(left)}, who left the committee" if left
               else "its seals are not all encrypted to its readers" if differs
               else "merged or changed by someone who could not read it")
        found.append(Problem(path, f"needs a reader's re-seal ({why}); one of "
                                   f"{', '.join(fixers) or 'no active reader: grant one access'} must run "
                                   "'cocctl sync' or 'cocctl rekey'"))
    return found


def _roster(archive: Archive, files: dict[str, sources.Source], found: list[Problem], whole: bool) -> Roster | None:
    name = roster_file.FILE_NAME
    data = _read(archive, files, name)
    if data is None:
        found.append(Problem(name, "missing, or not a regular file; restore it with git"))
        return None
    try:
        return roster_file.loads(data)
    except IntegrityError as error:
        if whole or name in files:
            found.append(Problem(name, str(error)))
        return None


def _read(archive: Archive, files: dict[str, sources.Source], name: str) -> bytes | None:
    """A file among those checked, else as it is in the work tree (None when absent or not a regular file)."""
    try:
        if name in files:
            return files[name].read() if files[name].mode in guard.FILE_MODES else None
        return fsio.read_regular(archive.root / name, guard.MAX_FILE)
    except OSError:
        return None


def _config_problems(archive: Archive, files: dict[str, sources.Source]) -> list[Problem]:
    name = config_file.FILE_NAME
    data = _read(archive, files, name)
    if data is None:
        return [Problem(name, "missing, or not a regular file; restore it with git")]
    try:
        policy_of(data)
    except IntegrityError as error:
        return [Problem(name, str(error))]
    return []


def _known_cases(archive: Archive | None, files: dict[str, sources.Source]) -> set[str]:
    names = {path.split("/")[1][: -len(".yaml")] for path in files
             if path.startswith(f"{CASES_DIR}/") and path.count("/") == 1 and path.endswith(".yaml")}
    return names | set(archive.case_ids() if archive is not None else ())


def _deep(work: Workspace, envelopes: dict[str, Any]) -> tuple[int, tuple[str, ...], list[Problem]]:
    """Decrypt every case my key opens and check it against its metadata and the policy."""
    found: list[Problem] = []
    checked, unreadable = 0, []
    for path, found_file in sorted(envelopes.items()):
        try:
            loaded = work.open_file(found_file, path)
        except (AccessDenied, ConflictError):
            unreadable.append(found_file.case)
            continue
        except IntegrityError as error:
            found.append(Problem(path, str(error).removeprefix(f"{path}: ")))
            continue
        except (FoldError, KeyError, TypeError, ValueError) as error:
            found.append(Problem(path, f"the event log does not fold ({type(error).__name__})"))
            continue
        checked += 1
        found += [Problem(name, message) for name, message in evidence.problems(work, loaded)]
        state = loaded.state
        for name, value in (("status", state.status), ("opened", state.opened_at), ("updated", state.updated_at)):
            if getattr(found_file, name) != value:
                found.append(Problem(path, f"plaintext {name} differs from the state the event log folds to"))
        found += [Problem(path, f"conflict: {conflict}") for conflict in state.conflicts]
        readers = work.readers(state)
        if tuple(found_file.readers) != readers:
            found.append(Problem(path, "readers differ from those the policy and the case log allow; "
                                       "a member who can read it must run 'cocctl rekey'"))
        if tuple(found_file.guests) != tuple(guest.name for guest in state.guests):
            found.append(Problem(path, "guests differ from those granted in the case log"))
        # The plaintext deadlines drive key-less 'cocctl due --check'; an
        # edited (or stale) list would hide an overdue case from CI.
        if found_file.expunge != expunge_at(state, work.policy):
            found.append(Problem(path, "the plaintext expunge date differs from the one the retention policy gives; "
                                       "a reader must run 'cocctl rekey'"))
        # Files written before the report facts existed have none: valid until a reader rewrites them.
        if found_file.report is not None and dict(found_file.report) != reportable.facts(state):
            found.append(Problem(path, "the plaintext report facts differ from those the case log gives; "
                                       "a reader must run 'cocctl rekey'"))
        if [dict(item) for item in found_file.due] != envelope_due(state, work.policy, stalled(work, state)):
            found.append(Problem(path, "the plaintext due deadlines differ from those the case log "
                                       "and the policy give"))
    return checked, tuple(unreadable), found


def _git_root(start: Path) -> Path:
    top = Git(start).run("rev-parse", "--show-toplevel", check=False).strip()
    return Path(top).resolve() if top else start.resolve()
