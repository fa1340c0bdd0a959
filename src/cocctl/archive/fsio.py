"""Private, atomic file writes: temp file in the same folder, fsync, rename."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600


def write_atomic(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new file, never half.

    The temporary file is created 0600 (mkstemp) in the target's folder, so
    the rename stays on one file system and no other user can open it.
    """
    import tempfile  # here: reading commands need not import it (with random, ~2 ms)

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def user_folder(name: str) -> Path:
    """A private (0700) folder of this user's for cocctl, created if missing.

    ``$XDG_RUNTIME_DIR/cocctl/NAME`` when there is a runtime dir (a per-user
    tmpfs that never reaches a disk and is emptied at logout), else
    ``$XDG_CACHE_HOME/cocctl/NAME``; never the shared system temp dir.

    Raises:
        PermissionError: it exists but is not a directory this user owns.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        base = Path(runtime)
    else:
        cache = os.environ.get("XDG_CACHE_HOME")
        base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    folder = base / "cocctl" / name
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.is_symlink() or not folder.is_dir() or folder.stat().st_uid != os.getuid():
        raise PermissionError(folder)
    folder.chmod(0o700)
    return folder
class NotRegularFile(OSError):
    """Raised when a path names a symbolic link (where none may be), a FIFO, a device or a folder."""


def read_regular(path: Path, limit: int, *, follow: bool = False) -> bytes:
    """Read at most ``limit`` + 1 bytes of the regular file at ``path``.

    A FIFO, a device, a socket or a folder is refused without reading (a FIFO
    would block, /dev/zero never ends), and so is a symbolic link unless
    ``follow`` is set: cocctl writes none in an archive, and one committed
    there could point at a key or a case outside it. Reading one byte more
    than ``limit`` lets the caller tell a file that is too large.

    Raises:
        NotRegularFile: not a regular file (or a symbolic link, without ``follow``).
        OSError: it cannot be opened or read.
    """
    import errno
    import stat

    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow:
            raise NotRegularFile(errno.ELOOP, "is a symbolic link", str(path)) from None
        raise
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            what = "is a folder" if stat.S_ISDIR(mode) else "is not a regular file"
            raise NotRegularFile(errno.EINVAL, what, str(path))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)
