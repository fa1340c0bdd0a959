"""Errors raised by the age layer, one class per failure class of the age testkit."""

from __future__ import annotations

__all__ = [
    "AgeError",
    "ArmorError",
    "HMACError",
    "HeaderError",
    "KeyFormatError",
    "NoIdentityMatch",
    "PassphraseError",
    "PayloadError",
    "add_context",
]


class AgeError(Exception):
    """Base class of every error raised by :mod:`cocctl.age`.

    Raised directly only for misuse of the encryption API that no file can
    cause, such as mixing an scrypt recipient with other recipients.
    """


class ArmorError(AgeError):
    """Raised when the ASCII armor around a file is not strict PEM as age requires."""


class HeaderError(AgeError):
    """Raised when the header cannot be parsed, or a stanza addressed to one of the
    given identities is malformed (wrong argument count or size, non-canonical
    base64, a low-order X25519 share, an excessive scrypt work factor, an
    scrypt stanza mixed with others, a missing payload nonce).
    """


class HMACError(AgeError):
    """Raised when a file key was unwrapped but the header MAC does not match it."""


class NoIdentityMatch(AgeError):
    """Raised when the header parsed but none of the identities unwraps any stanza."""


class PayloadError(AgeError):
    """Raised when the STREAM payload fails to authenticate or is truncated,
    malformed, or followed by trailing data.

    Any plaintext released by :func:`cocctl.age.decrypt_chunks` before this
    error was authenticated, but the file as a whole must not be trusted.
    """


class KeyFormatError(AgeError, ValueError):
    """Raised when a recipient or identity string is malformed or of an
    unsupported type.

    It is also a :class:`ValueError`, because it is raised for bad arguments
    rather than bad files. Its message never contains secret key material.
    """


class PassphraseError(AgeError):
    """Raised when an SSH private key is passphrase-protected and no passphrase,
    or a wrong one, was given.

    Callers catch it to prompt for the passphrase and parse the key again.
    """


def add_context(error: AgeError, context: str) -> AgeError:
    """Return a new error of the same class whose message starts with ``context``.

    Layers raise short messages ("unexpected intro ..."); the caller that
    knows what it was doing adds that on the way up, as in
    ``raise add_context(e, "failed to read header") from None``.

    Args:
        error: the error raised by a lower layer.
        context: a lowercase description of the operation that failed.

    Returns:
        An error of the same class with the message ``"{context}: {error}"``.
    """
    return type(error)(f"{context}: {error}")
