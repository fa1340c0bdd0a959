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
_OPENSSH_MAGIC = b"-----BEGIN OPENSSH PRIVATE KEY-----"

PassphrasePrompt = Callable[[str], str]


@dataclass(frozen=True)
class NewIdentity:
    """What ``keygen`` made: where the key was written and its public recipient."""

    path: Path
    recipient: str
    protected: bool
    public: str = ""
    public_path: Path | None = None
    kind: str = "age X25519"


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


def load(path: Path, ask: PassphrasePrompt | None = None, *, agent: bool = True, tell: Any = None) -> list[Any]:
    """Load the identities in ``path``: an age key file (passphrase-protected or not) or an OpenSSH private key.

    Like ssh, a key file that group or others can read is refused. For a
    passphrase-protected file, the agent (``cocctl unlock``) is asked first:
    when it holds this file, its identities are returned and nothing is asked.

    Args:
        ask: how to ask for a passphrase, or a plugin's PIN (None: never ask,
            and leave plugin identities out: see pluginkeys.attach).
        agent: whether to use the agent (False in the agent itself).
        tell: how to show a plugin's messages ("touch your key").

    Raises:
        IdentityError: the file is missing, too open, unreadable, or holds no identity.
    """
    from cocctl import age
    from cocctl.archive import pluginkeys

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
    if data.lstrip().startswith(_OPENSSH_MAGIC):
        return _load_ssh(path, data, ask, agent)
    if data.lstrip().startswith((_AGE_BINARY_MAGIC, _AGE_ARMOR_MAGIC)):
        held = _held(path, data, ask, tell) if agent else None
        if held is not None:
            return held
        data = _unlock(path, data, ask)
    try:
        text = data.decode("utf-8")
        identities = pluginkeys.attach(text, age.parse_identities(text), ask, tell)
    except (age.AgeError, UnicodeDecodeError):
        raise IdentityError(
            f"{path} does not hold a valid identity (AGE-SECRET-KEY-..., AGE-PLUGIN-..., or an OpenSSH private key)"
        ) from None
    if not identities:
        raise IdentityError(f"{path} holds no age identity usable here (a plugin key needs a terminal)")
    return identities


def _load_ssh(path: Path, data: bytes, ask: PassphrasePrompt | None, agent: bool) -> list[Any]:
    """An OpenSSH private key, from the agent or asking for its passphrase if it has one."""
    from cocctl import age

    passphrase = None
    while True:
        try:
            return [age.parse_ssh_identity(data, passphrase)]
        except age.PassphraseError:
            if passphrase is not None:
                raise IdentityError(f"wrong passphrase for {path}") from None
        except age.KeyFormatError as error:
            raise IdentityError(f"{path}: {error}") from None
        held = _held(path, data, ask, None) if agent else None
        if held is not None:
            return held
        if ask is None:
            raise IdentityError(f"{path} is passphrase-protected; run cocctl in a terminal to enter the passphrase")
        passphrase = ask(f"passphrase for {path}")


def _held(path: Path, data: bytes, ask: PassphrasePrompt | None, tell: Any) -> list[Any] | None:
    from cocctl.archive import agent, pluginkeys

    try:
        held = agent.held(path, data)
    except (OSError, IdentityError):
        return None
    if held is None:
        return None
    # Plugin identities come back as text: they run here, where the user can be asked.
    return pluginkeys.attach("", held, ask, tell)


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
    create_key_file(path, text)
    return NewIdentity(path=path, recipient=recipient, protected=bool(passphrase), public=public,
                       public_path=write_public(path, public))


def adopt_ssh(path: Path, ssh_key: Path, ask: PassphrasePrompt | None = None) -> NewIdentity:
    """Make an existing OpenSSH private key my identity: ``path`` becomes a link to it.

    ``path.pub`` gets my public line (the SSH key, and the signing key an
    ssh-rsa key derives). The SSH key is read once, so a passphrase is asked.

    Raises:
        IdentityError: ``ssh_key`` is not a usable OpenSSH private key (ssh-ed25519, ssh-rsa of 2048 bits or more).
        ConflictError: ``path`` already exists.
    """
    target = ssh_key.expanduser().absolute()
    try:
        head = target.read_bytes()[:64]
    except OSError:
        raise IdentityError(f"cannot read the SSH key {target}; pass the private key (e.g. ~/.ssh/id_ed25519)") from None
    if not head.lstrip().startswith(_OPENSSH_MAGIC):
        raise IdentityError(f"{target} is not an OpenSSH private key; pass the private key, not the .pub file")
    identities = load(target, ask)
    public = public_line(identities)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        path.symlink_to(target)
    except FileExistsError:
        raise ConflictError(f"{path} already exists; refusing to overwrite a key (use --out for another path)") from None
    return NewIdentity(path=path, recipient=recipients_of(identities)[0], protected=protected(target), public=public,
                       public_path=write_public(path, public), kind=kind_of(identities))


