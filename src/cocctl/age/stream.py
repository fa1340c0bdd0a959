"""The STREAM payload: 64 KiB chunks sealed with ChaCha20-Poly1305 under counter nonces."""

from __future__ import annotations

import struct
from collections.abc import Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from .errors import PayloadError
from .primitives import TAG_SIZE

__all__ = [
    "CHUNK_SIZE",
    "ENCRYPTED_CHUNK_SIZE",
    "TAG_SIZE",
    "cipher",
    "decrypt_chunks",
    "encrypt_into",
    "encrypted_size",
    "open_chunk",
    "seal_chunk",
]

CHUNK_SIZE = 64 * 1024
ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE

# The 12-byte nonce is an 11-byte big-endian chunk counter and a final-chunk
# flag. Packing it in one call is the cheapest way to build it per chunk.
_NONCE = struct.Struct(">3xQB").pack
_LAST = 1
_NOT_LAST = 0


def encrypted_size(plaintext_size: int) -> int:
    """Return the payload size for a plaintext, excluding the 16-byte payload nonce.

    Every file has at least one chunk: an empty plaintext is one empty final chunk.
    """
    chunks = max(1, -(-plaintext_size // CHUNK_SIZE))
    return plaintext_size + chunks * TAG_SIZE


def encrypt_into(key: bytes, plaintext: bytes | memoryview, out: memoryview) -> None:
    """Encrypt ``plaintext`` as a STREAM payload directly into ``out``.

    Args:
        key: the 32-byte payload key, unique to this file.
        plaintext: the whole plaintext.
        out: a writable buffer of exactly ``encrypted_size(len(plaintext))`` bytes.
    """
    # One AEAD object per file: the key is set up once, not per chunk.
    aead = ChaCha20Poly1305(key)
    src = memoryview(plaintext)
    size = len(src)
    last = max(0, (size - 1) // CHUNK_SIZE)
    for counter in range(last + 1):
        start = counter * CHUNK_SIZE
        chunk = src[start : start + CHUNK_SIZE]
        dst = start + counter * TAG_SIZE
        # Only the final chunk carries the flag, so a truncated payload never
        # ends in a chunk that authenticates as final.
        nonce = _NONCE(counter, _LAST if counter == last else _NOT_LAST)
        aead.encrypt_into(nonce, chunk, None, out[dst : dst + len(chunk) + TAG_SIZE])


def decrypt_chunks(key: bytes, payload: bytes | memoryview) -> Iterator[bytes]:
    """Decrypt a STREAM payload one chunk at a time.

    Each chunk's plaintext is yielded only after its tag verified. Any
    failure raises after the chunks before it were yielded, never before,
    so the caller sees exactly what was released.

    Args:
        key: the 32-byte payload key.
        payload: the payload after the 16-byte payload nonce.

    Yields:
        The plaintext of each chunk, in order.

    Raises:
        PayloadError: if a chunk fails to authenticate, the payload ends
            without a final chunk, the final chunk is empty in a non-empty
            payload, or data follows the final chunk.
    """
    aead = ChaCha20Poly1305(key)
    src = memoryview(payload)
    size = len(src)
    pos = 0
    counter = 0
    while True:
        remaining = size - pos
        if remaining == 0:
            raise PayloadError(f"payload ends after {counter} chunks without a final chunk")
        if remaining < ENCRYPTED_CHUNK_SIZE:
            # A short chunk can only be the final one.
            if remaining < TAG_SIZE:
                raise PayloadError(f"payload chunk {counter} is truncated")
            if counter > 0 and remaining == TAG_SIZE:
                raise PayloadError("final chunk is empty in a non-empty payload")
            yield _open(aead, counter, src[pos:], (_LAST,))[0]
            return
        chunk = src[pos : pos + ENCRYPTED_CHUNK_SIZE]
        pos += ENCRYPTED_CHUNK_SIZE
        # A full-size chunk may be final or not; only the one whose flag
        # authenticates is accepted. At the very end, final is the likely one.
        flags = (_LAST, _NOT_LAST) if pos == size else (_NOT_LAST, _LAST)
        plaintext, flag = _open(aead, counter, chunk, flags)
        yield plaintext
        if flag == _LAST:
            if pos != size:
                raise PayloadError("trailing data after the final chunk")
            return
        counter += 1


def _open(
    aead: ChaCha20Poly1305, counter: int, chunk: memoryview, flags: tuple[int, ...]
) -> tuple[bytes, int]:
    """Decrypt one chunk with the first final-flag value that authenticates; return it and the flag."""
    for flag in flags:
        try:
            return aead.decrypt(_NONCE(counter, flag), chunk, None), flag
        except InvalidTag:
            continue
    raise PayloadError(f"failed to decrypt and authenticate payload chunk {counter}")


def cipher(key: bytes) -> ChaCha20Poly1305:
    """The AEAD of one file's payload key (set up once per file, for :func:`seal_chunk` and :func:`open_chunk`)."""
    return ChaCha20Poly1305(key)


def seal_chunk(aead: ChaCha20Poly1305, counter: int, chunk: bytes, last: bool) -> bytes:
    """Encrypt one chunk of a streamed payload (at most :data:`CHUNK_SIZE` bytes; only the last may be shorter)."""
    return aead.encrypt(_NONCE(counter, _LAST if last else _NOT_LAST), chunk, None)


def open_chunk(aead: ChaCha20Poly1305, counter: int, chunk: bytes, last: bool) -> bytes:
    """Decrypt one chunk of a streamed payload whose position (``last`` or not) the reader knows.

    Raises:
        PayloadError: the chunk does not authenticate at that position.
    """
    return _open(aead, counter, memoryview(chunk), (_LAST if last else _NOT_LAST,))[0]
