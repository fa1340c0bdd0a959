"""HKDF, HMAC and fixed-nonce ChaCha20-Poly1305 helpers shared by the age layers."""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FILE_KEY_SIZE = 16
KEY_SIZE = 32
TAG_SIZE = 16
# A wrapped file key is the 16-byte file key plus the Poly1305 tag.
WRAPPED_KEY_SIZE = FILE_KEY_SIZE + TAG_SIZE

HEADER_LABEL = b"header"
PAYLOAD_LABEL = b"payload"

_SHA256 = hashes.SHA256()
# Every key used with this nonce wraps exactly one file key once (it is
# derived from a fresh ephemeral secret or a fresh salt), so a fixed nonce is
# safe here. The payload uses its own counter nonces, see stream.py.
_ZERO_NONCE = bytes(12)


def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """Derive a 32-byte key with HKDF-SHA-256 (RFC 5869).

    Args:
        ikm: input keying material.
        salt: HKDF salt; empty means the RFC's all-zero default.
        info: context label binding the key to one use.

    Returns:
        The 32-byte output keying material.
    """
    return HKDF(algorithm=_SHA256, length=KEY_SIZE, salt=salt, info=info).derive(ikm)


def payload_key(file_key: bytes, nonce: bytes) -> bytes:
    """Return the STREAM key for one file: HKDF(file key, salt=nonce, "payload")."""
    return hkdf(file_key, nonce, PAYLOAD_LABEL)


def header_mac(file_key: bytes, header: bytes) -> bytes:
    """Compute the header MAC.

    Args:
        file_key: the 16-byte file key.
        header: the header bytes up to and including the ``---`` of the MAC line.

    Returns:
        The 32-byte HMAC-SHA-256 of ``header`` under HKDF(file key, "", "header").
    """
    return _header_hmac(file_key, header).finalize()


def verify_header_mac(file_key: bytes, header: bytes, mac: bytes) -> bool:
    """Check ``mac`` against :func:`header_mac` in constant time.

    Returns:
        True if the MAC matches the header under this file key.
    """
    try:
        _header_hmac(file_key, header).verify(mac)
    except InvalidSignature:
        return False
    return True


def _header_hmac(file_key: bytes, header: bytes) -> hmac.HMAC:
    h = hmac.HMAC(hkdf(file_key, b"", HEADER_LABEL), _SHA256)
    h.update(header)
    return h


def seal_file_key(key: bytes, file_key: bytes) -> bytes:
    """Encrypt a file key under a single-use wrapping key.

    Returns:
        The 32-byte stanza body: ciphertext and tag.
    """
    return ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)


def open_file_key(key: bytes, body: bytes) -> bytes | None:
    """Decrypt a stanza body sealed by :func:`seal_file_key`.

    The caller must have checked ``len(body) == WRAPPED_KEY_SIZE`` before
    deriving ``key``, so that an attacker cannot probe which key sizes fail
    differently (partitioning oracles).

    Returns:
        The 16-byte file key, or None if the body does not authenticate
        under ``key`` (the stanza is not for this identity).
    """
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, body, None)
    except InvalidTag:
        return None
