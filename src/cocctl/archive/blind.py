"""A blinded index of reported people, so a member can learn that a case they cannot read names the same person.

The index key is a 32-byte archive secret, encrypted to each active member
in ``index/<handle>.age``. A case's envelope lists HMAC-SHA256(key, normalised
name), truncated: equal names give equal tokens, and nothing else can be
learned without the key. A member who leaves keeps the key they once read.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cocctl.archive.roster import Roster

INDEX_DIR = "index"
LEGACY_FILE = "index.key.age"
KEY_SIZE = 32
TOKEN_BYTES = 16


def token(key: bytes, name: str) -> str:
    """The blinded token (hex) of a person's name, normalised by the caller (``policy.sanctions.normalise``).

    Normalising is the policy's rule of when two mentions are one person;
    this module only keys and truncates the HMAC.
    """
    return hmac.new(key, name.encode("utf-8"), hashlib.sha256).digest()[:TOKEN_BYTES].hex()


def tokens(key: bytes | None, names: Iterable[str]) -> tuple[str, ...]:
    """Sorted distinct tokens of normalised ``names``; none without a key."""
    if key is None:
        return ()
    return tuple(sorted({token(key, name) for name in names}))


def member_file(handle: str) -> str:
    """The archive path of the index key as encrypted to one member."""
    return f"{INDEX_DIR}/{handle}.age"


def read_key(root: Path, identities: list[Any], handle: str | None = None) -> bytes | None:
    """The index key, or None when the archive has none yet or I cannot open it.

    Each member has their own copy (``index/<handle>.age``), so two clones
    adding different members merge without touching the same file; an
    archive from before that keeps one shared ``index.key.age``.
    """
    from cocctl import age

    candidates = [root / member_file(handle)] if handle else []
    candidates.append(root / LEGACY_FILE)
    for path in candidates:
        if not path.is_file():
            continue
        try:
            key = age.decrypt(path.read_bytes(), identities)
        except age.AgeError:
            continue
        if len(key) == KEY_SIZE:
            return key
    return None


def new_key() -> bytes:
    """A fresh index key."""
    return os.urandom(KEY_SIZE)


def sealed_for(key: bytes, recipient: str) -> bytes:
    """The index key encrypted to one member's recipient (armored age)."""
    from cocctl import age

    return age.encrypt(key, [recipient], armor=True)


def key_files(root: Path, key: bytes | None, before: Roster, after: Roster) -> dict[str, bytes | None]:
    """The index key copies a roster change needs: one per active member, removed for those who left.

    The key itself stays the same (tokens in cases I cannot read could not
    be recomputed otherwise); a member who leaves keeps what they read.

    Args:
        key: the index key, when I can open it (None: copies are only removed).
    """
    changes: dict[str, bytes | None] = {}
    for member in after.members:
        path = member_file(member.handle)
        old = before.find(member.handle)
        if not member.active:
            if (root / path).exists():
                changes[path] = None
        elif key is not None and (old is None or old.recipient != member.recipient or not (root / path).exists()):
            changes[path] = sealed_for(key, member.recipient)
    if key is not None and (root / LEGACY_FILE).exists():
        changes[LEGACY_FILE] = None
    return changes


def first_key_files(recipient: str, handle: str) -> dict[str, bytes]:
    """The index key files of a new archive: a fresh key for its first member."""
    return {member_file(handle): sealed_for(new_key(), recipient)}
