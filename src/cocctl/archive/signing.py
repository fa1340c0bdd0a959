"""Members' Ed25519 signing keys: derived from the age identity, written as text, signing canonical JSON."""

# Which key signs depends on the kind of identity (README, "Choosing a key"):
# - an X25519 age identity, an ssh-rsa key, or the software key beside a
#   plugin identity: an Ed25519 key derived with HKDF from the secret, so
#   the one identity file holds both keys and stays a file every age tool
#   reads (passphrase-protected or not);
# - an ssh-ed25519 key: the SSH key itself, so a member can be added from
#   nothing but their published SSH key (the signing key is derived from
#   the recipient). Every statement starts with a cocctl domain below, which
#   no SSH authentication or SSHSIG message can start with, so the two uses
#   of the key cannot be confused. The cost: the key that signs cocctl
#   statements also logs in to servers, so it must stay as well guarded as
#   a login key; and ssh-agent cannot hold it for cocctl, because decryption
#   needs the private key itself (cocctl's own agent can).
# - a plugin (hardware) identity cannot sign: a software key beside it
#   (an AGE-SECRET-KEY line in the same identity file) signs instead.
# The public half sits in committee.yaml beside the age recipient.

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
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
ACTORS_DOMAIN = b"cocctl.dev/v2/actors\n"  # a member vouching for an outside actor's key


def canonical(data: Any) -> bytes:
    """The bytes a signature covers: JSON with sorted keys and no spaces (RFC 8785's shape for our data)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


class SigningKey:
    """A member's private signing key; ``public`` is what the roster records."""

    __slots__ = ("_sign", "public")

    def __init__(self, seed: bytes) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        key = Ed25519PrivateKey.from_private_bytes(seed)
        self._sign: Callable[[bytes], bytes] = key.sign
        self.public = PUBLIC_PREFIX + _b64(key.public_key().public_bytes_raw())

    @classmethod
    def from_function(cls, public: str, sign: Callable[[bytes], bytes]) -> SigningKey:
        """A key held elsewhere (an SSH key, the agent): ``sign(message)`` returns the raw 64-byte signature."""
        key = cls.__new__(cls)
        key._sign = sign
        key.public = check_public(public)
        return key

    @classmethod
    def from_identity(cls, identity: Any) -> SigningKey:
        """The signing key of an identity: the ssh-ed25519 key itself, else derived (HKDF-SHA256, fixed info).

        Raises:
            UsageError: the identity can neither sign nor derive a key.
        """
        if hasattr(identity, "sign") and hasattr(identity, "recipient"):
            return cls.from_function(public_for(str(identity.recipient)) or "", identity.sign)
        if not hasattr(identity, "derive_key"):
            raise UsageError(f"a {type(identity).__name__} cannot sign; it needs a software signing key beside it")
        return cls(identity.derive_key(DERIVATION_INFO))

    def sign(self, domain: bytes, statement: Any) -> str:
        """Sign ``domain`` followed by the canonical JSON of ``statement``; return base64."""
        return _b64(self._sign(domain + canonical(statement)))

    def sign_message(self, message: bytes) -> bytes:
        """Sign bytes already built as ``domain + canonical(statement)`` (the agent, which checks the domain)."""
        return self._sign(message)

    def __repr__(self) -> str:
        return f"SigningKey(public={self.public!r})"


def public_for(recipient: str) -> str | None:
    """The signing key a recipient implies: an ssh-ed25519 key signs for itself; others imply none."""
    if not recipient.startswith("ssh-ed25519 "):
        return None
    from cocctl import age

    try:
        key = age.parse_recipient(recipient)
    except age.AgeError:
        return None
    return PUBLIC_PREFIX + _b64(key.ed25519_public)


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
