"""age v1 file encryption (age-encryption.org/v1): the public API over the format, STREAM and recipients."""

# The API only composes the layers: format.py (header grammar), stream.py
# (payload), armor.py, and one module per recipient type (x25519.py,
# scrypt.py, ssh.py, plugin.py with its IPC in pluginio.py; batch.py for many
# files to the same plugin recipients). Recipients and identities may be
# passed as objects or as age1... / ssh-... / AGE-SECRET-KEY-... /
# AGE-PLUGIN-... strings.

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import BinaryIO, Protocol

from . import armor as _armor
from . import format as _format
from . import stream as _stream
from .errors import (
    AgeError,
    ArmorError,
    HeaderError,
    HMACError,
    KeyFormatError,
    NoIdentityMatch,
    PassphraseError,
    PayloadError,
    add_context,
)
from .batch import Batch
from .format import Stanza
from .parse import parse_identities, parse_identity, parse_recipient, parse_recipients, parse_ssh_identity
from .plugin import PluginIdentity, PluginRecipient, unwrap_many, wrap_many
from .pluginio import UI as PluginUI
from .pluginio import PluginError
from .primitives import FILE_KEY_SIZE, header_mac, payload_key, verify_header_mac
from .scrypt import ScryptIdentity, ScryptRecipient
from .ssh import SSHEd25519Identity, SSHEd25519Recipient, SSHRSAIdentity, SSHRSARecipient
from .x25519 import X25519Identity, X25519Recipient

__all__ = [
    "AgeError",
    "ArmorError",
    "Batch",
    "HMACError",
    "HeaderError",
    "Identity",
    "KeyFormatError",
    "NoIdentityMatch",
    "PassphraseError",
    "PayloadError",
    "PluginError",
    "PluginIdentity",
    "PluginRecipient",
    "PluginUI",
    "Recipient",
    "SSHEd25519Identity",
    "SSHEd25519Recipient",
    "SSHRSAIdentity",
    "SSHRSARecipient",
    "ScryptIdentity",
    "ScryptRecipient",
    "Stanza",
    "X25519Identity",
    "X25519Recipient",
    "decrypt",
    "decrypt_chunks",
    "decrypt_stream",
    "encrypt",
    "encrypt_stream",
    "generate_identity",
    "parse_identities",
    "parse_identity",
    "parse_recipient",
    "parse_recipients",
    "parse_ssh_identity",
    "unwrap_ahead",
    "unwrap_many",
    "wrap_many",
]

# The payload nonce makes the payload key unique per file even if a file
# key were ever reused.
PAYLOAD_NONCE_SIZE = 16


class Recipient(Protocol):
    """Anything that can wrap a file key into header stanzas."""

    def wrap(self, file_key: bytes) -> list[Stanza]: ...


class Identity(Protocol):
    """Anything that can find its stanza and unwrap the file key (None if none is its)."""

    def unwrap(self, stanzas: tuple[Stanza, ...]) -> bytes | None: ...


RecipientsArg = Recipient | str | Iterable[Recipient | str]
IdentitiesArg = Identity | str | Iterable[Identity | str]


def generate_identity() -> X25519Identity:
    """Generate a new X25519 identity; its ``recipient`` is the public half."""
    return X25519Identity.generate()


def encrypt(data: bytes, recipients: RecipientsArg, *, armor: bool = False) -> bytes:
    """Encrypt ``data`` to one or more recipients.

    Args:
        data: the plaintext.
        recipients: a recipient, ``age1...`` string or SSH public key line
            (``ssh-ed25519 ...``, ``ssh-rsa ...``), or an iterable of them;
            or a :class:`Batch` when encrypting many files to the same ones.
        armor: return the PEM-armored text form instead of the binary form.

    Returns:
        The age file.

    Raises:
        AgeError: if there is no recipient, or an scrypt recipient is mixed
            with others (its stanza must be alone in the header).
        KeyFormatError: if a recipient string is malformed.
        PluginError: if a plugin recipient's plugin is missing or fails.
    """
    file_key, header = _new_header(recipients)
    nonce = os.urandom(PAYLOAD_NONCE_SIZE)

    # Write everything into one buffer: no per-chunk concatenation.
    size = len(header) + PAYLOAD_NONCE_SIZE + _stream.encrypted_size(len(data))
    out = bytearray(size)
    out[: len(header)] = header
    out[len(header) : len(header) + PAYLOAD_NONCE_SIZE] = nonce
    _stream.encrypt_into(
        payload_key(file_key, nonce), data, memoryview(out)[len(header) + PAYLOAD_NONCE_SIZE :]
    )
    if armor:
        return _armor.encode(out)
    return bytes(out)


