"""Parsing of recipient and identity strings and of age key files."""

from __future__ import annotations

from .errors import KeyFormatError, add_context
from .x25519 import IDENTITY_HRP, RECIPIENT_HRP, X25519Identity, X25519Recipient

__all__ = ["parse_identities", "parse_identity", "parse_recipient", "parse_recipients"]

# Post-quantum hybrid keys share the X25519 prefixes, so they are recognised
# first to give a clear error rather than a confusing Bech32 one.
PQ_IDENTITY_PREFIX = "AGE-SECRET-KEY-PQ-1"
PQ_RECIPIENT_PREFIX = "age1pq1"


def parse_recipient(text: str) -> X25519Recipient:
    """Parse an ``age1...`` recipient string.

    Args:
        text: the recipient, without surrounding whitespace.

    Returns:
        The X25519 recipient.

    Raises:
        KeyFormatError: if ``text`` is not a valid X25519 recipient.
    """
    if not isinstance(text, str):
        raise TypeError(f"recipient must be str, not {type(text).__name__}")
    if text.startswith(PQ_RECIPIENT_PREFIX):
        raise KeyFormatError("post-quantum hybrid recipients (age1pq1...) are not supported")
    if not text.startswith(RECIPIENT_HRP + "1"):
        raise KeyFormatError(f"unknown recipient type {text[:12]!r}...: want age1...")
    return X25519Recipient.from_string(text)


def parse_identity(text: str) -> X25519Identity:
    """Parse an ``AGE-SECRET-KEY-...`` identity string.

    Args:
        text: the secret key, without surrounding whitespace.

    Returns:
        The X25519 identity.

    Raises:
        KeyFormatError: if ``text`` is not a valid X25519 identity. The
            message does not contain the key.
    """
    if not isinstance(text, str):
        raise TypeError(f"identity must be str, not {type(text).__name__}")
    if text.startswith(PQ_IDENTITY_PREFIX):
        raise KeyFormatError("post-quantum hybrid identities (AGE-SECRET-KEY-PQ-1...) are not supported")
    if not text.startswith(IDENTITY_HRP + "1"):
        raise KeyFormatError("unknown identity type: want AGE-SECRET-KEY-...")
    return X25519Identity.from_string(text)


def parse_identities(text: str) -> list[X25519Identity]:
    """Parse an age key file, as written by ``age-keygen``.

    Blank lines and lines starting with ``#`` are skipped; every other line
    must be one identity. LF and CRLF line endings are accepted.

    Args:
        text: the contents of the key file.

    Returns:
        The identities, in file order.

    Raises:
        KeyFormatError: naming the first bad line (never quoting it), or if
            the file holds no identity.
    """
    return _parse_lines(text, parse_identity, "secret keys")


def parse_recipients(text: str) -> list[X25519Recipient]:
    """Parse a recipients file: one ``age1...`` per line, ``#`` comments and blank lines allowed.

    Returns:
        The recipients, in file order.

    Raises:
        KeyFormatError: naming the first bad line, or if the file holds no recipient.
    """
    return _parse_lines(text, parse_recipient, "recipients")


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
