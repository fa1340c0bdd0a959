"""Evidence files: each one age-encrypted (binary) under ``cases/<id>/`` to the readers of its case.

An attachment is named after the seal that records it and its place in that
seal (``cases/<case>/<seal id>-<n>.age``), so key-less checks can tell an
orphan (no such seal) and compare its recipients with the seal's readers,
and the file's own name never reaches git. Files are streamed in 64 KiB
chunks, into a temporary file (ciphertext only) next to their final place
that the commit then moves there: a large video never sits in memory, and
no plaintext is ever written.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cocctl.errors import AccessDenied, IntegrityError, NotFound, UsageError

SUFFIX = ".age"
_NAME = re.compile(r"([0-9A-HJKMNP-TV-Z]{26})-([1-9][0-9]{0,3})\.age")
# The longest magic number media_type looks at.
HEAD_BYTES = 64


def relpath(case_id: str, seal_id: str, number: int) -> str:
    """Where the ``number``-th file of seal ``seal_id`` of case ``case_id`` is stored (relative to the root)."""
    return f"cases/{case_id}/{seal_id}-{number}{SUFFIX}"


def parse_name(name: str) -> tuple[str, int] | None:
    """The seal id and number an attachment's file name holds, or None when it is not such a name."""
    found = _NAME.fullmatch(name)
    return (found.group(1), int(found.group(2))) if found else None


def stored(root: Path, case_id: str) -> list[str]:
    """Relative paths of every file in the case's folder (whatever their names), sorted."""
    folder = root / "cases" / case_id
    if not folder.is_dir():
        return []
    return sorted(f"cases/{case_id}/{p.name}" for p in folder.iterdir() if not p.name.endswith(".tmp"))


@dataclass(frozen=True)
class Stored:
    """An attachment encrypted into a temporary file, and what was learnt from its plaintext on the way."""

    temporary: Path
    sha256: str
    size: int
    media_type: str


def check_source(source: Path, limit: int) -> int:
    """The size of a file to attach, after refusing what cannot be one.

    Raises:
        NotFound: it does not exist.
        UsageError: a folder, not a regular file, or larger than ``limit`` bytes.
        AccessDenied: it cannot be read.
    """
    try:
        info = source.stat()
    except FileNotFoundError:
        raise NotFound(f"no file {source}; check the path") from None
    except OSError as error:
        raise AccessDenied(f"cannot read {source} ({error.strerror}); check its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{source} is a folder; attach the files in it one by one (or an archive of them)")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{source} is not a regular file; save its content to a file and attach that")
    if info.st_size > limit:
        raise UsageError(f"{source} is {info.st_size} bytes, above this archive's limit of {_mib(limit)} "
                         f"({limit} bytes) per attachment (policy evidence.max_mib); attach a smaller file, or "
                         "raise the limit in cocctl.yaml and run 'cocctl policy sign'")
    if not os.access(source, os.R_OK):
        raise AccessDenied(f"cannot read {source} (permission denied); check its permissions")
    return info.st_size


def store(root: Path, path: str, source: Path | BinaryIO, recipients: Any, limit: int) -> Stored:
    """Encrypt ``source`` to ``recipients`` into a temporary file beside ``path``, hashing it on the way.

    Raises:
        UsageError: the content grew beyond ``limit`` while it was read.
        AccessDenied: it cannot be read.
    """
    from cocctl import age

    reader = _Hashing(source if not isinstance(source, Path) else _open_source(source), limit)
    target = root / path
    temporary = _temporary(target)
    try:
        with open(temporary, "wb") as out:
            age.encrypt_stream(reader, out, recipients)
            out.flush()
            os.fsync(out.fileno())
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, PermissionError):
            raise UsageError(f"could not read or store {getattr(source, 'name', source)} ({error.strerror or error})"
                             "; nothing was written") from None
        raise
    finally:
        reader.close()
    return Stored(temporary, reader.hash.hexdigest(), reader.size, media_type(reader.head))


def reencrypt(root: Path, path: str, identities: Sequence[Any], recipients: Any) -> Path:
    """Re-encrypt the attachment at ``path`` to ``recipients`` into a temporary file beside it, streamed.

    Raises:
        IntegrityError: it is missing or corrupt.
        AccessDenied: ``identities`` cannot open it.
    """
    from cocctl import age

    target = root / path
    temporary = _temporary(target)
    try:
        with open(target, "rb") as source, open(temporary, "wb") as out:
            plaintext = _Chunks(opened(source, identities, path))
            age.encrypt_stream(plaintext, out, recipients)
            out.flush()
            os.fsync(out.fileno())
    except FileNotFoundError:
        temporary.unlink(missing_ok=True)
        raise IntegrityError(f"{path} is missing; restore it with git before changing who reads its case") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def opened(source: BinaryIO, identities: Sequence[Any], path: str) -> Iterator[bytes]:
    """The plaintext chunks of an open attachment file.

    Raises:
        AccessDenied: none of ``identities`` is among its recipients.
        IntegrityError: it is not an age file, or corrupt (also while iterating).
    """
    from cocctl import age

    try:
        chunks = age.decrypt_stream(source, list(identities))
    except age.NoIdentityMatch:
        raise AccessDenied(f"your identity cannot decrypt {path}: it is not encrypted to you; a reader of the "
                           "case must re-seal it ('cocctl rekey')") from None
    except age.AgeError as error:
        raise IntegrityError(f"{path} is corrupt or was tampered with ({type(error).__name__}); "
                             "restore it with git") from None
    return _checked(chunks, path)