def encrypt_stream(source: BinaryIO, target: BinaryIO, recipients: RecipientsArg) -> int:
    """Encrypt ``source`` into ``target`` (binary age), one 64 KiB chunk at a time.

    Memory stays at a few chunks whatever the size of the file. Recipients
    are as for :func:`encrypt`.

    Returns:
        The number of plaintext bytes read.

    Raises:
        AgeError, KeyFormatError, PluginError: as for :func:`encrypt`.
    """
    file_key, header = _new_header(recipients)
    nonce = os.urandom(PAYLOAD_NONCE_SIZE)
    target.write(header + nonce)
    aead = _stream.cipher(payload_key(file_key, nonce))
    size, counter = 0, 0
    chunk = _read_full(source, _stream.CHUNK_SIZE)
    while True:
        following = _read_full(source, _stream.CHUNK_SIZE) if len(chunk) == _stream.CHUNK_SIZE else b""
        target.write(_stream.seal_chunk(aead, counter, chunk, last=not following))
        size += len(chunk)
        if not following:
            return size
        chunk, counter = following, counter + 1


def decrypt_stream(source: BinaryIO, identities: IdentitiesArg, *, max_header: int = 1024 * 1024) -> Iterator[bytes]:
    """Decrypt a binary age file read from ``source``, one 64 KiB chunk at a time.

    The header is read and the file key unwrapped before this returns; each
    chunk is yielded only after it authenticated, as for :func:`decrypt_chunks`.

    Raises:
        HeaderError: the header is malformed or longer than ``max_header``.
        NoIdentityMatch, HMACError: as for :func:`decrypt_chunks`.
        PayloadError: while iterating, if the payload is corrupt or truncated.
    """
    identities = _as_list(identities, parse_identity, "unwrap")
    lines = []
    read = 0
    while True:
        line = source.readline(max_header - read + 1)
        read += len(line)
        lines.append(line)
        if read > max_header or not line.endswith(b"\n"):
            raise HeaderError("failed to read header: truncated or too long")
        if line.startswith(_format.FOOTER_PREFIX + b" "):
            break
    try:
        header, _ = _format.parse(b"".join(lines))
    except HeaderError as e:
        raise add_context(e, "failed to read header") from None
    file_key = _unwrap(header, identities)
    nonce = _read_full(source, PAYLOAD_NONCE_SIZE)
    if len(nonce) != PAYLOAD_NONCE_SIZE:
        raise HeaderError("failed to read header: missing payload nonce")
    return _with_context(_payload(source, _stream.cipher(payload_key(file_key, nonce))))


def _payload(source: BinaryIO, aead) -> Iterator[bytes]:
    size = _stream.ENCRYPTED_CHUNK_SIZE
    chunk = _read_full(source, size)
    counter = 0
    while True:
        following = _read_full(source, size) if len(chunk) == size else b""
        if len(chunk) < _stream.TAG_SIZE or (counter and not following and len(chunk) == _stream.TAG_SIZE):
            raise PayloadError(f"payload chunk {counter} is truncated or empty")
        yield _stream.open_chunk(aead, counter, chunk, last=not following)
        if not following:
            return
        chunk, counter = following, counter + 1


def _read_full(source: BinaryIO, size: int) -> bytes:
    """Read ``size`` bytes, or fewer only at the end (a pipe may return short reads)."""
    data = source.read(size)
    while data and len(data) < size:
        more = source.read(size - len(data))
        if not more:
            break
        data += more
    return data


def _new_header(recipients: RecipientsArg) -> tuple[bytes, bytes]:
    """A fresh file key and the header (with its MAC) that wraps it for ``recipients``."""
    if isinstance(recipients, Batch):
        file_key, stanzas = recipients.take()
    else:
        recipients = _as_list(recipients, parse_recipient, "wrap")
        if not recipients:
            raise AgeError("no recipients specified")
        if len(recipients) > 1 and any(isinstance(r, ScryptRecipient) for r in recipients):
            raise AgeError("an scrypt recipient must be the only recipient of a file")
        # A fresh file key per file: it is the only secret all stanzas share.
        file_key = os.urandom(FILE_KEY_SIZE)
        plugins = [r for r in recipients if isinstance(r, PluginRecipient)]
        # All of one plugin's recipients in one run of it.
        stanzas = [s for r in recipients if not isinstance(r, PluginRecipient) for s in r.wrap(file_key)]
        stanzas += wrap_many(plugins, [file_key])[0] if plugins else []
    header = _format.marshal_without_mac(stanzas)
    return file_key, header + _format.marshal_mac_line(header_mac(file_key, header))


