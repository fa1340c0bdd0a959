"""Helpers that assemble age files by hand, for tests of what encrypt() never produces."""

from __future__ import annotations

import os

from cocctl.age import PAYLOAD_NONCE_SIZE, format, primitives, stream


def assemble(file_key: bytes, stanzas: list, plaintext: bytes = b"", nonce: bytes | None = None) -> bytes:
    """Build a binary age file with a valid MAC for ``stanzas`` under ``file_key``."""
    header = format.marshal_without_mac(stanzas)
    header += format.marshal_mac_line(primitives.header_mac(file_key, header))
    nonce = os.urandom(PAYLOAD_NONCE_SIZE) if nonce is None else nonce
    return header + nonce + seal_payload(primitives.payload_key(file_key, nonce), plaintext)


def seal_payload(key: bytes, plaintext: bytes) -> bytes:
    out = bytearray(stream.encrypted_size(len(plaintext)))
    stream.encrypt_into(key, plaintext, memoryview(out))
    return bytes(out)


def seal_chunks(key: bytes, chunks: list[tuple[bytes, bool]]) -> bytes:
    """Seal chunks with explicit final flags, in order, to build malformed payloads."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    aead = ChaCha20Poly1305(key)
    out = []
    for counter, (chunk, last) in enumerate(chunks):
        nonce = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        out.append(aead.encrypt(nonce, chunk, None))
    return b"".join(out)


def split(data: bytes) -> tuple[bytes, bytes, bytes]:
    """Split a binary age file into header, payload nonce and payload."""
    _, offset = format.parse(data)
    return data[:offset], data[offset : offset + PAYLOAD_NONCE_SIZE], data[offset + PAYLOAD_NONCE_SIZE :]
