"""The scrypt recipient type: passphrase-based encryption, alone in its header."""

from __future__ import annotations

import os
import re

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import HeaderError, KeyFormatError
from .format import Stanza, b64encode, check_stanza, decode_arg
from .primitives import KEY_SIZE, WRAPPED_KEY_SIZE, open_file_key, seal_file_key

__all__ = ["ScryptIdentity", "ScryptRecipient"]

SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
STANZA_TYPE = "scrypt"
SALT_SIZE = 16
DEFAULT_WORK_FACTOR = 18
DEFAULT_MAX_WORK_FACTOR = 22
# log2(N) bounds accepted from callers; 2**30 * 1 KiB of memory is already absurd.
MIN_WORK_FACTOR = 1
MAX_WORK_FACTOR = 30
# Decimal with no sign and no leading zero, so each work factor has one spelling.
_WORK_FACTOR_RE = re.compile(r"[1-9][0-9]*\Z")


class ScryptRecipient:
    """A passphrase that a file is encrypted to.

    Its stanza must be the only one in the header: :func:`cocctl.age.encrypt`
    refuses to mix it with other recipients.
    """

    __slots__ = ("_passphrase", "_work_factor")

    def __init__(self, passphrase: str | bytes, work_factor: int = DEFAULT_WORK_FACTOR) -> None:
        """Create a passphrase recipient.

        Args:
            passphrase: the passphrase; str is encoded as UTF-8.
            work_factor: log2 of the scrypt cost N; each step doubles the
                time and memory needed to decrypt (18 takes about a second).

        Raises:
            KeyFormatError: if the passphrase is empty or the work factor is
                not an integer from 1 to 30.
        """
        self._passphrase = _passphrase_bytes(passphrase)
        self._work_factor = _check_work_factor(work_factor, "work_factor")

    @property
    def work_factor(self) -> int:
        """The log2 of the scrypt cost parameter N used for new files."""
        return self._work_factor

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Wrap a file key under the passphrase.

        Returns:
            One ``scrypt`` stanza: a fresh salt, the work factor and the sealed file key.
        """
        # A fresh salt per file makes the derived key single-use, which is
        # what allows the fixed AEAD nonce.
        salt = os.urandom(SALT_SIZE)
        key = _derive(self._passphrase, salt, self._work_factor)
        args = (b64encode(salt).decode(), str(self._work_factor))
        return [Stanza(STANZA_TYPE, args, seal_file_key(key, file_key))]

    def __repr__(self) -> str:
        return f"ScryptRecipient(work_factor={self._work_factor})"


class ScryptIdentity:
    """A passphrase that unwraps an ``scrypt`` stanza."""

    __slots__ = ("_max_work_factor", "_passphrase")

    def __init__(self, passphrase: str | bytes, max_work_factor: int = DEFAULT_MAX_WORK_FACTOR) -> None:
        """Create a passphrase identity.

        Args:
            passphrase: the passphrase; str is encoded as UTF-8.
            max_work_factor: the largest work factor to attempt. A file can
                name any cost, so this bounds the time and memory an
                untrusted file can make decryption spend.

        Raises:
            KeyFormatError: if the passphrase is empty or the maximum is not
                an integer from 1 to 30.
        """
        self._passphrase = _passphrase_bytes(passphrase)
        self._max_work_factor = _check_work_factor(max_work_factor, "max_work_factor")

    def unwrap(self, stanzas: tuple[Stanza, ...] | list[Stanza]) -> bytes | None:
        """Unwrap the file key from the header's scrypt stanza.

        Returns:
            The 16-byte file key, or None if there is no ``scrypt`` stanza or
            the passphrase is wrong.

        Raises:
            HeaderError: if an ``scrypt`` stanza is not alone in the header,
                is malformed, or names a work factor above the maximum.
        """
        if len(stanzas) != 1 and any(s.type == STANZA_TYPE for s in stanzas):
            # A passphrase-encrypted file is trusted to come from someone who
            # knows the passphrase. With another stanza, that stanza's holder
            # learns the file key and could forge files that open here.
            raise HeaderError("an scrypt stanza must be the only stanza in the header")
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            # Checked before the costly derivation, and so that bodies of
            # other sizes cannot be used to probe keys.
            check_stanza(stanza, args=2, body_size=WRAPPED_KEY_SIZE)
            salt = decode_arg(stanza, 0, SALT_SIZE, "salt")
            text = stanza.args[1]
            if not _WORK_FACTOR_RE.match(text):
                raise HeaderError(f"invalid scrypt stanza: work factor {text[:20]!r} is not a decimal number")
            # Two digits already exceed any allowed maximum; this also keeps
            # int() away from huge numbers.
            if len(text) > 2 or int(text) > self._max_work_factor:
                raise HeaderError(
                    f"scrypt work factor {text[:20]} is above the maximum {self._max_work_factor}"
                )
            # The AEAD is not key-committing, so a crafted body could open
            # under two passphrases; that leaks at most one bit per online
            # guess and skips no scrypt work, which age deems acceptable.
            file_key = open_file_key(_derive(self._passphrase, salt, int(text)), stanza.body)
            if file_key is not None:
                return file_key
        return None

    def __repr__(self) -> str:
        return f"ScryptIdentity(max_work_factor={self._max_work_factor})"


def _derive(passphrase: bytes, salt: bytes, work_factor: int) -> bytes:
    # The label in the salt separates age's use of the passphrase from any other.
    kdf = Scrypt(salt=SCRYPT_LABEL + salt, length=KEY_SIZE, n=1 << work_factor, r=8, p=1)
    return kdf.derive(passphrase)


def _passphrase_bytes(passphrase: str | bytes) -> bytes:
    if isinstance(passphrase, str):
        passphrase = passphrase.encode("utf-8")
    if not isinstance(passphrase, bytes):
        raise TypeError(f"passphrase must be str or bytes, not {type(passphrase).__name__}")
    if not passphrase:
        raise KeyFormatError("passphrase can't be empty")
    return passphrase


def _check_work_factor(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise KeyFormatError(f"{name} must be an integer, not {type(value).__name__}")
    if not MIN_WORK_FACTOR <= value <= MAX_WORK_FACTOR:
        raise KeyFormatError(f"{name} {value} is outside {MIN_WORK_FACTOR}..{MAX_WORK_FACTOR}")
    return value
