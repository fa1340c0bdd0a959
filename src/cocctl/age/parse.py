"""Parsing of recipient and identity strings, age key files and SSH keys."""

# cryptography's serialization module is imported only inside the functions
# that parse SSH key text, so that `import cocctl.age` stays cheap.

from __future__ import annotations

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from .errors import KeyFormatError, PassphraseError, add_context
from .plugin import IDENTITY_PREFIX as PLUGIN_IDENTITY_PREFIX
from .plugin import PluginIdentity, PluginRecipient
from .ssh import ED25519_TYPE, RSA_TYPE, SSHEd25519Identity, SSHEd25519Recipient, SSHRSAIdentity, SSHRSARecipient
from .x25519 import IDENTITY_HRP, RECIPIENT_HRP, X25519Identity, X25519Recipient

__all__ = [
    "parse_identities",
    "parse_identity",
    "parse_recipient",
    "parse_recipients",
    "parse_ssh_identity",
    "parse_ssh_recipient",
]

# Post-quantum hybrid keys share the X25519 prefixes, so they are recognised
# first to give a clear error rather than a confusing Bech32 one.
PQ_IDENTITY_PREFIX = "AGE-SECRET-KEY-PQ-1"
PQ_RECIPIENT_PREFIX = "age1pq1"
# As in the reference CLI, every recipient starting with "ssh-" is an SSH key.
SSH_RECIPIENT_PREFIX = "ssh-"
PEM_BEGIN = "-----BEGIN"
OPENSSH_PRIVATE_KEY_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----"

AnyRecipient = X25519Recipient | SSHEd25519Recipient | SSHRSARecipient | PluginRecipient


def parse_recipient(text: str) -> AnyRecipient:
    """Parse an ``age1...`` recipient string (X25519, or a plugin's ``age1NAME1...``) or an SSH public key line.

    Args:
        text: the recipient, without surrounding whitespace: ``age1...``, or
            ``ssh-ed25519 AAAA... [comment]`` / ``ssh-rsa AAAA... [comment]``
            as in a ``.pub`` file.

    Returns:
        The X25519, plugin, ssh-ed25519 or ssh-rsa recipient (a plugin
        recipient's binary is looked for only when it wraps a key).

    Raises:
        KeyFormatError: if ``text`` is not a valid recipient of those types,
            or is an RSA key shorter than 2048 bits.
    """
    if not isinstance(text, str):
        raise TypeError(f"recipient must be str, not {type(text).__name__}")
    if text.startswith(PQ_RECIPIENT_PREFIX):
        raise KeyFormatError("post-quantum hybrid recipients (age1pq1...) are not supported")
    if text.startswith(SSH_RECIPIENT_PREFIX):
        return parse_ssh_recipient(text)
    if not text.startswith(RECIPIENT_HRP + "1"):
        raise KeyFormatError(f"unknown recipient type {text[:12]!r}...: want age1...")
    # The Bech32 separator is the last "1": "age" + "1" for X25519, "age1NAME" + "1" for a plugin.
    if text.rfind("1") > len(RECIPIENT_HRP):
        return PluginRecipient(text)
    return X25519Recipient.from_string(text)


def parse_identity(text: str) -> X25519Identity | PluginIdentity:
    """Parse an ``AGE-SECRET-KEY-...`` or a plugin's ``AGE-PLUGIN-NAME-1...`` identity string.

    Args:
        text: the secret key, without surrounding whitespace.

    Returns:
        The X25519 or plugin identity.

    Raises:
        KeyFormatError: if ``text`` is not a valid X25519 identity. The
            message does not contain the key.
    """
    if not isinstance(text, str):
        raise TypeError(f"identity must be str, not {type(text).__name__}")
    if text.startswith(PQ_IDENTITY_PREFIX):
        raise KeyFormatError("post-quantum hybrid identities (AGE-SECRET-KEY-PQ-1...) are not supported")
    if text.startswith(PLUGIN_IDENTITY_PREFIX):
        return PluginIdentity(text)
    if not text.startswith(IDENTITY_HRP + "1"):
        raise KeyFormatError("unknown identity type: want AGE-SECRET-KEY-... or AGE-PLUGIN-...")
    return X25519Identity.from_string(text)


