"""Members' Ed25519 signing keys: derived from the age identity, written as text, signing canonical JSON."""

# A member's signing key is not stored anywhere: it is derived with HKDF
# from their X25519 age identity, so the one identity file (plain or
# passphrase-protected) holds both keys and stays a file every age tool
# reads. The public half sits in committee.yaml beside the age recipient.

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from cocctl.errors import IntegrityError, UsageError

PUBLIC_PREFIX = "ed25519:"
PUBLIC_PATTERN = re.compile(r"^ed25519:[A-Za-z0-9+/]{43}$")
SIGNATURE_PATTERN = re.compile(r"^[A-Za-z0-9+/]{86}$")
# HKDF info for the signing seed; changing it changes every member's key.
DERIVATION_INFO = b"cocctl.dev/v2/ed25519-signing-key"
# Every signed statement starts with its domain, so a signature made for a
# seal can never be replayed as a roster change, or the other way round.
SEAL_DOMAIN = b"cocctl.dev/v2/seal\n"
EVENTS_DOMAIN = b"cocctl.dev/v2/events\n"
ROSTER_DOMAIN = b"cocctl.dev/v2/roster\n"


def canonical(data: Any) -> bytes:
    """The bytes a signature covers: JSON with sorted keys and no spaces (RFC 8785's shape for our data)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


class SigningKey:
    """A member's private signing key; ``public`` is what the roster records."""

    __slots__ = ("_key", "public")

    def __init__(self, seed: bytes) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public = PUBLIC_PREFIX + _b64(self._key.public_key().public_bytes_raw())

    @classmethod
    def from_identity(cls, identity: Any) -> SigningKey:
        """Derive the signing key of an X25519 age identity (HKDF-SHA256, fixed info)."""
        return cls(identity.derive_key(DERIVATION_INFO))

    def sign(self, domain: bytes, statement: Any) -> str:
        """Sign ``domain`` followed by the canonical JSON of ``statement``; return base64."""
        return _b64(self._key.sign(domain + canonical(statement)))

    def __repr__(self) -> str:
        return f"SigningKey(public={self.public!r})"


def check_public(text: str) -> str:
    """Return ``text`` if it is a signing public key (``ed25519:`` + 43 base64 characters).

    Raises:
        UsageError: it is not.
    """
    if not isinstance(text, str) or not PUBLIC_PATTERN.match(text):
        raise UsageError("not a cocctl signing key (ed25519:...); ask the member for the line 'cocctl keygen' printed")
    return text


def verify(public: str, domain: bytes, statement: Any, signature: str) -> bool:
    """Whether ``signature`` is ``public``'s signature of ``domain`` + canonical ``statement``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not (isinstance(public, str) and PUBLIC_PATTERN.match(public)):
        return False
    if not (isinstance(signature, str) and SIGNATURE_PATTERN.match(signature)):
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(_unb64(public[len(PUBLIC_PREFIX):]))
        key.verify(_unb64(signature), domain + canonical(statement))
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: str) -> str:
    """An ssh-style fingerprint to compare out of band: ``SHA256:`` and base64 of the key's hash."""
    try:
        raw = _unb64(public[len(PUBLIC_PREFIX):])
    except ValueError:
        raise IntegrityError("malformed signing key") from None
    return "SHA256:" + _b64(hashlib.sha256(raw).digest())
