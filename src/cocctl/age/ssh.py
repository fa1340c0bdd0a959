"""The ssh-ed25519 and ssh-rsa recipient types: age files for existing SSH keys."""

# Same stanzas as the reference implementation (filippo.io/age/agessh). These
# types exist for compatibility with keys people already have; unlike X25519
# they are not anonymous, as each stanza carries a 4-byte tag of the key.
# Parsing SSH key text is in parse.py.

from __future__ import annotations

import binascii
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from .errors import HeaderError, KeyFormatError
from .format import Stanza, b64encode, check_stanza, decode_arg
from .primitives import FILE_KEY_SIZE, WRAPPED_KEY_SIZE, hkdf, open_file_key, seal_file_key
from .x25519 import KEY_SIZE, exchange

__all__ = [
    "SSHEd25519Identity",
    "SSHEd25519Recipient",
    "SSHRSAIdentity",
    "SSHRSARecipient",
]

ED25519_LABEL = b"age-encryption.org/v1/ssh-ed25519"
RSA_LABEL = b"age-encryption.org/v1/ssh-rsa"
ED25519_TYPE = "ssh-ed25519"
RSA_TYPE = "ssh-rsa"
TAG_SIZE = 4
# The reference checks the modulus size in bytes, so 2041..2047-bit moduli
# pass too; ssh-keygen never makes those.
MIN_RSA_BYTES = 2048 // 8

# Curve25519 in Edwards form: the field prime and the curve constant d.
_P = 2**255 - 19
_D = -121665 * pow(121666, -1, _P) % _P


class SSHEd25519Recipient:
    """An ``ssh-ed25519`` public key that files are encrypted to.

    ``str()`` gives the key as an ``ssh-ed25519 AAAA...`` line without a
    comment. Recipients are equal, and hash alike, when their keys are.
    """

    __slots__ = ("_montgomery", "_tag", "_tweak", "_wire")

    def __init__(self, public_key: Ed25519PublicKey) -> None:
        """Create a recipient from an Ed25519 public key.

        Raises:
            KeyFormatError: if the key is not a point on the curve.
        """
        raw = public_key.public_bytes_raw()
        self._wire = _ssh_string(ED25519_TYPE.encode()) + _ssh_string(raw)
        self._tag = _tag(self._wire)
        self._montgomery = _edwards_to_montgomery(raw)
        self._tweak = _ed25519_tweak(self._wire)

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Wrap a file key to this recipient.

        Returns:
            One ``ssh-ed25519`` stanza: the key's tag, a fresh ephemeral
            share and the sealed file key.

        Raises:
            KeyFormatError: if the key is a low-order point.
        """
        # As for X25519, a fresh ephemeral secret makes the wrapping key
        # single-use, which is what allows the fixed AEAD nonce.
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared = exchange(ephemeral, X25519PublicKey.from_public_bytes(self._montgomery))
        if shared is None:
            raise KeyFormatError(f"invalid SSH recipient {self}: low-order point")
        wrap_key = hkdf(_tweaked(self._tweak, shared), share + self._montgomery, ED25519_LABEL)
        return [Stanza(ED25519_TYPE, (self._tag, b64encode(share).decode()), seal_file_key(wrap_key, file_key))]

    @property
    def ed25519_public(self) -> bytes:
        """The raw 32-byte Ed25519 public key, which also verifies this key's signatures."""
        return self._wire[-KEY_SIZE:]

    def __str__(self) -> str:
        return _authorized_key(ED25519_TYPE, self._wire)

    def __repr__(self) -> str:
        return f"SSHEd25519Recipient({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SSHEd25519Recipient):
            return NotImplemented
        return self._wire == other._wire

    def __hash__(self) -> int:
        return hash((SSHEd25519Recipient, self._wire))


