"""Editing decrypted text in $EDITOR without leaving it where others can read it."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cocctl.archive.fsio import write_atomic
from cocctl.errors import UsageError

_KEEP = ".keep"


@contextmanager
def private_file(name: str, text: str) -> Iterator[Path]:
    """Yield a 0600 file holding ``text`` in a fresh 0700 folder, removed afterwards.

    The folder is under ``$TMPDIR`` (on Linux prefer the per-user
    ``$XDG_RUNTIME_DIR``, a tmpfs that never reaches a disk). Call ``keep``
    to leave it in place for the user, e.g. after an invalid edit.
    """
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(tempfile.mkdtemp(prefix="cocctl-edit-", dir=base if base and os.path.isdir(base) else None))
    path = folder / name
    write_atomic(path, text.encode("utf-8"))
    try:
        yield path
    finally:
        if not (folder / _KEEP).exists():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            (folder / _KEEP).unlink()


def keep(path: Path) -> None:
    """Leave ``path`` (and its private folder) in place when the block ends."""
    (path.parent / _KEEP).touch(mode=0o600)


def run(path: Path) -> None:
    """Open ``path`` in ``$VISUAL`` / ``$EDITOR`` (default ``vi``) and wait.

    Raises:
        UsageError: the editor could not be started or exited with an error.
    """
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        done = subprocess.run([*shlex.split(command), str(path)], check=False)
    except FileNotFoundError:
        raise UsageError(f"editor {command!r} not found; set $EDITOR") from None
    if done.returncode != 0:
        raise UsageError(f"the editor exited with code {done.returncode}; nothing was changed")
