"""Members' public keys: the line a new member sends the committee, and the handle they join under."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cocctl.archive import keys, signing
from cocctl.errors import UsageError

HANDLE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,38}\Z")
SSH_TYPES = ("ssh-ed25519", "ssh-rsa")


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


def parse_public(text: str, *, ssh: bool = False) -> PublicKeys:
    """Parse a member's public line: a recipient and, unless it signs for itself, a signing key.

    The recipient is ``age1...`` (the line ``cocctl keygen`` writes to
    ``KEY.pub``), an SSH public key (``ssh-ed25519 AAAA...`` or
    ``ssh-rsa AAAA...``, as in ``~/.ssh/id_ed25519.pub``) or a plugin
    recipient (``age1yubikey1...``); the signing key is ``ed25519:...``. An
    ssh-ed25519 key needs nothing else: it is its own signing key. Comments
    after ``#`` and an SSH key's own comment are ignored.

    Args:
        ssh: accept only SSH keys (``member add --ssh-key``).

    Raises:
        UsageError: it is not such a line.
    """
    words = text.split("#", 1)[0].split()
    if words and words[0] in SSH_TYPES:
        # An SSH key is two words; a third one is the key's comment.
        found, rest = " ".join(words[:2]), words[2:]
    else:
        found, rest = next((w for w in words if w.startswith("age1")), ""), words
    if ssh and not found.startswith(SSH_TYPES):
        raise UsageError("--ssh-key takes an SSH public key (ssh-ed25519 AAAA... or ssh-rsa AAAA...) or its .pub file")
    recipient = _recipient(found)
    key = next((w for w in rest if w.startswith(signing.PUBLIC_PREFIX)), "")
    implied = signing.public_for(recipient)
    if implied is not None:
        if key and key != implied:
            raise UsageError("an ssh-ed25519 key signs for itself, and the ed25519:... key on this line is not it")
        key = implied
    if not key and recipient.startswith("ssh-rsa "):
        raise UsageError(
            "an ssh-rsa key needs a signing key beside it: ask the member for the line "
            "'cocctl keygen --ssh ~/.ssh/id_rsa' prints and pass it with --key"
        )
    if not key:
        raise UsageError("not a member key line (age1... ed25519:...); ask for the KEY.pub file 'cocctl keygen' wrote")
    return PublicKeys(recipient, signing.check_public(key))


def _recipient(text: str) -> str:
    """The canonical form of a recipient cocctl can encrypt to (an SSH key loses its comment)."""
    if not text:
        raise UsageError("not a member key line (age1... ed25519:...); ask for the KEY.pub file 'cocctl keygen' wrote")
    try:
        return keys.canonical_recipient(text)
    except ValueError as error:
        raise UsageError(f"not a member key line ({error}); ask for the KEY.pub file 'cocctl keygen' wrote") from None


def read_public(key: str, *, ssh: bool = False) -> PublicKeys:
    """The keys in ``key``: a public line (see :func:`parse_public`), or the path of a file holding one.

    Raises:
        UsageError: unreadable file, or not such a line.
    """
    if key.lstrip().startswith(("age1", *SSH_TYPES)):
        return parse_public(key, ssh=ssh)
    try:
        with Path(key).expanduser().open("rb") as stream:
            text = stream.read(16384).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"cannot read the key file {key}; pass the .pub path or its line") from None
    return parse_public(text, ssh=ssh)