class SSHEd25519Identity:
    """An Ed25519 SSH private key that unwraps ``ssh-ed25519`` stanzas.

    ``repr()`` shows only the recipient.
    """

    __slots__ = ("_our_public", "_private_key", "_recipient", "_signing_key")

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        """Create an identity from an Ed25519 private key.

        Raises:
            KeyFormatError: if its public key is not a point on the curve.
        """
        self._recipient = SSHEd25519Recipient(private_key.public_key())
        self._signing_key = private_key
        # The X25519 scalar is the Ed25519 signing scalar: the first half of
        # SHA-512(seed). X25519 clamps it exactly as Ed25519 does.
        digest = hashes.Hash(hashes.SHA512())
        digest.update(private_key.private_bytes_raw())
        self._private_key = X25519PrivateKey.from_private_bytes(digest.finalize()[:KEY_SIZE])
        self._our_public = self._private_key.public_key().public_bytes_raw()

    @property
    def recipient(self) -> SSHEd25519Recipient:
        """The recipient whose files this identity decrypts."""
        return self._recipient

    def sign(self, message: bytes) -> bytes:
        """Sign ``message`` with the SSH key itself: a plain 64-byte Ed25519 signature (RFC 8032).

        There is no SSHSIG envelope, so the caller must make its messages
        impossible to confuse with anything else the key signs (SSH
        authentication data starts with a 4-byte length, SSHSIG with
        ``SSHSIG``): start every message with a fixed label of its own.
        """
        return self._signing_key.sign(message)

    def unwrap(self, stanzas: tuple[Stanza, ...] | list[Stanza]) -> bytes | None:
        """Find and unwrap the file key from a stanza addressed to this key.

        Returns:
            The 16-byte file key, or None if no ``ssh-ed25519`` stanza
            carries this key's tag.

        Raises:
            HeaderError: if an ``ssh-ed25519`` stanza is malformed, or one
                with this key's tag does not decrypt (the tag names the key,
                so that is a corrupt file, not a mismatch).
        """
        for stanza in stanzas:
            if stanza.type != ED25519_TYPE:
                continue
            # As in the reference: the arguments of every ssh-ed25519 stanza
            # are checked, the body only once the tag says it is ours.
            _check_args(stanza, 2)
            share = decode_arg(stanza, 1, KEY_SIZE, "share")
            if stanza.args[0] != self._recipient._tag:
                continue
            check_stanza(stanza, args=2, body_size=WRAPPED_KEY_SIZE)
            shared = exchange(self._private_key, X25519PublicKey.from_public_bytes(share))
            if shared is None:
                raise HeaderError("invalid ssh-ed25519 stanza: low-order share gives an all-zero shared secret")
            shared = _tweaked(self._recipient._tweak, shared)
            file_key = open_file_key(hkdf(shared, share + self._our_public, ED25519_LABEL), stanza.body)
            if file_key is None:
                raise HeaderError("invalid ssh-ed25519 stanza: failed to decrypt file key")
            return file_key
        return None

    def __repr__(self) -> str:
        return f"SSHEd25519Identity(recipient={str(self._recipient)!r})"


