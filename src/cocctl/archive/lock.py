"""An exclusive lock so two cocctl processes on one clone never interleave."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cocctl.errors import ConflictError

WAIT_SECONDS = 10.0


@contextmanager
def locked(path: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` for the duration of the block.

    The kernel releases the lock when the process dies, so a crash never
    leaves a stale lock behind.

    Raises:
        ConflictError: another process held the lock for longer than ``wait``,
            or the lock file cannot be created (a read-only file system, a
            folder I may not write to): nothing was changed.
    """
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as error:
        raise ConflictError(f"cannot write to this archive ({error.strerror or error}: {path}); "
                            "nothing was changed. Run cocctl where you may write to the archive") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ConflictError(
                        "another cocctl process is writing to this archive; try again when it is done"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(descriptor)
