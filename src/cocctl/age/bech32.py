"""Bech32 (BIP 173) encoding of age recipients and identities, without the 90-character limit."""

from __future__ import annotations

from .errors import KeyFormatError

__all__ = ["decode", "encode"]

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_VALUES = {c: i for i, c in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_CHECKSUM_LEN = 6


def encode(hrp: str, data: bytes) -> str:
    """Encode ``data`` under a human-readable prefix.

    Args:
        hrp: the prefix, all lowercase or all uppercase; the output has its case.
        data: the payload bytes.

    Returns:
        The Bech32 string.

    Raises:
        KeyFormatError: if ``hrp`` is empty, mixed-case or not printable ASCII.
    """
    _check_hrp(hrp)
    if hrp.lower() != hrp and hrp.upper() != hrp:
        raise KeyFormatError("mixed-case bech32 prefix")
    values = _convert_bits(data, 8, 5, pad=True)
    lower = hrp.lower()
    checksum = _create_checksum(lower, values)
    text = lower + "1" + "".join(CHARSET[v] for v in values + checksum)
    return text if hrp == lower else text.upper()


def decode(text: str) -> tuple[str, bytes]:
    """Decode a Bech32 string.

    Args:
        text: the string, all lowercase or all uppercase.

    Returns:
        The prefix (in the string's case) and the payload bytes.

    Raises:
        KeyFormatError: on mixed case, a bad separator, a character outside
            the charset, a bad checksum or non-zero padding bits. The message
            never quotes ``text``, which may be a secret key.
    """
    if text.lower() != text and text.upper() != text:
        raise KeyFormatError("mixed case")
    pos = text.rfind("1")
    if pos < 1 or pos + 1 + _CHECKSUM_LEN > len(text):
        raise KeyFormatError("missing or misplaced bech32 separator")
    hrp = text[:pos]
    _check_hrp(hrp)
    try:
        values = [_VALUES[c] for c in text[pos + 1 :].lower()]
    except KeyError:
        raise KeyFormatError("invalid bech32 character") from None
    if _polymod(_hrp_expand(hrp.lower()) + values) != 1:
        raise KeyFormatError("invalid bech32 checksum")
    return hrp, bytes(_convert_bits(values[:-_CHECKSUM_LEN], 5, 8, pad=False))


def _check_hrp(hrp: str) -> None:
    if not hrp or any(not 33 <= ord(c) <= 126 for c in hrp):
        raise KeyFormatError("invalid bech32 prefix")


def _polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i, g in enumerate(_GENERATOR):
            if top >> i & 1:
                chk ^= g
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    codes = [ord(c) for c in hrp]
    return [c >> 5 for c in codes] + [0] + [c & 31 for c in codes]


def _create_checksum(hrp: str, values: list[int]) -> list[int]:
    mod = _polymod(_hrp_expand(hrp) + values + [0] * _CHECKSUM_LEN) ^ 1
    return [mod >> 5 * (5 - i) & 31 for i in range(_CHECKSUM_LEN)]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, *, pad: bool) -> list[int]:
    acc = 0
    bits = 0
    out = []
    mask = (1 << to_bits) - 1
    # Keep only the bits still to be emitted, so acc stays a small int.
    acc_mask = (1 << (from_bits + to_bits - 1)) - 1
    for value in data:
        acc = (acc << from_bits | value) & acc_mask
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append(acc >> bits & mask)
    if pad:
        if bits:
            out.append(acc << (to_bits - bits) & mask)
    elif bits >= from_bits:
        raise KeyFormatError("invalid bech32 padding")
    elif acc << (to_bits - bits) & mask:
        raise KeyFormatError("non-zero bech32 padding")
    return out