def parse_identities(
    text: str, passphrase: bytes | str | None = None
) -> list[X25519Identity] | list[SSHEd25519Identity | SSHRSAIdentity]:
    """Parse an age key file, as written by ``age-keygen``, or an OpenSSH private key file.

    In an age key file, blank lines and lines starting with ``#`` are
    skipped; every other line must be one identity. LF and CRLF line
    endings are accepted. A file starting with ``-----BEGIN OPENSSH
    PRIVATE KEY-----`` is one SSH identity (see :func:`parse_ssh_identity`).

    Args:
        text: the contents of the key file.
        passphrase: the passphrase of an SSH private key, if it has one.

    Returns:
        The identities, in file order.

    Raises:
        PassphraseError: if the file is a passphrase-protected SSH key and
            ``passphrase`` is None or wrong.
        KeyFormatError: naming the first bad line (never quoting it), if the
            file holds no identity, or is a malformed or unsupported SSH key.
    """
    start = text.lstrip()
    if start.startswith(OPENSSH_PRIVATE_KEY_BEGIN):
        return [parse_ssh_identity(start.encode(), passphrase)]
    if start.startswith(PEM_BEGIN):
        # The reference also reads legacy PEM keys; cryptography's OpenSSH
        # loader does not, and ssh-keygen converts them in place.
        raise KeyFormatError(
            "unsupported private key format: want an OpenSSH private key"
            " (convert a PEM key with: ssh-keygen -p -f FILE)"
        )
    return _parse_lines(text, parse_identity, "secret keys")


def parse_recipients(text: str) -> list[AnyRecipient]:
    """Parse a recipients file: one ``age1...`` or SSH public key per line, ``#`` comments and blank lines allowed.

    Returns:
        The recipients, in file order.

    Raises:
        KeyFormatError: naming the first bad line, or if the file holds no recipient.
    """
    return _parse_lines(text, parse_recipient, "recipients")


def parse_ssh_recipient(text: str) -> SSHEd25519Recipient | SSHRSARecipient:
    """Parse an SSH public key line, as in ``~/.ssh/id_ed25519.pub`` or ``authorized_keys``.

    Args:
        text: ``ssh-ed25519 AAAA... [comment]`` or ``ssh-rsa AAAA... [comment]``
            (no ``authorized_keys`` options before the type).

    Returns:
        The recipient; the comment is dropped.

    Raises:
        KeyFormatError: if the line is malformed, of another key type, or an
            RSA key shorter than 2048 bits.
    """
    from cryptography.hazmat.primitives import serialization

    fields = text.split(None, 2)
    if fields and fields[0] not in (ED25519_TYPE, RSA_TYPE):
        raise KeyFormatError(f"unsupported SSH key type {fields[0][:30]!r}: want ssh-ed25519 or ssh-rsa")
    if len(fields) < 2:
        raise KeyFormatError("malformed SSH public key: want 'TYPE BASE64 [COMMENT]'")
    try:
        # cryptography also checks that the type inside the key matches.
        key = serialization.load_ssh_public_key(f"{fields[0]} {fields[1]}".encode())
    except (ValueError, UnsupportedAlgorithm) as e:
        raise KeyFormatError(f"malformed SSH public key {fields[1][:20]!r}...: {e}") from None
    if isinstance(key, Ed25519PublicKey):
        return SSHEd25519Recipient(key)
    return SSHRSARecipient(key)


def parse_ssh_identity(data: bytes, passphrase: bytes | str | None = None) -> SSHEd25519Identity | SSHRSAIdentity:
    """Parse an OpenSSH private key file (``-----BEGIN OPENSSH PRIVATE KEY-----``).

    Args:
        data: the contents of the key file.
        passphrase: the key's passphrase; ignored if the key is not protected.

    Returns:
        The identity for the key's type.

    Raises:
        PassphraseError: if the key is passphrase-protected and
            ``passphrase`` is None or wrong; catch it to prompt.
        KeyFormatError: if the file is not an OpenSSH private key, holds a
            key of another type, or an RSA key shorter than 2048 bits. The
            message never contains key material.
    """
    from cryptography.hazmat.primitives import serialization

    if not isinstance(data, bytes):
        # Checked here: cryptography's TypeError would read as "encrypted" below.
        raise TypeError(f"SSH private key must be bytes, not {type(data).__name__}")
    try:
        key = serialization.load_ssh_private_key(data, None)
    except TypeError:
        # cryptography's way of saying the key is encrypted.
        if passphrase is None:
            raise PassphraseError("the SSH private key is passphrase-protected: a passphrase is needed") from None
        if isinstance(passphrase, str):
            passphrase = passphrase.encode()
        try:
            key = serialization.load_ssh_private_key(data, passphrase)
        except ValueError:
            # The key's check bytes decrypted to two different values.
            raise PassphraseError("incorrect passphrase for the SSH private key") from None
        except UnsupportedAlgorithm as e:
            raise KeyFormatError(f"cannot decrypt the SSH private key: {e} (pip install bcrypt)") from None
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFormatError("malformed SSH private key: want an unmodified OpenSSH private key file") from None
    if isinstance(key, Ed25519PrivateKey):
        return SSHEd25519Identity(key)
    if isinstance(key, RSAPrivateKey):
        return SSHRSAIdentity(key)
    raise KeyFormatError(f"unsupported SSH key type {type(key).__name__}: want ssh-ed25519 or ssh-rsa")


def _parse_lines(text, parse, what):
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line or line.startswith("#"):
            continue
        try:
            found.append(parse(line))
        except KeyFormatError as e:
            raise add_context(e, f"error at line {number}") from None
    if not found:
        raise KeyFormatError(f"no {what} found")
    return found
