"""Bech32 encoding (BIP 173) as used for age keys."""

from __future__ import annotations

import os

import pytest

from cocctl.age import KeyFormatError, bech32


@pytest.mark.parametrize(
    ("text", "hrp", "data"),
    [
        # From BIP 173's valid test vectors.
        ("A12UEL5L", "A", b""),
        ("a12uel5l", "a", b""),
        ("?1ezyfcl", "?", b""),
        (
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "abcdef",
            bytes.fromhex("00443214c74254b635cf84653a56d7c675be77df"),
        ),
    ],
)
def test_known_strings(text: str, hrp: str, data: bytes) -> None:
    assert bech32.decode(text) == (hrp, data)
    assert bech32.encode(hrp, data) == text


@pytest.mark.parametrize(
    "text",
    [
        " 1nwldj5",  # prefix character out of range
        "\x7f1axkwrx",
        "pzry9x0s0muk",  # no separator
        "1pzry9x0s0muk",  # empty prefix
        "x1b4n0q5v",  # "b" is not in the charset
        "li1dgmt3",  # checksum too short
        "de1lg7wt\xff",
        "A1G7SGD8",  # checksum computed over the uppercase prefix
        "10a06t8",
        "1qzzfhee",
        "a12UEL5L",  # mixed case
        "a12uel5m",  # bad checksum
    ],
)
def test_invalid_strings(text: str) -> None:
    with pytest.raises(KeyFormatError):
        bech32.decode(text)


def test_round_trip_keeps_case() -> None:
    for n in (0, 1, 31, 32, 33, 64):
        data = os.urandom(n)
        lower = bech32.encode("age", data)
        upper = bech32.encode("AGE-SECRET-KEY-", data)
        assert lower == lower.lower() and upper == upper.upper()
        assert bech32.decode(lower) == ("age", data)
        assert bech32.decode(upper) == ("AGE-SECRET-KEY-", data)


def test_non_zero_padding_is_rejected() -> None:
    # 32 bytes use 52 five-bit groups with 4 padding bits; set one of them.
    text = bech32.encode("age", bytes(32))
    hrp, values = text[:3], [bech32.CHARSET.index(c) for c in text[4:-6]]
    values[-1] |= 1
    checksum = bech32._create_checksum(hrp, values)
    forged = hrp + "1" + "".join(bech32.CHARSET[v] for v in values + checksum)
    with pytest.raises(KeyFormatError, match="padding"):
        bech32.decode(forged)


def test_encode_rejects_bad_prefix() -> None:
    for hrp in ("", "Age", "a b"):
        with pytest.raises(KeyFormatError):
            bech32.encode(hrp, b"x")
