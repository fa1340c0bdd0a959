"""Private, atomic file writes: temp file in the same folder, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600


def write_atomic(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new file, never half.

    The temporary file is created 0600 (mkstemp) in the target's folder, so
    the rename stays on one file system and no other user can open it.
    """
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
