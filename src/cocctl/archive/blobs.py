"""Reading many git blobs without holding them all: a stream in order, or one at a time on demand.

Both run one long-lived ``git cat-file --batch``: :func:`stream_blobs` for a
pass over known ids (a cold summary cache), :class:`BlobReader` for reads
decided as a walk goes (verify over every version of every case).
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Iterator, Sequence

from cocctl.archive.git import Git, environment
from cocctl.errors import GitError

_HASH = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
NULL_BLOB = "0" * 40


def stream_blobs(git: Git, ids: Sequence[str]) -> Iterator[tuple[str, bytes | None]]:
    """Each of ``ids`` with its bytes (None when it is not a blob here), in order, from one ``git cat-file --batch``.

    The ids are written by a thread while the blobs are read, so git never
    waits for a round trip and only one blob is held at a time.

    Raises:
        GitError: git is missing or failed.
    """
    wanted = [blob for blob in ids if _HASH.match(blob)]
    if not wanted:
        return
    try:
        process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=git.root, env=environment(),
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        raise GitError("git is not installed; install git and try again") from None
    assert process.stdin is not None and process.stdout is not None
    stdin, stdout = process.stdin, process.stdout

    def feed() -> None:
        try:
            stdin.write("".join(f"{blob}\n" for blob in wanted).encode())
        except OSError:
            pass  # git stopped early; the reader reports it
        finally:
            stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for blob in wanted:
            header = stdout.readline().decode("ascii", "replace").rstrip("\n").split(" ")
            if len(header) == 3 and header[2].isdigit():
                data = stdout.read(int(header[2]) + 1)[:-1]
                yield blob, data if header[1] == "blob" else None
            elif len(header) == 2 and header[1] == "missing":
                yield blob, None
            else:
                raise GitError("git cat-file printed something cocctl cannot read; run the command again")
    finally:
        stdout.close()
        writer.join()
        process.wait()


class BlobReader:
    """Blobs read one at a time through one long-running ``git cat-file --batch``, so none is held for long.

    For a walk over every version of every case (verify): one git process,
    one pipe round trip per blob, and the caller keeps only what it needs.
    Use it as a context manager (the process ends on leaving).
    """

    def __init__(self, git: Git) -> None:
        self.git = git
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, blob: str, default: bytes | None = None) -> bytes | None:
        """The blob's bytes, or ``default`` when it is not a blob in this repository.

        Raises:
            GitError: git is missing or stopped answering.
        """
        if not _HASH.match(blob or "") or blob == NULL_BLOB:
            return default
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(blob.encode() + b"\n")
            process.stdin.flush()
            header = process.stdout.readline().decode("ascii", "replace").split(" ")
            if len(header) != 3:
                return default  # "<id> missing"
            data = process.stdout.read(int(header[2]) + 1)[:-1]  # the object is followed by a newline
        except (OSError, ValueError):
            self.close()
            raise GitError("git cat-file stopped answering; run the command again") from None
        return data if header[1] == "blob" else default

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.git.root, env=environment(),
                                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                 stderr=subprocess.DEVNULL)
            except FileNotFoundError:
                raise GitError("git is not installed; install git and try again") from None
        return self._process

    def close(self) -> None:
        """End the git process (reading again starts a new one)."""
        process, self._process = self._process, None
        if process is not None:
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
            process.wait()
