"""An archive on disk: where it is, what it holds, and committing changes to it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from pathlib import Path

from cocctl.archive import casefile, trust
from cocctl.archive import config as config_file
from cocctl.archive import roster as roster_file
from cocctl.archive.fsio import write_atomic
from cocctl.archive.git import Git
from cocctl.archive.ids import is_case_id
from cocctl.archive.lock import locked
from cocctl.errors import CocctlError, ConflictError, NotFound, UsageError

ARCHIVE_VARIABLE = "COCCTL_ARCHIVE"
CASES_DIR = "cases"
LOCK_NAME = "cocctl.lock"
# What a commit in progress is about to change, in the git folder: a process
# killed between writing the files and committing them leaves it behind, and
# the next write under the lock puts those files back as HEAD has them.
JOURNAL_NAME = "cocctl-journal.json"


class Archive:
    """A cocctl archive: a git work tree holding cocctl.yaml at its root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git = Git(root)
        # Paths ensure_trusted found clean for the commit to come, so commit need not ask git again.
        self.clean: frozenset[str] = frozenset()

    @classmethod
    def find(cls, explicit: Path | None = None, start: Path | None = None) -> Archive:
        """Locate the archive: ``--archive``, ``COCCTL_ARCHIVE``, or the nearest ancestor.

        Raises:
            NotFound: no cocctl.yaml there.
        """
        chosen = explicit or (Path(os.environ[ARCHIVE_VARIABLE]) if os.environ.get(ARCHIVE_VARIABLE) else None)
        if chosen is not None:
            root = chosen.expanduser().resolve()
            if not (root / config_file.FILE_NAME).is_file():
                raise NotFound(f"no cocctl archive at {root}; run 'cocctl init {chosen}' to create one")
            return cls(root)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / config_file.FILE_NAME).is_file():
                return cls(folder)
        raise NotFound("not inside a cocctl archive; cd into one, pass --archive PATH, or run 'cocctl init'")

    def require_repository(self) -> None:
        """Refuse to read history or the index of an archive folder that is not the top of its own git work tree.

        Raises:
            NotFound: no git repository there (a copy of the files, or a folder inside another repository).
        """
        top = self.git.run("rev-parse", "--show-toplevel", check=False).strip()
        if not top or Path(top).resolve() != self.root.resolve():
            raise self._not_a_repository()

    def _not_a_repository(self) -> NotFound:
        return NotFound(f"the archive at {self.root} is not a git repository; its history is what cocctl "
                        "checks: clone the archive with 'cocctl clone URL', or run 'git init' there first")

    @cached_property
    def config_bytes(self) -> bytes:
        """cocctl.yaml as it is on disk."""
        return _read(self.root / config_file.FILE_NAME, config_file.FILE_NAME)

    @cached_property
    def config(self) -> config_file.Config:
        """The archive's settings as on disk.

        Reading commands use them as they are; every write first checks
        (``ensure_trusted``) that they are committed and signed.

        Raises:
            IntegrityError: cocctl.yaml is invalid.
        """
        return config_file.loads(self.config_bytes)

    @property
    def config_signed(self) -> bool:
        """Whether cocctl.yaml is the version the roster's last signed settings change records."""
        recorded = self.roster.config
        return recorded is None or roster_file.config_hash(self.config_bytes) == recorded

    @cached_property
    def roster(self) -> roster_file.Roster:
        """The committee roster."""
        path = self.root / roster_file.FILE_NAME
        if not path.is_file():
            raise NotFound(f"{roster_file.FILE_NAME} is missing from the archive; restore it with git")
        return roster_file.loads(_read(path, roster_file.FILE_NAME))

    @staticmethod
    def case_relpath(case_id: str) -> str:
        """The case file's path relative to the archive root."""
        return f"{CASES_DIR}/{case_id}.yaml"

    def case_ids(self) -> list[str]:
        """Ids of every case file in the archive, sorted."""
        folder = self.root / CASES_DIR
        if not folder.is_dir():
            return []
        return sorted(path.stem for path in folder.glob("*.yaml") if is_case_id(path.stem))

    def has_case(self, case_id: str) -> bool:
        """Tell whether ``case_id`` names a case file here, without listing the others."""
        path = self.root / self.case_relpath(case_id)
        return is_case_id(case_id) and (path.is_file() or path.is_symlink())

    def case_ids_holding(self, needles: Iterable[str]) -> list[str]:
        """Ids of the case files whose bytes hold one of ``needles`` (e.g. people tokens), unparsed.

        A cheap filter before :meth:`read_case`: a hit still has to be parsed
        and checked; a file that cannot be read is kept as a hit so that
        reading it reports the problem.
        """
        if not (needles := list(needles)):
            return []
        found = self.git.files_holding(needles, CASES_DIR)
        if found is not None:  # cases/<id>.yaml only, as case_ids lists them
            stems = (path[len(CASES_DIR) + 1:-len(".yaml")] for path in found if path.endswith(".yaml"))
            return sorted(stem for stem in stems if "/" not in stem and is_case_id(stem))
        wanted = [needle.encode("ascii") for needle in needles]
        hits = []
        for case_id in self.case_ids():
            try:
                data = (self.root / self.case_relpath(case_id)).read_bytes()
            except OSError:
                hits.append(case_id)
                continue
            if any(needle in data for needle in wanted):
                hits.append(case_id)
        return hits

    def read_case(self, case_id: str) -> casefile.CaseFile:
        """Read and validate one case file's plaintext (metadata and seals).

        Raises:
            NotFound: no such case.
            IntegrityError: the file is not a valid case file.
        """
        relpath = self.case_relpath(case_id)
        path = self.root / relpath
        if not is_case_id(case_id) or not (path.is_file() or path.is_symlink()):
            raise NotFound(f"no case {case_id!r} in this archive; see 'cocctl list'")
        found = casefile.loads(_read(path, relpath), name=relpath)
        if found.case != case_id:
            from cocctl.errors import IntegrityError

            raise IntegrityError(f"{relpath} holds case {found.case}, not {case_id}; restore it with git")
        return found

    def ensure_trusted(self, adopt: Sequence[str] = (), writing: Sequence[str] = ()) -> None:
        """Refuse to encrypt unless the roster is the committed one and descends from the pinned one.

        Args:
            adopt: files whose uncommitted changes the caller is about to sign
                and commit (``policy sign`` adopts an edited cocctl.yaml).
            writing: files the caller is about to commit, checked in the same
                git process (see :meth:`commit`).

        Raises:
            ConflictError: committee.yaml, cocctl.yaml or one of ``writing`` has uncommitted changes.
            UntrustedRoster: see :func:`cocctl.archive.trust.ensure_trusted`.
        """
        found = self.git.dirty([roster_file.FILE_NAME, config_file.FILE_NAME, *writing])
        dirty = [path for path in found if path not in adopt and path not in writing]
        if dirty:
            adopt = " or adopt it with 'cocctl policy sign'" if dirty[0] == config_file.FILE_NAME else ""
            raise ConflictError(
                f"{dirty[0]} has uncommitted changes; roster and settings change only through signed cocctl "
                f"commands (restore it with 'git checkout -- {dirty[0]}'{adopt})"
            )
        if busy := [path for path in found if path in writing]:
            raise _uncommitted(busy[0])
        trust.ensure_trusted(self.git)
        self.clean = frozenset(writing)

    @cached_property
    def git_dir(self) -> Path:
        """The clone's git folder (``.git``, or where a linked worktree's ``.git`` file points)."""
        git_dir = self.root / ".git"
        if not git_dir.is_dir():
            found = self.git.run("rev-parse", "--absolute-git-dir", check=False).strip()
            if not found:
                raise self._not_a_repository()
            git_dir = Path(found)
        return git_dir

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the archive's write lock (in the git folder, never committed).

        Taking it first finishes what a killed writer left: see :meth:`recover`.
        """
        with locked(self.git_dir / LOCK_NAME):
            self.recover()
            yield

    def recover(self) -> list[str]:
        """Undo the files of a commit that a killed process wrote but never made; return their paths.

        ``commit`` journals the paths it is about to write. If the journal is
        still there and HEAD has not moved, the commit never happened: each
        path is put back as HEAD has it (every file was replaced whole, so it
        is the old or the new version, never half) and its index entry reset,
        so the tree matches HEAD again and the same command can simply be run
        again. If HEAD moved, the commit landed and only the journal is left.
        """
        journal = self.git_dir / JOURNAL_NAME
        try:
            record = json.loads(journal.read_bytes())
        except FileNotFoundError:
            return []
        except ValueError:
            record = {}
        paths = [p for p in record.get("paths", ()) if isinstance(p, str) and _inside(p)]
        restored = []
        if paths and self.git.head() == record.get("head"):
            for path in paths:
                _put(self.root / path, self._at_head(path))
                for stray in (self.root / path).parent.glob(f".{Path(path).name}.*.tmp"):
                    stray.unlink(missing_ok=True)
                restored.append(path)
            self.git.unstage(paths)
        journal.unlink(missing_ok=True)
        return restored

    def _at_head(self, path: str) -> bytes | None:
        if not self.git.run("ls-tree", "--name-only", "HEAD", "--", path, check=False).strip():
            return None
        return self.git.run_bytes("cat-file", "blob", f"HEAD:{path}")

    def commit(self, changes: Mapping[str, bytes | Path | None], subject: str, trailers: dict[str, str],
               when: datetime | None = None, *, sign: bool, adopt: Sequence[str] = ()) -> str:
        """Write ``changes`` (relative path -> new bytes, or None to delete) as one commit.

        A :class:`~pathlib.Path` instead of bytes is a finished temporary file
        beside the target (a streamed attachment), moved into place; the file
        it replaces is kept by a hard link until the commit is made, never
        read into memory.

        Files are written atomically with mode 0600. If anything fails,
        including a git hook rejecting the commit, every file is put back as
        it was and the index entries are reset, so the archive is unchanged.

        Files :meth:`ensure_trusted` just found clean (``writing``) are not
        asked about again.

        Args:
            sign: sign the commit (the caller knows whether the policy in
                force requires it; the archive knows no policy).

        Raises:
            ConflictError: one of the files has uncommitted changes.
            UsageError: ``sign`` and git has no signing key.
            GitError: the commit failed (or could not be signed).
            CocctlError: a file could not be written (a full disk, a read-only
                file system); the message names any file that could not be
                put back either, and how to restore it.
        """
        paths = list(changes)
        if sign:
            self._check_signing_key()
        unknown = [path for path in paths if path not in self.clean]
        self.clean = frozenset()
        dirty = [path for path in self.git.dirty(unknown) if path not in adopt] if unknown else []
        if dirty:
            raise _uncommitted(dirty[0])
        before = {path: _keep(self.root / path) if isinstance(changes[path], Path) else _read_or_none(self.root / path)
                  for path in paths}
        journal = self.git_dir / JOURNAL_NAME
        head = self.git.head()
        try:
            write_atomic(journal, json.dumps({"head": head, "paths": paths}).encode())
        except OSError as error:
            raise _write_failure(error, []) from None
        touched: list[str] = []  # a write that fails leaves the old file whole: only these need putting back
        stranded: list[str] = []
        try:
            for path, data in changes.items():
                _put(self.root / path, data)
                touched.append(path)
            stage = [path for path in paths if before[path] is None or changes[path] is None]
            commit = self.git.commit(paths, subject, trailers, when=when, sign=sign, stage=stage)
            trust.follow(self.git, head, commit, paths)
            return commit
        except BaseException as error:
            for path in touched:
                data = before[path]
                try:
                    _put(self.root / path, data)
                except OSError:
                    stranded.append(path)  # the disk that refused the write may refuse this one too
            try:
                self.git.unstage(paths)
            except CocctlError:
                pass
            if isinstance(error, OSError) or (stranded and isinstance(error, CocctlError)):
                raise _write_failure(error, stranded) from None
            raise
        finally:
            for path in paths:  # temporary files: kept copies of replaced ones, and new ones never moved in
                for leftover in (before[path], changes[path]):
                    if isinstance(leftover, Path) and path not in stranded:
                        leftover.unlink(missing_ok=True)
            if not stranded:  # else the journal stays, and the next write under the lock puts them back
                journal.unlink(missing_ok=True)

    def _check_signing_key(self) -> None:
        """Refuse to start a signed commit git cannot sign.

        Raises:
            UsageError: no signing key is configured.
        """
        if not self.git.run("config", "--get", "user.signingkey", check=False).strip():
            raise UsageError(
                "the archive's policy requires signed commits and git has no signing key; "
                "set one with 'git config user.signingkey KEY' (and 'git config gpg.format ssh' for an ssh key)"
            )


def _uncommitted(path: str) -> ConflictError:
    return ConflictError(f"{path} has uncommitted changes; commit or discard them first (see 'git status')")


def _inside(path: str) -> bool:
    """Whether a journalled path stays inside the work tree (relative, no ``..``)."""
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts and ".git" not in parts


def _write_failure(error: BaseException, stranded: Sequence[str]) -> CocctlError:
    """One error for a commit that failed and was rolled back, naming what could not be put back."""
    if isinstance(error, OSError):
        where = f" {Path(error.filename).name}" if error.filename else ""
        message = f"could not write{where} ({error.strerror or error}); nothing was committed"
        code = CocctlError.exit_code
    else:
        message, code = str(error), getattr(error, "exit_code", CocctlError.exit_code)
    if stranded:
        message += (f"; {len(stranded)} file(s) could not be put back as they were: once there is room, the "
                    f"next cocctl write puts them back (or run 'git checkout -- {' '.join(stranded)}')")
    failure = CocctlError(message)
    failure.exit_code = code
    return failure


def _read(path: Path, name: str) -> bytes:
    """An archive file's bytes (cut one byte past the YAML limit, which the loader then reports).

    Raises:
        IntegrityError: a symbolic link, FIFO or device where cocctl writes a regular file.
        OSError: it cannot be read.
    """
    from cocctl.archive import yamlio
    from cocctl.archive.fsio import NotRegularFile, read_regular
    from cocctl.errors import IntegrityError

    try:
        return read_regular(path, yamlio.MAX_BYTES)
    except NotRegularFile as error:
        raise IntegrityError(f"{name} {error.strerror}, not a file cocctl wrote; restore it with git") from None


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _keep(path: Path) -> Path | None:
    """A hard link to the file at ``path`` (None: there is none), named so crash recovery removes a stray one."""
    if not path.is_file():
        return None
    kept = path.parent / f".{path.name}.{os.getpid()}.kept.tmp"
    kept.unlink(missing_ok=True)
    os.link(path, kept)
    return kept


def _put(path: Path, data: bytes | Path | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
    elif isinstance(data, Path):
        os.replace(data, path)
    else:
        write_atomic(path, data)
