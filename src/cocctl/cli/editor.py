"""Editing decrypted text in $EDITOR without leaving it where others can read it."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cocctl.errors import Interrupted, UsageError

_KEEP = ".keep"
# The signals that end cocctl while a buffer exists: the terminal closing,
# a polite kill, and Ctrl-C (the last one left to the editor while it runs).
_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class _Signalled(BaseException):
    """Raised by the handlers below, so that every ``finally`` on the way out runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def edits_dir() -> Path:
    """The private (0700) folder holding edit buffers, created if missing.

    ``$XDG_RUNTIME_DIR/cocctl/edits`` when there is a runtime dir (a per-user
    tmpfs that never reaches a disk and is emptied at logout), else
    ``$XDG_CACHE_HOME/cocctl/edits``; never the shared system temp dir.

    Raises:
        UsageError: the folder exists but is not a directory this user owns.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        base = Path(runtime)
    else:
        cache = os.environ.get("XDG_CACHE_HOME")
        base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    folder = base / "cocctl" / "edits"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.is_symlink() or not folder.is_dir() or folder.stat().st_uid != os.getuid():
        raise UsageError(f"{folder} is not a private folder of yours; remove it and try again")
    folder.chmod(0o700)
    return folder


@contextmanager
def private_file(name: str, text: str) -> Iterator[Path]:
    """Yield a 0600 file holding ``text`` in a fresh 0700 folder under ``edits_dir``, removed afterwards.

    The folder is removed however the block ends, including on SIGTERM,
    SIGHUP and SIGINT, which then end cocctl with ``Interrupted`` (exit code
    128 + the signal). Call ``keep`` to leave it in place for the user,
    e.g. after an invalid edit.
    """
    folder = Path(tempfile.mkdtemp(dir=edits_dir()))
    path = folder / name
    try:
        with _signals_raise():
            _write_private(path, text.encode("utf-8"))
            yield path
    except _Signalled as signalled:
        raise Interrupted(signalled.signum, "the edit buffer was removed and nothing was changed") from None
    finally:
        if not (folder / _KEEP).exists():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            (folder / _KEEP).unlink()


def keep(path: Path) -> None:
    """Leave ``path`` (and its private folder) in place when the block ends."""
    (path.parent / _KEEP).touch(mode=0o600)


def kept(name: str) -> list[Path]:
    """The buffers called ``name`` that earlier edits kept, newest first."""
    found = [path for path in edits_dir().glob(f"*/{name}") if path.is_file()]
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


def discard(path: Path) -> None:
    """Remove a kept buffer and its folder."""
    if path.parent.parent == edits_dir():
        shutil.rmtree(path.parent, ignore_errors=True)


def run(path: Path) -> None:
    """Open ``path`` in ``$VISUAL`` / ``$EDITOR`` (default ``vi``) and wait.

    Raises:
        UsageError: the editor could not be started or exited with an error.
    """
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        # Ctrl-C reaches the editor too, and editors give it a meaning of their
        # own (vi cancels a command); as git does, cocctl lets the editor decide.
        with _signal_ignored(signal.SIGINT):
            done = subprocess.run([*shlex.split(command), str(path)], check=False)
    except FileNotFoundError:
        raise UsageError(f"editor {command!r} not found; set $EDITOR") from None
    if done.returncode != 0:
        raise UsageError(f"the editor exited with code {done.returncode}; nothing was changed")


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` (0600; never an existing file, nor through a link) holding ``data``."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _raise_signalled(signum: int, frame: Any) -> None:
    raise _Signalled(signum)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn ``_SIGNALS`` into ``_Signalled`` for the block (main thread only: Python's rule)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_signalled) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _signal_ignored(signum: int) -> Iterator[None]:
    # A Python-level handler, not SIG_IGN: the editor starts with the default
    # disposition, since exec resets handlers but keeps ignored signals ignored.
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signum, lambda *_: None)
    try:
        yield
    finally:
        signal.signal(signum, previous)
