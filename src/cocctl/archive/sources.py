"""The files a check looks at, from the work tree, the index being committed or a commit: read lazily and bounded.

Every file is read at most once, at most ``limit(path)`` + 1 bytes of it, and
never through a symbolic link, a FIFO or a device: an archive is shared, and
a file someone commits must not make a check hang, fill the memory or read
a key outside the archive.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cocctl.archive import fsio, history
from cocctl.archive.git import Git

SYMLINK, SUBMODULE, OTHER = "120000", "160000", "0"
# Blobs are read from git in batches of about this many bytes.
BATCH_BYTES = 16 * 1024 * 1024

Limit = Callable[[str], int]


@dataclass(frozen=True)
class Source:
    """One file to check: its path in the archive, git's mode for it, its size, and how to read it."""

    path: str
    mode: str
    size: int
    read: Callable[[], bytes] = field(compare=False)
    blob: str = ""  # the git blob id, for a file read from git


def worktree(root: Path, paths: Iterable[str], limit: Limit) -> list[Source]:
    """The files at ``paths`` (relative to ``root``) as they are in the work tree; absent ones are left out."""
    found = []
    for path in sorted(set(paths)):
        full = root / path
        try:
            info = full.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            found.append(Source(path, SYMLINK, 0, bytes))
        elif stat.S_ISDIR(info.st_mode):
            continue  # a submodule's folder or an emptied one; git lists its files, if any
        elif not stat.S_ISREG(info.st_mode):
            found.append(Source(path, OTHER, 0, bytes))
        else:
            mode = "100755" if info.st_mode & 0o111 else "100644"
            found.append(Source(path, mode, info.st_size, _file_reader(full, limit(path))))
    return found


def given(root: Path, paths: Sequence[Path]) -> tuple[list[str], list[tuple[str, str]]]:
    """The archive paths of the files and folders a user named, and (name, problem) for those that are not there.

    Folders are walked without following symbolic links; ``.git`` is skipped.
    """
    found, problems = [], []
    for name in paths:
        path = Path.cwd() / name if not name.is_absolute() else name
        try:
            relative = path.resolve().relative_to(root) if not path.is_symlink() else \
                path.parent.resolve().relative_to(root) / path.name
        except ValueError:
            problems.append((str(name), f"is outside the archive at {root}"))
            continue
        full = root / relative
        if full.is_dir() and not full.is_symlink():
            for child in sorted(full.rglob("*")):
                inside = child.relative_to(root)
                if ".git" not in inside.parts and (child.is_symlink() or not child.is_dir()):
                    found.append(inside.as_posix())
        elif full.is_symlink() or full.exists():
            found.append(relative.as_posix())
        else:
            problems.append((str(name), "no such file"))
    return found, problems


def blobs(git: Git, entries: Iterable[tuple[str, str, str]], limit: Limit,
          keep: Sequence[str] = ()) -> list[Source]:
    """Files stored in git as (path, blob id, mode): the index being committed, or a commit's tree.

    Blobs larger than ``limit(path)`` are never read; the others are read in
    batches when first asked for.
    """
    entries = sorted(entries)
    sizes = history.blob_sizes(git, (blob for _, blob, mode in entries if mode not in (SUBMODULE,)))
    reader = _BatchReader(git, keep)
    found = []
    for path, blob, mode in entries:
        size = sizes.get(blob, 0)
        readable = mode not in (SYMLINK, SUBMODULE) and size <= limit(path)
        if readable:
            reader.plan(blob, size)
        found.append(Source(path, mode, size, (lambda b=blob: reader.get(b)) if readable else bytes, blob))
    return found


class _BatchReader:
    """Reads planned blobs in batches of about BATCH_BYTES, keeping only the current batch."""

    def __init__(self, git: Git, keep: Sequence[str]) -> None:
        self.git = git
        self.keep = keep
        self.batches: list[list[str]] = [[]]
        self.batch_of: dict[str, int] = {}
        self.filled = 0
        self.current: tuple[int, dict[str, bytes]] = (-1, {})

    def plan(self, blob: str, size: int) -> None:
        if blob in self.batch_of:
            return
        if self.filled + size > BATCH_BYTES and self.batches[-1]:
            self.batches.append([])
            self.filled = 0
        self.batches[-1].append(blob)
        self.batch_of[blob] = len(self.batches) - 1
        self.filled += size

    def get(self, blob: str) -> bytes:
        number = self.batch_of[blob]
        if self.current[0] != number:
            self.current = (number, {})  # let the previous batch go first
            self.current = (number, history.blobs(self.git, self.batches[number], keep=self.keep))
        return self.current[1].get(blob, b"")


def _file_reader(path: Path, limit: int) -> Callable[[], bytes]:
    def read() -> bytes:
        return fsio.read_regular(path, limit)

    return read
