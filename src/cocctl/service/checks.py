"""cocctl validate: the archive is well formed and leaks nothing, checked with or without a key."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocctl import validation
from cocctl.archive import config as config_file
from cocctl.archive import casefile, history, messages, signing
from cocctl.archive import roster as roster_file
from cocctl.archive.git import Git
from cocctl.archive.repo import CASES_DIR, Archive
from cocctl.archive.roster import Roster
from cocctl.errors import AccessDenied, ConflictError, IntegrityError, NotFound
from cocctl.model.ids import is_case_id
from cocctl.policy.deadlines import envelope_due
from cocctl.model.fold import FoldError
from cocctl.service.workspace import Session, Workspace

SECRET_KEY = re.compile(rb"AGE-SECRET-KEY-(?:PQ-)?1[0-9A-Z]{20,}")
# A case document, decrypted, in YAML or JSON: an events list with an opening event.
EVENTS_KEY = re.compile(rb"""(?m)^\s*["']?events["']?\s*:""")
OPENED_EVENT = re.compile(rb"""["']?type["']?\s*:\s*["']?opened\b""")
KEEP_FILE = ".gitkeep"
INDEX_KEY_FILE = "index.key.age"  # service.blind.INDEX_FILE: the people index's key, sealed to members
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

    Outside an archive (no cocctl.yaml, as in cocctl's own repository),
    the files given are checked on their own: case files for their shape
    and payload, every file for plaintext case documents and secret keys.

    Raises:
        NotFound: no archive here and no files given.
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
    git = Git(root)
    found: list[Problem] = []
    whole = not paths and not staged
    if staged:
        entries = history.staged(git)
        contents = history.blobs(git, (blob for _, blob in entries), keep=STAGED_INDEX)
        files = {path: contents.get(blob, b"") for path, blob in entries}
    elif paths:
        files = _read_paths(root, paths, found)
    else:
        files = {path: (root / path).read_bytes() for path in history.tracked(git) if (root / path).is_file()}
    roster = _roster(archive, files, found, whole) if archive is not None else None
    if archive is not None and (whole or config_file.FILE_NAME in files):
        found += _config_problems(archive, files)
    known_cases = _known_cases(archive, files)
    envelopes: dict[str, Any] = {}
    for path, data in sorted(files.items()):
        found += file_problems(path, data, roster, known_cases, envelopes)
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


def file_problems(path: str, data: bytes, roster: Roster | None, known_cases: set[str],
                  envelopes: dict[str, Any] | None = None) -> list[Problem]:
    """Key-less checks of one file at ``path`` (relative to the archive root).

    Args:
        roster: the roster recipients must be active members of (None: not checked).
        known_cases: ids of the case files present, for attachments.
        envelopes: filled with path -> envelope for the case files that parse.
    """
    found = [Problem(path, message) for message in leak_problems(data)]
    is_index = path == INDEX_KEY_FILE or (path.startswith("index/") and path.count("/") == 1 and path.endswith(".age"))
    if is_index and not found and (problem := age_problem(data)):
        found.append(Problem(path, f"the blinded-index key is not an encrypted age file ({problem})"))
    parts = path.split("/")
    if parts[0] != CASES_DIR or len(parts) == 1:
        return found
    name = parts[1]
    if len(parts) == 2 and name == KEEP_FILE:
        return found
    if len(parts) == 2 and name.endswith(".yaml") and is_case_id(name[: -len(".yaml")]):
        if not found:
            found += _envelope_problems(path, name[: -len(".yaml")], data, roster, envelopes)
        return found
    if len(parts) > 2 and is_case_id(name):
        if name not in known_cases:
            found.append(Problem(path, f"attachment of case {name}, which has no case file"))
        elif not found and (problem := age_problem(data)):
            found.append(Problem(path, f"attachment is not an encrypted age file ({problem})"))
        return found
    if not found:
        found.append(Problem(path, "stray file under cases/: only <year>-<word>-<word>.yaml case files "
                                   "and their encrypted attachments belong there"))
    return found


def leak_problems(data: bytes) -> list[str]:
    """Name what in ``data`` must never be committed: a secret key or a decrypted case."""
    found = []
    if SECRET_KEY.search(data):
        found.append("holds an age secret key; remove it and rotate that key")
    if EVENTS_KEY.search(data) and OPENED_EVENT.search(data):
        found.append("looks like a decrypted case document (events with an opened event); "
                     "remove it from git and from history")
    return found


def age_problem(data: bytes) -> str | None:
    """Return why ``data`` is not an age v1 file (armored or binary), or None when it is."""
    from cocctl.age import armor
    from cocctl.age import format as age_format
    from cocctl.age.errors import AgeError

    try:
        binary = armor.decode(data) if armor.is_armored(data) else data
        header, _ = age_format.parse(binary)
    except AgeError as error:
        return str(error).split(":")[0]
    if any(not _recipient_stanza(stanza) for stanza in header.stanzas):
        return "it is not encrypted to members' keys only"
    return None


def _recipient_stanza(stanza: Any) -> bool:
    """A stanza for a member's key: X25519, ssh-ed25519, ssh-rsa, or a plugin's (whose types are its own).

    Never scrypt: a case is never encrypted to a passphrase.
    """
    return stanza.type != "scrypt"


def _envelope_problems(path: str, stem: str, data: bytes, roster: Roster | None,
                       envelopes: dict[str, Any] | None) -> list[Problem]:
    """Key-less checks of a case file: shape, ciphertexts, seal signatures, readers against the roster."""
    try:
        found_file = casefile.loads(data, name=path)
    except IntegrityError as error:
        return [Problem(path, str(error).removeprefix(f"{path} is ").removesuffix("; restore it with git"))]
    found = []
    if found_file.case != stem:
        found.append(Problem(path, "the case id inside differs from the file name"))
    if found_file.version == 1:
        found += _stanza_problems(path, "the payload", found_file.payload or "",
                                  len(found_file.readers) + len(found_file.guests))
    for seal in found_file.seals:
        found += _stanza_problems(path, f"seal {seal.id}", seal.age, len(seal.readers) + len(seal.guests))
        if roster is not None and roster.entries and not roster.signer_valid(
            seal.signer, seal.signed_at, seal.statement(found_file.case), signing.SEAL_DOMAIN, seal.sig
        ):
            found.append(Problem(path, f"seal {seal.id} is not signed by a member ({seal.signer}): forged, "
                                       "or moved from another case; restore the file with git"))
    if roster is not None:
        found += _reader_problems(path, found_file, roster)
    if envelopes is not None and not found:
        envelopes[path] = found_file
    return found


def _stanza_problems(path: str, what: str, armored: str, readers: int) -> list[Problem]:
    from cocctl.age import armor
    from cocctl.age import format as age_format
    from cocctl.age.errors import AgeError

    try:
        header, _ = age_format.parse(armor.decode(armored.encode("ascii")))
    except (AgeError, UnicodeEncodeError) as error:
        return [Problem(path, f"{what} is not a valid age file ({str(error).split(':')[0]})")]
    stanzas = [s for s in header.stanzas if _recipient_stanza(s)]
    if len(stanzas) != len(header.stanzas):
        return [Problem(path, f"{what} is not encrypted to members' keys only")]
    if len(stanzas) != readers:
        return [Problem(path, f"{what} is encrypted to {len(stanzas)} key(s) but lists {readers} reader(s)")]
    return []


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


def _roster(archive: Archive, files: dict[str, bytes], found: list[Problem], whole: bool) -> Roster | None:
    name = roster_file.FILE_NAME
    path = archive.root / name
    data = files.get(name)
    if data is None and not path.is_file():
        found.append(Problem(name, "missing; restore it with git"))
        return None
    try:
        return roster_file.loads(data if data is not None else path.read_bytes())
    except IntegrityError as error:
        if whole or data is not None:
            found.append(Problem(name, str(error)))
        return None


def _config_problems(archive: Archive, files: dict[str, bytes]) -> list[Problem]:
    from cocctl.policy import presets

    name = config_file.FILE_NAME
    data = files.get(name)
    try:
        config = config_file.loads(data if data is not None else (archive.root / name).read_bytes())
    except IntegrityError as error:
        return [Problem(name, str(error))]
    if config.preset not in presets.PRESETS:
        return [Problem(name, f"unknown preset {config.preset!r}; choose one of {', '.join(presets.names())}")]
    return []


def _known_cases(archive: Archive | None, files: dict[str, bytes]) -> set[str]:
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
        if [dict(item) for item in found_file.due] != envelope_due(state, work.policy):
            found.append(Problem(path, "the plaintext due deadlines differ from those the case log "
                                       "and the policy give"))
    return checked, tuple(unreadable), found


def _read_paths(root: Path, paths: Iterable[Path], found: list[Problem]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for given in paths:
        path = given.resolve()
        try:
            relative = path.relative_to(root)
        except ValueError:
            found.append(Problem(str(given), f"is outside the archive at {root}"))
            continue
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and ".git" not in child.relative_to(root).parts:
                    files[child.relative_to(root).as_posix()] = child.read_bytes()
        elif path.is_file():
            files[relative.as_posix()] = path.read_bytes()
        else:
            found.append(Problem(str(given), "no such file"))
    return files


def _git_root(start: Path) -> Path:
    top = Git(start).run("rev-parse", "--show-toplevel", check=False).strip()
    return Path(top).resolve() if top else start.resolve()
