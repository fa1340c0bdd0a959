"""The strict ASCII armor: 64-column canonical base64 between the age BEGIN and END lines."""

from __future__ import annotations

import base64
import os

import pytest

from cocctl.age import ArmorError, armor


def armored(data: bytes, eol: bytes = b"\n") -> bytes:
    text = base64.b64encode(data)
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return eol.join([armor.BEGIN, *lines, armor.END, b""])


@pytest.mark.parametrize("size", [0, 1, 2, 3, 47, 48, 49, 96, 1000])
def test_round_trip(size: int) -> None:
    data = os.urandom(size)
    text = armor.encode(data)
    assert text == armored(data)
    assert all(len(line) <= 64 for line in text.split(b"\n"))
    assert armor.decode(text) == data


def test_crlf_and_whitespace_around_are_accepted() -> None:
    data = os.urandom(100)
    assert armor.decode(armored(data, b"\r\n")) == data
    for size in (0, 1, 48, 49):
        assert armor.decode(armored(data[:size], b"\r\n")) == data[:size]
    mixed = armored(data).replace(b"\n", b"\r\n", 2)
    assert armor.decode(mixed) == data
    assert armor.decode(b" \r\n\t\n" + armored(data) + b"\n \t\r\n") == data
    assert armor.decode(armored(data).rstrip(b"\n")) == data  # no final newline


def test_whitespace_is_bounded() -> None:
    data = armored(b"abc").rstrip(b"\n")
    assert armor.decode(b"\n" * 1024 + data + b"\n" * 1024) == b"abc"
    with pytest.raises(ArmorError, match="leading whitespace"):
        armor.decode(b"\n" * 1025 + data)
    with pytest.raises(ArmorError, match="trailing"):
        armor.decode(data + b"\n" * 1025)


def _replace_line(data: bytes, index: int, line: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[index] = line
    return b"\n".join(lines)


BASE = armored(bytes(range(100)))  # two full lines and a short one with "=" padding


@pytest.mark.parametrize(
    "text",
    [
        BASE.replace(armor.BEGIN, armor.BEGIN.lower()),
        BASE.replace(armor.BEGIN, b"-----BEGIN AGE ENCRYPTED MESSAGE-----"),
        b"garbage\n" + BASE,
        BASE + b"garbage\n",
        BASE.replace(armor.END + b"\n", b""),  # no END line
        BASE.replace(armor.BEGIN + b"\n", armor.BEGIN + b"\n\n"),  # empty line
        BASE.replace(b"\n" + armor.END, b"\n\n" + armor.END),
        BASE.replace(armor.BEGIN + b"\n", armor.BEGIN + b"\nVersion: 1\n\n"),  # PEM headers
        _replace_line(BASE, 1, b" " + BASE.split(b"\n")[1][1:]),
        _replace_line(BASE, 1, BASE.split(b"\n")[1] + b" "),  # 65 columns
        _replace_line(BASE, 1, BASE.split(b"\n")[1][:60]),  # short line before the last
        _replace_line(BASE, 3, BASE.split(b"\n")[3].rstrip(b"=")),  # missing padding
        _replace_line(BASE, 3, BASE.split(b"\n")[3][:-2] + b"j="),  # non-canonical last char
        _replace_line(BASE, 1, b"*" + BASE.split(b"\n")[1][1:]),
        _replace_line(BASE, 1, BASE.split(b"\n")[1][:63] + b"\r"),  # CR inside a line
        _replace_line(BASE, 1, BASE.split(b"\n")[1][:60] + b"AA==") + b"",  # padding before the end
        BASE.replace(b"=\n" + armor.END, b"=\n=\n" + armor.END),  # PGP-style checksum/padding line
        BASE.replace(armor.BEGIN + b"\n", armor.BEGIN + b" \n"),
        BASE.replace(armor.END, armor.END + b"x"),
    ],
)
def test_non_canonical_armor_is_rejected(text: bytes) -> None:
    with pytest.raises(ArmorError):
        armor.decode(text)


def test_empty_block_decodes_to_nothing() -> None:
    assert armor.decode(armor.BEGIN + b"\n" + armor.END + b"\n") == b""


def test_is_armored() -> None:
    assert armor.is_armored(BASE)
    assert armor.is_armored(b"\r\n \t" + BASE)
    assert not armor.is_armored(b"age-encryption.org/v1\n")
    assert not armor.is_armored(b"")
    assert not armor.is_armored(BASE.lower())