def protected(path: Path) -> bool:
    """Whether the key file at ``path`` is passphrase-protected (an age scrypt file, or an encrypted OpenSSH key)."""
    import base64
    import binascii

    data = path.read_bytes()
    start = data.lstrip()
    if start.startswith((_AGE_BINARY_MAGIC, _AGE_ARMOR_MAGIC)):
        return True
    if not start.startswith(_OPENSSH_MAGIC):
        return False
    # openssh-key-v1: magic, then the cipher's name as an SSH string ("none" when not encrypted).
    body = b"".join(start.splitlines()[1:]).split(b"-----", 1)[0]
    try:
        raw = base64.b64decode(body)
    except binascii.Error:
        return False
    magic = b"openssh-key-v1\0"
    size = int.from_bytes(raw[len(magic):len(magic) + 4], "big")
    return raw.startswith(magic) and raw[len(magic) + 4:len(magic) + 4 + size] != b"none"


def create_key_file(path: Path, data: bytes) -> None:
    """Write a new key file (0600) at ``path``, never over an existing one."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ConflictError(f"{path} already exists; refusing to overwrite a key (use --out for another path)") from None
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def write_public(path: Path, public: str) -> Path:
    """Write ``PATH.pub``: the public line the member sends the committee (not a secret)."""
    public_path = path.with_name(path.name + ".pub")
    public_path.write_text(public + "\n")
    return public_path


def signing_key(identities: list[Any]) -> Any:
    """My signing key: the first identity's that can sign (see archive/signing.py for which key that is).

    Raises:
        IdentityError: no identity can give one (e.g. only a plugin identity).
    """
    from cocctl.archive.signing import SigningKey

    for identity in identities:
        if hasattr(identity, "signing_key"):
            held = identity.signing_key()
            if held is not None:
                return held
        elif hasattr(identity, "derive_key") or hasattr(identity, "sign"):
            return SigningKey.from_identity(identity)
    raise IdentityError(
        "your identity holds no key that can sign (age X25519, ssh-ed25519 or ssh-rsa); "
        "a plugin key needs the software key 'cocctl keygen --plugin' puts beside it"
    )


def public_line(identities: list[Any]) -> str:
    """The line a new member sends the committee: recipient and signing key."""
    return f"{recipients_of(identities)[0]} {signing_key(identities).public}"


def recipients_of(identities: list[Any]) -> list[str]:
    """The public recipients (``age1...``, ``ssh-ed25519 AAAA...``) of the identities given, in order."""
    return [str(identity.recipient) for identity in identities if getattr(identity, "recipient", None) is not None]


def kind_of(identities: list[Any]) -> str:
    """What kind of key my first identity with a recipient is, for ``whoami``."""
    from cocctl import age

    names = {age.X25519Identity: "age X25519", age.SSHEd25519Identity: "ssh-ed25519", age.SSHRSAIdentity: "ssh-rsa"}
    for identity in identities:
        if getattr(identity, "recipient", None) is None:
            continue
        if isinstance(identity, age.PluginIdentity):
            return f"age plugin {identity.name}, signing with a software key"
        return getattr(identity, "kind", None) or names.get(type(identity), type(identity).__name__)
    return "none"


def is_recipient(text: str) -> bool:
    """Whether ``text`` is a recipient cocctl can encrypt to (``age1...``)."""
    from cocctl import age

    try:
        age.parse_recipient(text)
    except age.AgeError:
        return False
    return True


def canonical_recipient(text: str) -> str:
    """The canonical form of a recipient cocctl can encrypt to (an SSH key loses its comment).

    Raises:
        ValueError: it is no such recipient (the message says why).
    """
    from cocctl import age

    try:
        return str(age.parse_recipient(text))
    except age.AgeError as error:
        raise ValueError(str(error)) from None
