"""Members' public keys: the line a new member sends the committee, and the handle they join under."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cocctl.archive import signing
from cocctl.errors import UsageError

HANDLE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,38}\Z")
AGE_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}\Z")


@dataclass(frozen=True)
class PublicKeys:
    """What a member sends the committee to join: age recipient and signing key."""

    recipient: str
    signing: str


def check_handle(handle: str) -> None:
    """Refuse a handle that is not lowercase letters, digits, '.', '_' or '-' (newlines included).

    Raises:
        UsageError: malformed handle.
    """
    if not HANDLE_PATTERN.match(handle):
        raise UsageError(
            f"{handle!r} is not a valid handle; use lowercase letters, digits, '.', '_' or '-' (at most 39)"
        )


def parse_public(text: str) -> PublicKeys:
    """Parse the line ``cocctl keygen`` writes to ``KEY.pub``: ``age1... ed25519:...`` (a trailing comment is fine).

    Raises:
        UsageError: it is not such a line.
    """
    words = text.split("#", 1)[0].split()
    recipient = next((w for w in words if w.startswith("age1")), "")
    key = next((w for w in words if w.startswith(signing.PUBLIC_PREFIX)), "")
    if not AGE_RECIPIENT.match(recipient) or not key:
        raise UsageError("not a member key line (age1... ed25519:...); ask for the KEY.pub file 'cocctl keygen' wrote")
    return PublicKeys(recipient, signing.check_public(key))


def read_public(key: str) -> PublicKeys:
    """The keys in ``key``: the line ``cocctl keygen`` printed, or the path of the KEY.pub file holding it.

    Raises:
        UsageError: unreadable file, or not such a line.
    """
    if key.lstrip().startswith("age1"):
        return parse_public(key)
    try:
        with Path(key).expanduser().open("rb") as stream:
            text = stream.read(4096).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"cannot read the key file {key}; pass the KEY.pub path or its line") from None
    return parse_public(text)