def decrypt(data: bytes, identities: IdentitiesArg, *, armored: bool | None = None) -> bytes:
    """Decrypt a whole age file.

    Args:
        data: the file, binary or armored.
        identities: an identity or ``AGE-SECRET-KEY-...`` string, or an
            iterable of them (:class:`ScryptIdentity` for passphrases).
        armored: True or False to require a form; None detects the armor
            by its BEGIN line, after optional leading whitespace.

    Returns:
        The plaintext.

    Raises:
        ArmorError, HeaderError, NoIdentityMatch, HMACError, PayloadError:
            see :func:`decrypt_chunks`. No plaintext is returned on error.
        KeyFormatError: if an identity string is malformed.
    """
    return b"".join(decrypt_chunks(data, identities, armored=armored))


def decrypt_chunks(data: bytes, identities: IdentitiesArg, *, armored: bool | None = None) -> Iterator[bytes]:
    """Decrypt an age file chunk by chunk.

    The armor and header are checked, and the file key unwrapped, before
    this returns; payload errors surface while iterating. Each 64 KiB chunk
    is yielded only after it authenticated, so on a :class:`PayloadError`
    the caller has seen exactly the plaintext that was released.

    Args:
        data: the file, binary or armored.
        identities: as for :func:`decrypt`.
        armored: as for :func:`decrypt`.

    Returns:
        An iterator over the plaintext of each chunk.

    Raises:
        ArmorError: if the armor is not strict.
        HeaderError: if the header is malformed, a stanza for one of the
            identities is invalid, or the payload nonce is missing.
        NoIdentityMatch: if no identity unwraps any stanza.
        HMACError: if the header MAC does not verify.
        PayloadError: while iterating, if the payload is corrupt or truncated.
    """
    identities = _as_list(identities, parse_identity, "unwrap")
    if not isinstance(data, bytes):
        data = bytes(data)
    if armored if armored is not None else _armor.is_armored(data):
        try:
            data = _armor.decode(data)
        except ArmorError as e:
            raise add_context(e, "failed to read armor") from None
    try:
        header, offset = _format.parse(data)
    except HeaderError as e:
        raise add_context(e, "failed to read header") from None
    file_key = _unwrap(header, identities)
    nonce = data[offset : offset + PAYLOAD_NONCE_SIZE]
    if len(nonce) != PAYLOAD_NONCE_SIZE:
        raise HeaderError("failed to read header: missing payload nonce")
    payload = memoryview(data)[offset + PAYLOAD_NONCE_SIZE :]
    return _with_context(_stream.decrypt_chunks(payload_key(file_key, nonce), payload))


def unwrap_ahead(files: Iterable[bytes], identities: Iterable[Identity]) -> None:
    """Unwrap the file keys of many files now, in one run per plugin, so that decrypting them starts no plugin.

    Only plugin identities among ``identities`` do anything; files whose
    header does not parse, or that they already unwrapped, are skipped.

    Raises:
        PluginError: a plugin is missing or failed.
    """
    plugins = [i for i in identities if isinstance(i, PluginIdentity)]
    if not plugins:
        return
    headers = []
    for data in files:
        try:
            if _armor.is_armored(data):
                data = _armor.decode(data)
            stanzas = _format.parse(data)[0].stanzas
        except AgeError:
            continue
        if not all(p.knows(stanzas) for p in plugins):
            headers.append(stanzas)
    if headers:
        unwrap_many(plugins, headers)


def _with_context(chunks: Iterator[bytes]) -> Iterator[bytes]:
    try:
        yield from chunks
    except PayloadError as e:
        raise add_context(e, "failed to read payload") from None


def _unwrap(header: _format.Header, identities: list[Identity]) -> bytes:
    if not identities:
        raise NoIdentityMatch("no identities specified")
    for identity in identities:
        try:
            file_key = identity.unwrap(header.stanzas)
        except HeaderError as e:
            raise add_context(e, "failed to unwrap file key") from None
        if file_key is not None:
            break
    else:
        raise NoIdentityMatch("no identity matched any of the recipients")
    # The MAC is checked only after a key was found: it is what ties the
    # whole header, every stanza included, to that file key.
    if not verify_header_mac(file_key, header.mac_input, header.mac):
        raise HMACError("failed to verify header: bad header MAC")
    return file_key


def _as_list(items, parse, method: str) -> list:
    """Accept one item or an iterable of items, parsing strings with ``parse``."""
    if isinstance(items, str) or hasattr(items, method):
        items = [items]
    result = []
    for item in items:
        if isinstance(item, str):
            item = parse(item)
        elif not hasattr(item, method):
            raise TypeError(f"{type(item).__name__} has no {method}() method")
        result.append(item)
    return result
