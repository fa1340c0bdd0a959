"""The X25519 recipient type: age1... recipients and AGE-SECRET-KEY-... identities."""

from __future__ import annotations

from cryptography.hazmat.primitives import constant_time
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from . import bech32
from .errors import HeaderError, KeyFormatError, add_context
from .format import Stanza, b64encode, check_stanza, decode_arg
from .primitives import WRAPPED_KEY_SIZE, hkdf, open_file_key, seal_file_key

__all__ = ["X25519Identity", "X25519Recipient"]

X25519_LABEL = b"age-encryption.org/v1/X25519"
STANZA_TYPE = "X25519"
RECIPIENT_HRP = "age"
IDENTITY_HRP = "AGE-SECRET-KEY-"
KEY_SIZE = 32
# X25519 of a low-order point is all zeros; such a "shared secret" is known
# to everyone, so it must never become a wrapping key.
_ZERO_SECRET = bytes(KEY_SIZE)


class X25519Recipient:
    """A public key that files are encrypted to.

    ``str()`` gives the ``age1...`` encoding. Two recipients are equal, and
    hash alike, exactly when their public keys are the same bytes.
    """

    __slots__ = ("_public_bytes", "_public_key")

    def __init__(self, public_bytes: bytes) -> None:
        """Create a recipient from a raw 32-byte X25519 public key.

        Raises:
            KeyFormatError: if the key is not 32 bytes.
        """
        if len(public_bytes) != KEY_SIZE:
            raise KeyFormatError(f"X25519 public key is {len(public_bytes)} bytes, want {KEY_SIZE}")
        self._public_bytes = bytes(public_bytes)
        self._public_key = X25519PublicKey.from_public_bytes(self._public_bytes)

    @classmethod
    def from_string(cls, text: str) -> X25519Recipient:
        """Parse an ``age1...`` recipient.

        Raises:
            KeyFormatError: if ``text`` is not a lowercase Bech32 ``age``
                recipient with a 32-byte key.
        """
        return cls(_decode_key(text, RECIPIENT_HRP, f"recipient {text!r}"))

    @property
    def public_bytes(self) -> bytes:
        """The raw 32-byte public key."""
        return self._public_bytes

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Wrap a file key to this recipient.

        Returns:
            One ``X25519`` stanza: a fresh ephemeral share and the sealed file key.

        Raises:
            KeyFormatError: if the public key is a low-order point.
        """
        # A fresh ephemeral secret per stanza and per file makes the wrapping
        # key single-use, which is what allows the fixed AEAD nonce.
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared = exchange(ephemeral, self._public_key)
        if shared is None:
            raise KeyFormatError(f"invalid X25519 recipient {self}: low-order point")
        # The salt binds the key to both public values, as the spec requires.
        wrap_key = hkdf(shared, share + self._public_bytes, X25519_LABEL)
        return [Stanza(STANZA_TYPE, (b64encode(share).decode(),), seal_file_key(wrap_key, file_key))]

    def __str__(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self._public_bytes)

    def __repr__(self) -> str:
        return f"X25519Recipient({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, X25519Recipient):
            return NotImplemented
        return self._public_bytes == other._public_bytes

    def __hash__(self) -> int:
        return hash((X25519Recipient, self._public_bytes))


class X25519Identity:
    """A secret key that unwraps ``X25519`` stanzas addressed to its recipient.

    ``str()`` gives the ``AGE-SECRET-KEY-...`` encoding; ``repr()`` shows
    only the recipient, so secrets do not end up in logs or tracebacks.
    """

    __slots__ = ("_private_key", "_recipient")

    def __init__(self, secret: bytes) -> None:
        """Create an identity from a raw 32-byte X25519 secret key.

        Raises:
            KeyFormatError: if the secret is not 32 bytes.
        """
        if len(secret) != KEY_SIZE:
            raise KeyFormatError(f"X25519 secret key is {len(secret)} bytes, want {KEY_SIZE}")
        self._private_key = X25519PrivateKey.from_private_bytes(bytes(secret))
        self._recipient = X25519Recipient(self._private_key.public_key().public_bytes_raw())

    @classmethod
    def generate(cls) -> X25519Identity:
        """Generate a new identity from 32 bytes of CSPRNG output."""
        return cls(X25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def from_string(cls, text: str) -> X25519Identity:
        """Parse an ``AGE-SECRET-KEY-...`` identity.

        Raises:
            KeyFormatError: if ``text`` is not an uppercase Bech32
                ``AGE-SECRET-KEY-`` identity with a 32-byte key.
        """
        # Never quote the text: it is a secret key, however malformed.
        return cls(_decode_key(text, IDENTITY_HRP, "secret key"))

    @property
    def recipient(self) -> X25519Recipient:
        """The recipient whose files this identity decrypts."""
        return self._recipient

    def derive_key(self, info: bytes) -> bytes:
        """Derive a 32-byte application key from this secret key (HKDF-SHA-256, empty salt, ``info``).

        Applications that keep one secret per person (say, a signing key
        beside the age key) derive it here instead of storing a second
        secret; distinct ``info`` strings give independent keys, and none
        of them reveals the X25519 key.
        """
        return hkdf(self._private_key.private_bytes_raw(), b"", info)

    def unwrap(self, stanzas: tuple[Stanza, ...] | list[Stanza]) -> bytes | None:
        """Find and unwrap the file key from a stanza addressed to this identity.

        Returns:
            The 16-byte file key, or None if no ``X25519`` stanza is for us.

        Raises:
            HeaderError: if an ``X25519`` stanza is malformed (argument count,
                share size or encoding, body size) or its share is a low-order
                point. These are errors in the file, not a mismatch.
        """
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            check_stanza(stanza, args=1, body_size=WRAPPED_KEY_SIZE)
            share = decode_arg(stanza, 0, KEY_SIZE, "share")
            shared = exchange(self._private_key, X25519PublicKey.from_public_bytes(share))
            if shared is None:
                raise HeaderError("invalid X25519 stanza: low-order share gives an all-zero shared secret")
            wrap_key = hkdf(shared, share + self._recipient.public_bytes, X25519_LABEL)
            file_key = open_file_key(wrap_key, stanza.body)
            if file_key is not None:
                return file_key
        return None

    def __str__(self) -> str:
        return bech32.encode(IDENTITY_HRP, self._private_key.private_bytes_raw())

    def __repr__(self) -> str:
        return f"X25519Identity(recipient={str(self._recipient)!r})"


def _decode_key(text: str, hrp: str, what: str) -> bytes:
    """Decode a Bech32 key string that must carry the prefix ``hrp``."""
    try:
        got, data = bech32.decode(text)
    except KeyFormatError as e:
        raise add_context(e, f"malformed {what}") from None
    if got != hrp:
        raise KeyFormatError(f"malformed {what}: prefix is not {hrp!r}")
    return data


def exchange(private_key: X25519PrivateKey, public_key: X25519PublicKey) -> bytes | None:
    """Compute X25519(private, public), refusing the all-zero result.

    Shared with ssh.py, whose ssh-ed25519 type is X25519 underneath.

    Returns:
        The 32-byte shared secret, or None if ``public_key`` is a low-order
        point (the result would be all zeros, known to everyone).
    """
    try:
        shared = private_key.exchange(public_key)
    except ValueError:
        # OpenSSL itself refuses to return the all-zero result.
        return None
    # Checked again, in constant time, in case another backend returns it.
    if constant_time.bytes_eq(shared, _ZERO_SECRET):
        return None
    return shared