def _checked(chunks: Iterator[bytes], path: str) -> Iterator[bytes]:
    from cocctl import age

    try:
        yield from chunks
    except age.AgeError as error:
        raise IntegrityError(f"{path} is corrupt or was tampered with ({type(error).__name__}); "
                             "restore it with git") from None


def recipient_count(data: bytes) -> int | None:
    """How many recipient stanzas a binary age file's header holds (None: it has no valid header)."""
    from cocctl.age import AgeError
    from cocctl.age import format as age_format

    try:
        return len(age_format.parse(data)[0].stanzas)
    except AgeError:
        return None


def media_type(head: bytes) -> str:
    """The media type of a file, from its first bytes (its content, not its name)."""
    for magic, offset, kind in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            if kind == "riff":
                return {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}.get(
                    head[8:12], "application/octet-stream")
            return kind
    if not head:
        return "application/x-empty"
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            decoded = head[:len(head) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    else:
        return "application/octet-stream"
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in decoded):
        return "application/octet-stream"
    if decoded.lstrip().startswith(("<!DOCTYPE html", "<!doctype html", "<html")):
        return "text/html"
    if _MAIL_HEADER.match(decoded):
        return "message/rfc822"
    return "text/plain"


_MAIL_HEADER = re.compile(r"(From |(From|To|Cc|Subject|Date|Received|Return-Path|MIME-Version|Message-ID|Delivered-To|"
                          r"Reply-To|X-[A-Za-z-]+): )", re.IGNORECASE)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"), (b"\xff\xd8\xff", 0, "image/jpeg"), (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"), (b"%PDF-", 0, "application/pdf"), (b"RIFF", 0, "riff"),
    (b"ftypqt", 4, "video/quicktime"), (b"ftyp", 4, "video/mp4"), (b"\x1a\x45\xdf\xa3", 0, "video/webm"),
    (b"OggS", 0, "audio/ogg"), (b"ID3", 0, "audio/mpeg"), (b"PK\x03\x04", 0, "application/zip"),
    (b"\x1f\x8b", 0, "application/gzip"), (b"BM", 0, "image/bmp"), (b"II*\x00", 0, "image/tiff"),
    (b"MM\x00*", 0, "image/tiff"), (b"age-encryption.org/", 0, "application/age"),
)


def discard(files: Iterable[Any]) -> None:
    """Remove the temporary files among ``files`` (paths) that a commit did not move into place."""
    for item in files:
        if isinstance(item, Path):
            item.unlink(missing_ok=True)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def _temporary(target: Path) -> Path:
    """A new empty 0600 file beside ``target``, named so the archive's crash recovery removes a stray one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    return Path(name)


def _open_source(source: Path) -> BinaryIO:
    try:
        return open(source, "rb")
    except PermissionError:
        raise AccessDenied(f"cannot read {source} (permission denied); check its permissions") from None
    except OSError as error:
        raise UsageError(f"cannot read {source} ({error.strerror}); nothing was written") from None


class _Hashing:
    """A reader that hashes, counts and keeps the first bytes of what passes through it, up to a limit."""

    def __init__(self, source: BinaryIO, limit: int) -> None:
        self.source, self.limit = source, limit
        self.hash = hashlib.sha256()
        self.size = 0
        self.head = b""

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.hash.update(data)
        self.size += len(data)
        if len(self.head) < HEAD_BYTES:
            self.head += data[:HEAD_BYTES - len(self.head)]
        if self.size > self.limit:
            raise UsageError(f"the file grew beyond this archive's limit of {_mib(self.limit)} per attachment "
                             "while it was read; nothing was written")
        return data

    def close(self) -> None:
        self.source.close()


class _Chunks:
    """A reader over an iterator of byte chunks (a decrypting attachment, fed to encryption)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks, self.buffer = chunks, b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.buffer) < size:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.buffer += chunk
        data, self.buffer = (self.buffer, b"") if size < 0 else (self.buffer[:size], self.buffer[size:])
        return data
