"""Members' identities (age private keys): where they live, loading, creating."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cocctl.clock import format_time
from cocctl.errors import ConflictError, IdentityError

IDENTITY_VARIABLE = "COCCTL_IDENTITY"
DEFAULT_WORK_FACTOR = 18
# An identity file holds a few keys and comments; anything far larger is not one.
MAX_IDENTITY_BYTES = 64 * 1024
_AGE_BINARY_MAGIC = b"age-encryption.org/v1\n"
_AGE_ARMOR_MAGIC = b"-----BEGIN AGE ENCRYPTED FILE-----"

PassphrasePrompt = Callable[[str], str]


@dataclass(frozen=True)
class NewIdentity:
    """What ``keygen`` made: where the key was written and its public recipient."""

    path: Path
    recipient: str
    protected: bool
    public: str = ""
    public_path: Path | None = None


def default_path() -> Path:
    """``$XDG_CONFIG_HOME/cocctl/identity``, or ``~/.config/cocctl/identity``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cocctl" / "identity"


def resolve_path(explicit: Path | None) -> Path:
    """The identity file to use: ``--identity``, ``COCCTL_IDENTITY``, then the default."""
    if explicit is not None:
        return explicit.expanduser()
    if os.environ.get(IDENTITY_VARIABLE):
        return Path(os.environ[IDENTITY_VARIABLE]).expanduser()
    return default_path()


def load(path: Path, ask: PassphrasePrompt | None = None) -> list[Any]:
    """Load the age identities in ``path``, decrypting it first if passphrase-protected.

    Like ssh, a key file that group or others can read is refused.

    Raises:
        IdentityError: the file is missing, too open, unreadable, or holds no identity.
    """
    from cocctl import age

    try:
        info = path.stat()
    except FileNotFoundError:
        raise IdentityError(
            f"no identity at {path}; run 'cocctl keygen', or point --identity / {IDENTITY_VARIABLE} at your key"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise IdentityError(f"{path} is {what}; point --identity / {IDENTITY_VARIABLE} at your key file")
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise IdentityError(f"identity file {path} is accessible by others; run: chmod 600 {path}")
    from cocctl.archive.fsio import read_regular

    try:
        # Never blocks on a FIFO swapped in after the check; a key file is small.
        data = read_regular(path, MAX_IDENTITY_BYTES, follow=True)
    except OSError as error:
        raise IdentityError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_IDENTITY_BYTES:
        raise IdentityError(f"{path} is too large to be an age identity file")
    if data.lstrip().startswith((_AGE_BINARY_MAGIC, _AGE_ARMOR_MAGIC)):
        data = _unlock(path, data, ask)
    try:
        identities = age.parse_identities(data.decode("utf-8"))
    except (age.AgeError, UnicodeDecodeError):
        raise IdentityError(f"{path} does not hold a valid age identity (AGE-SECRET-KEY-...)") from None
    if not identities:
        raise IdentityError(f"{path} holds no age identity; run 'cocctl keygen' to make one")
    return identities


def _unlock(path: Path, data: bytes, ask: PassphrasePrompt | None) -> bytes:
    from cocctl import age

    if ask is None:
        raise IdentityError(f"{path} is passphrase-protected; run cocctl in a terminal to enter the passphrase")
    passphrase = ask(f"passphrase for {path}")
    try:
        return age.decrypt(data, [age.ScryptIdentity(passphrase)])
    except age.AgeError:
        raise IdentityError(f"wrong passphrase for {path}, or the file is damaged") from None


def generate(path: Path, now: datetime, passphrase: str | None = None,
             work_factor: int = DEFAULT_WORK_FACTOR) -> NewIdentity:
    """Create a new identity at ``path`` (mode 0600) and return its recipient.

    With a passphrase the key file is an armored age file encrypted with
    scrypt, which any age tool can open.

    Raises:
        ConflictError: ``path`` already exists (a key is never overwritten).
    """
    from cocctl import age

    identity = age.generate_identity()
    recipient = str(identity.recipient)
    public = public_line([identity])
    text = f"# created: {format_time(now)}\n# public key: {recipient}\n{identity}\n".encode()
    if passphrase:
        text = age.encrypt(text, [age.ScryptRecipient(passphrase, work_factor=work_factor)], armor=True)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ConflictError(f"{path} already exists; refusing to overwrite a key (use --out for another path)") from None
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(text)
    # The public line is what the member sends the committee; not a secret.
    public_path = path.with_name(path.name + ".pub")
    public_path.write_text(public + "\n")
    return NewIdentity(path=path, recipient=recipient, protected=bool(passphrase), public=public,
                       public_path=public_path)


def signing_key(identities: list[Any]) -> Any:
    """My signing key, derived from my first X25519 identity.

    Raises:
        IdentityError: no identity can give one (e.g. only a passphrase identity).
    """
    from cocctl.archive.signing import SigningKey

    for identity in identities:
        if hasattr(identity, "derive_key"):
            return SigningKey.from_identity(identity)
    raise IdentityError("your identity holds no X25519 key to derive a signing key from; run 'cocctl keygen'")


def public_line(identities: list[Any]) -> str:
    """The line a new member sends the committee: age recipient and signing key."""
    return f"{recipients_of(identities)[0]} {signing_key(identities).public}"


def recipients_of(identities: list[Any]) -> list[str]:
    """The public ``age1...`` strings of the X25519 identities given."""
    return [str(identity.recipient) for identity in identities if hasattr(identity, "recipient")]


def is_recipient(text: str) -> bool:
    """Whether ``text`` is a recipient cocctl can encrypt to (``age1...``)."""
    from cocctl import age

    try:
        age.parse_recipient(text)
    except age.AgeError:
        return False
    return True