class SSHRSARecipient:
    """An ``ssh-rsa`` public key of at least 2048 bits that files are encrypted to.

    ``str()`` gives the key as an ``ssh-rsa AAAA...`` line without a
    comment. Recipients are equal, and hash alike, when their keys are.
    """

    __slots__ = ("_public_key", "_tag", "_wire")

    def __init__(self, public_key: RSAPublicKey) -> None:
        """Create a recipient from an RSA public key.

        Raises:
            KeyFormatError: if the modulus is shorter than 2048 bits.
        """
        _check_rsa_size(public_key.key_size)
        numbers = public_key.public_numbers()
        self._public_key = public_key
        self._wire = _ssh_string(RSA_TYPE.encode()) + _mpint(numbers.e) + _mpint(numbers.n)
        self._tag = _tag(self._wire)

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Wrap a file key to this recipient.

        Returns:
            One ``ssh-rsa`` stanza: the key's tag and the RSA-OAEP ciphertext.
        """
        return [Stanza(RSA_TYPE, (self._tag,), self._public_key.encrypt(file_key, _oaep()))]

    def __str__(self) -> str:
        return _authorized_key(RSA_TYPE, self._wire)

    def __repr__(self) -> str:
        return f"SSHRSARecipient({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SSHRSARecipient):
            return NotImplemented
        return self._wire == other._wire

    def __hash__(self) -> int:
        return hash((SSHRSARecipient, self._wire))


class SSHRSAIdentity:
    """An RSA SSH private key that unwraps ``ssh-rsa`` stanzas.

    ``repr()`` shows only the recipient.
    """

    __slots__ = ("_private_key", "_recipient")

    def __init__(self, private_key: RSAPrivateKey) -> None:
        """Create an identity from an RSA private key.

        Raises:
            KeyFormatError: if the modulus is shorter than 2048 bits.
        """
        self._recipient = SSHRSARecipient(private_key.public_key())
        self._private_key = private_key

    @property
    def recipient(self) -> SSHRSARecipient:
        """The recipient whose files this identity decrypts."""
        return self._recipient

    def derive_key(self, info: bytes) -> bytes:
        """Derive a 32-byte application key from this private key (HKDF-SHA-256, empty salt, ``info``).

        The input is the smaller prime factor of the modulus as an SSH
        mpint: it is secret, and the same for every encoding of the key
        (unlike the private exponent, of which several are valid).
        """
        numbers = self._private_key.private_numbers()
        return hkdf(_mpint(min(numbers.p, numbers.q)), b"", info)

    def unwrap(self, stanzas: tuple[Stanza, ...] | list[Stanza]) -> bytes | None:
        """Find and unwrap the file key from a stanza addressed to this key.

        Returns:
            The 16-byte file key, or None if no ``ssh-rsa`` stanza carries
            this key's tag.

        Raises:
            HeaderError: if an ``ssh-rsa`` stanza has the wrong argument
                count, or one with this key's tag does not decrypt to a
                16-byte file key.
        """
        for stanza in stanzas:
            if stanza.type != RSA_TYPE:
                continue
            _check_args(stanza, 1)
            if stanza.args[0] != self._recipient._tag:
                continue
            try:
                file_key = self._private_key.decrypt(stanza.body, _oaep())
            except ValueError:
                raise HeaderError("invalid ssh-rsa stanza: failed to decrypt file key") from None
            if len(file_key) != FILE_KEY_SIZE:
                raise HeaderError(f"invalid ssh-rsa stanza: file key is {len(file_key)} bytes, want {FILE_KEY_SIZE}")
            return file_key
        return None

    def __repr__(self) -> str:
        return f"SSHRSAIdentity(recipient={str(self._recipient)!r})"


def _check_args(stanza: Stanza, count: int) -> None:
    if len(stanza.args) != count:
        raise HeaderError(f"invalid {stanza.type} stanza: {len(stanza.args)} arguments, want {count}")


def _check_rsa_size(bits: int) -> None:
    if (bits + 7) // 8 < MIN_RSA_BYTES:
        raise KeyFormatError(f"RSA key size is too small: {bits} bits, want at least 2048")


def _tag(wire: bytes) -> str:
    """Return the stanza tag naming a key: the first 4 bytes of SHA-256 of its SSH wire form."""
    digest = hashes.Hash(hashes.SHA256())
    digest.update(wire)
    return b64encode(digest.finalize()[:TAG_SIZE]).decode()


def _ed25519_tweak(wire: bytes) -> X25519PrivateKey:
    # The reference multiplies the shared secret by a scalar derived from the
    # SSH key, binding the wrapping key to the Ed25519 key rather than only
    # to its X25519 image (HKDF with the key as salt and no input).
    return X25519PrivateKey.from_private_bytes(hkdf(b"", wire, ED25519_LABEL))


def _tweaked(tweak: X25519PrivateKey, shared: bytes) -> bytes:
    tweaked = exchange(tweak, X25519PublicKey.from_public_bytes(shared))
    if tweaked is None:
        # Unreachable: a clamped X25519 output that is not zero has no
        # low-order component left.
        raise HeaderError("invalid ssh-ed25519 stanza: low-order shared secret")
    return tweaked


def _edwards_to_montgomery(raw: bytes) -> bytes:
    """Map an Ed25519 public key to the X25519 public key of the same secret.

    u = (1 + y) / (1 - y) mod p, the birational map of RFC 7748 section 4.1.
    Like the reference (filippo.io/edwards25519), non-canonical y is reduced
    and the sign bit ignored, but y must belong to a point on the curve.

    Raises:
        KeyFormatError: if no point on the curve has this y.
    """
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    y %= _P
    # x^2 = (y^2 - 1) / (d y^2 + 1) must be a square: Euler's criterion.
    x2 = (y * y - 1) * pow(_D * y * y + 1, -1, _P) % _P
    if x2 and pow(x2, (_P - 1) // 2, _P) != 1:
        raise KeyFormatError("invalid Ed25519 public key: not a point on the curve")
    # y = 1 (the neutral element) gives 1 - y = 0; its inverse is taken as 0,
    # as in the reference, so u = 0, which wrap() refuses as low order.
    u = (1 + y) * pow(1 - y, _P - 2, _P) % _P
    return u.to_bytes(KEY_SIZE, "little")


def _ssh_string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


def _mpint(value: int) -> bytes:
    """Encode a non-negative integer as an SSH mpint (RFC 4251): minimal, sign bit clear."""
    return _ssh_string(value.to_bytes((value.bit_length() + 8) // 8, "big") if value else b"")


def _authorized_key(key_type: str, wire: bytes) -> str:
    return f"{key_type} {binascii.b2a_base64(wire, newline=False).decode()}"


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=RSA_LABEL)
