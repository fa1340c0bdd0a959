"""A blinded index of reported people, so a member can learn that a case they cannot read names the same person.

The index key is a 32-byte archive secret in ``index.key.age``, encrypted to
every active member. A case's envelope lists HMAC-SHA256(key, normalised
name), truncated: equal names give equal tokens, and nothing else can be
learned without the key. A member who leaves keeps the key they once read.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable

from cocctl.archive.roster import Roster
from cocctl.policy.sanctions import normalise

INDEX_FILE = "index.key.age"
KEY_SIZE = 32
TOKEN_BYTES = 16


def token(key: bytes, name: str) -> str:
    """The blinded token of a person's name (hex)."""
    return hmac.new(key, normalise(name).encode("utf-8"), hashlib.sha256).digest()[:TOKEN_BYTES].hex()


def tokens(key: bytes | None, names: Iterable[str]) -> tuple[str, ...]:
    """Sorted distinct tokens of ``names``; none without a key."""
    if key is None:
        return ()
    return tuple(sorted({token(key, name) for name in names}))


def read_key(root, identities) -> bytes | None:  # noqa: ANN001
    """The index key, or None when the archive has none yet or I cannot open it."""
    from cocctl import age

    path = root / INDEX_FILE
    if not path.is_file():
        return None
    try:
        key = age.decrypt(path.read_bytes(), identities)
    except age.AgeError:
        return None
    return key if len(key) == KEY_SIZE else None


def sealed_key(key: bytes | None, roster: Roster) -> tuple[bytes, bytes]:
    """The index key (a new one when ``key`` is None) encrypted to the roster's active members."""
    from cocctl import age

    key = key if key is not None else os.urandom(KEY_SIZE)
    return key, age.encrypt(key, [member.recipient for member in roster.active], armor=True)
