"""The header grammar: version line, stanzas, MAC line and canonical unpadded base64."""

from __future__ import annotations

import pytest

from cocctl.age import HeaderError, format
from cocctl.age.format import Stanza

MAC = "A" * 43  # 32 zero bytes, canonical unpadded base64


def header(*stanza_lines: str, mac_line: str = f"--- {MAC}") -> bytes:
    return "\n".join(["age-encryption.org/v1", *stanza_lines, mac_line, ""]).encode()


def test_b64_round_trip_all_lengths() -> None:
    for n in range(0, 70):
        data = bytes(range(n))
        encoded = format.b64encode(data)
        assert b"=" not in encoded
        assert format.b64decode(encoded) == data


@pytest.mark.parametrize(
    "text",
    [
        b"QUE=",  # padding
        b"QUE==",
        b"QUF",  # non-zero trailing bits (canonical is QUE)
        b"QUFBQR",  # non-zero trailing bits in a 4n+2 length
        b"Q",  # impossible length
        b"QU\rE",  # CR is not ignored
        b"QU\nE",
        b"QU E",
        b"QU*E",
        b"QUE\x00",
    ],
)
def test_b64_rejects_non_canonical(text: bytes) -> None:
    with pytest.raises(HeaderError):
        format.b64decode(text)


def test_parse_minimal() -> None:
    data = header("-> X25519 abc", "") + b"payload"
    parsed, offset = format.parse(data)
    assert parsed.stanzas == (Stanza("X25519", ("abc",), b""),)
    assert parsed.mac == bytes(32)
    assert parsed.mac_input == data[: data.index(b"--- ") + 3]
    assert data[offset:] == b"payload"


def test_body_lines_wrap_at_64_columns_and_end_short() -> None:
    for size in (0, 1, 47, 48, 49, 95, 96, 97, 200):
        stanza = Stanza("t", ("a", "b"), bytes(range(size % 256)) * (size // 256) + bytes(range(size % 256)))
        encoded = format.marshal_stanza(stanza)
        lines = encoded.split(b"\n")[1:-1]
        assert all(len(line) == 64 for line in lines[:-1])
        assert len(lines[-1]) < 64
        parsed, _ = format.parse(b"age-encryption.org/v1\n" + encoded + f"--- {MAC}\n".encode())
        assert parsed.stanzas == (stanza,)


def test_full_final_line_needs_empty_line_after_it() -> None:
    full = "A" * 64
    parsed, _ = format.parse(header("-> t", full, ""))
    assert parsed.stanzas[0].body == bytes(48)
    with pytest.raises(HeaderError, match="short line"):
        format.parse(header("-> t", full))


@pytest.mark.parametrize(
    "lines",
    [
        ["-> t", "A" * 65, ""],  # long line
        ["-> t", "A" * 68, ""],  # decodes to more than 48 bytes
        ["-> t", "AAAA", "AAAA"],  # a short line ends the stanza; the next is not a stanza
        ["-> t", "QUE="],
        ["-> t", "QUF"],
        ["->"],  # no arguments
        ["-> "],  # empty argument
        ["-> t  a", ""],  # double space: empty argument
        ["-> t a ", ""],  # trailing space
        ["->t", ""],
        ["-- t", ""],
        ["-> t \u00e8", ""],  # not VCHAR
        ["-> t \x7f", ""],
        ["-> t\ta", ""],
    ],
)
def test_stanza_grammar_is_exact(lines: list[str]) -> None:
    with pytest.raises(HeaderError):
        format.parse(header(*lines))


def test_all_vchar_arguments_accepted() -> None:
    args = "".join(chr(c) for c in range(0x21, 0x7F))
    parsed, _ = format.parse(header(f"-> {args[:40]} {args[40:]}", ""))
    assert parsed.stanzas[0].type + "".join(parsed.stanzas[0].args) == args


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"age-encryption.org/v1",
        b"age-encryption.org/v2\n-> t\n\n--- " + MAC.encode() + b"\n",
        b"age-encryption.org/v1 \n-> t\n\n--- " + MAC.encode() + b"\n",
        b"age-encryption.org/v1\r\n-> t\r\n\r\n--- " + MAC.encode() + b"\r\n",  # CRLF
        b"age-encryption.org/v1\n-> t\r\n\n--- " + MAC.encode() + b"\n",
        b"age-encryption.org/v1\n-> t\n\n--- " + MAC.encode() + b"\r\n",
        b"age-encryption.org/v1\n-> t\n\n--- " + MAC.encode(),  # no final LF
        b" age-encryption.org/v1\n-> t\n\n--- " + MAC.encode() + b"\n",
        b"age-encryption.org/v1\n--- " + MAC.encode() + b"\n",  # no stanza
        b"age-encryption.org/v1\n-> t\n\n",  # no MAC line
    ],
)
def test_version_and_line_endings_are_exact(data: bytes) -> None:
    with pytest.raises(HeaderError):
        format.parse(data)


@pytest.mark.parametrize(
    "mac_line",
    [
        "---",
        "--- ",
        f"---{MAC}",
        f"---  {MAC}",
        f"--- {MAC} ",
        f"--- {MAC[:-1]}",
        f"--- {MAC}AAA",
        f"--- {MAC[:-1]}B",  # non-canonical trailing bits
        f"--- {MAC}=",
        f"---- {MAC}",
    ],
)
def test_mac_line_is_exact(mac_line: str) -> None:
    with pytest.raises(HeaderError):
        format.parse(header("-> t", "", mac_line=mac_line))


def test_marshal_matches_parse_input() -> None:
    stanzas = [Stanza("X25519", ("c2hhcmU",), bytes(32)), Stanza("other", (), b"")]
    encoded = format.marshal_without_mac(stanzas)
    assert encoded.endswith(b"\n---")
    parsed, _ = format.parse(encoded + format.marshal_mac_line(bytes(32)))
    assert list(parsed.stanzas) == stanzas
    assert parsed.mac_input == encoded
