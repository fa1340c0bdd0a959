"""The age v1 header grammar: version line, recipient stanzas, MAC line, unpadded base64."""

# This layer knows no keys: it parses and marshals stanzas as opaque
# (type, arguments, body) triples, and leaves their meaning to the recipient
# types and the MAC check to the caller.

from __future__ import annotations

import binascii

from .errors import HeaderError

__all__ = [
    "BYTES_PER_LINE",
    "COLUMNS_PER_LINE",
    "INTRO",
    "MAC_SIZE",
    "Header",
    "Stanza",
    "b64decode",
    "b64encode",
    "check_stanza",
    "decode_arg",
    "marshal_mac_line",
    "marshal_stanza",
    "marshal_without_mac",
    "parse",
]

VERSION_PREFIX = b"age-encryption.org/"
INTRO = b"age-encryption.org/v1\n"
STANZA_PREFIX = b"->"
FOOTER_PREFIX = b"---"
COLUMNS_PER_LINE = 64
# 64 base64 columns carry exactly 48 bytes, so a full line never needs padding.
BYTES_PER_LINE = COLUMNS_PER_LINE // 4 * 3
MAC_SIZE = 32

# VCHAR from RFC 5234: the only bytes allowed in a stanza argument.
_VCHARS = bytes(range(0x21, 0x7F))


class Stanza:
    """One recipient stanza: a type, its arguments and a binary body.

    A plain class rather than a dataclass: importing dataclasses costs
    several milliseconds of CLI start-up.
    """

    __slots__ = ("args", "body", "type")

    def __init__(self, type: str, args: tuple[str, ...] | list[str], body: bytes) -> None:
        self.type = type
        self.args = tuple(args)
        self.body = bytes(body)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Stanza):
            return NotImplemented
        return (self.type, self.args, self.body) == (other.type, other.args, other.body)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Stanza(type={self.type!r}, args={self.args!r}, body={self.body!r})"


class Header:
    """A parsed header.

    Attributes:
        stanzas: the recipient stanzas, in file order.
        mac: the 32-byte MAC from the closing line.
        mac_input: the header bytes the MAC covers (through the ``---``).
            Parsing is strict, so these are exactly the bytes that
            :func:`marshal_without_mac` would produce for ``stanzas``.
    """

    __slots__ = ("mac", "mac_input", "stanzas")

    def __init__(self, stanzas: tuple[Stanza, ...], mac: bytes, mac_input: bytes) -> None:
        self.stanzas = stanzas
        self.mac = mac
        self.mac_input = mac_input


def b64encode(data: bytes) -> bytes:
    """Encode ``data`` as canonical base64 without ``=`` padding."""
    return binascii.b2a_base64(data, newline=False).rstrip(b"=")


def b64decode(text: str | bytes) -> bytes:
    """Decode canonical unpadded base64.

    Args:
        text: the encoded value, as found in a header.

    Returns:
        The decoded bytes.

    Raises:
        HeaderError: on padding, characters outside the alphabet (including
            CR and LF), an impossible length, or non-zero trailing bits. Only
            one encoding of each value is accepted, so a header cannot be
            altered without changing its bytes.
    """
    if isinstance(text, str):
        text = text.encode("ascii", "replace")
    if b"=" in text or len(text) % 4 == 1:
        raise HeaderError(f"invalid base64 {_short(text)}")
    padded = text + b"=" * (-len(text) % 4)
    try:
        data = binascii.a2b_base64(padded, strict_mode=True)
    except binascii.Error:
        raise HeaderError(f"invalid base64 {_short(text)}") from None
    # Re-encoding catches non-zero trailing bits, which decoders otherwise ignore.
    if binascii.b2a_base64(data, newline=False) != padded:
        raise HeaderError(f"non-canonical base64 {_short(text)}")
    return data


def check_stanza(stanza: Stanza, args: int, body_size: int) -> None:
    """Check a recognised stanza's argument count and body size.

    Recipient types call this before any cryptography, so that bodies of
    other sizes cannot be used to probe keys (partitioning oracle attacks).

    Raises:
        HeaderError: if either does not match.
    """
    if len(stanza.args) != args:
        raise HeaderError(f"invalid {stanza.type} stanza: {len(stanza.args)} arguments, want {args}")
    if len(stanza.body) != body_size:
        raise HeaderError(f"invalid {stanza.type} stanza: body is {len(stanza.body)} bytes, want {body_size}")


def decode_arg(stanza: Stanza, index: int, size: int, name: str) -> bytes:
    """Decode a base64 stanza argument that must be exactly ``size`` bytes.

    Raises:
        HeaderError: if it is not canonical unpadded base64 of that size.
    """
    value = b64decode(stanza.args[index])
    if len(value) != size:
        raise HeaderError(f"invalid {stanza.type} stanza: {name} is {len(value)} bytes, want {size}")
    return value


def marshal_stanza(stanza: Stanza) -> bytes:
    """Encode one stanza: the argument line and the body wrapped at 64 columns."""
    out = [b" ".join((STANZA_PREFIX, stanza.type.encode(), *(a.encode() for a in stanza.args)))]
    body = b64encode(stanza.body)
    out.extend(body[i : i + COLUMNS_PER_LINE] for i in range(0, len(body), COLUMNS_PER_LINE))
    if len(body) % COLUMNS_PER_LINE == 0:
        # The body always ends with a short line, which may be empty.
        out.append(b"")
    out.append(b"")
    return b"\n".join(out)


def marshal_without_mac(stanzas: list[Stanza] | tuple[Stanza, ...]) -> bytes:
    """Encode the header up to and including the ``---`` that the MAC covers."""
    return b"".join([INTRO, *map(marshal_stanza, stanzas), FOOTER_PREFIX])


def marshal_mac_line(mac: bytes) -> bytes:
    """Encode what follows the ``---``: a space, the MAC and the final newline."""
    return b" " + b64encode(mac) + b"\n"


def parse(data: bytes) -> tuple[Header, int]:
    """Parse the header at the start of ``data``.

    Args:
        data: a whole binary age file.

    Returns:
        The header and the offset at which the payload starts.

    Raises:
        HeaderError: if the header does not follow the v1 grammar exactly
            (LF line endings, single spaces, 64-column bodies ending in a
            short line, canonical base64, a 32-byte MAC).
    """
    line, pos = _read_line(data, 0)
    if line + b"\n" != INTRO:
        if line.startswith(VERSION_PREFIX):
            raise HeaderError(f"unsupported version {_short(line)}")
        raise HeaderError(f"unexpected intro {_short(line)}")
    stanzas = []
    while not data.startswith(FOOTER_PREFIX, pos):
        line, pos = _read_line(data, pos)
        stanza, pos = _parse_stanza(line, data, pos)
        stanzas.append(stanza)
    mac_end = pos + len(FOOTER_PREFIX)
    line, pos = _read_line(data, pos)
    prefix, *args = line.split(b" ")
    if prefix != FOOTER_PREFIX or len(args) != 1:
        raise HeaderError(f"malformed closing line {_short(line)}")
    mac = b64decode(args[0])
    if len(mac) != MAC_SIZE:
        raise HeaderError(f"malformed closing line {_short(line)}: MAC is {len(mac)} bytes")
    if not stanzas:
        raise HeaderError("no recipient stanzas")
    return Header(tuple(stanzas), mac, data[:mac_end]), pos


def _parse_stanza(line: bytes, data: bytes, pos: int) -> tuple[Stanza, int]:
    prefix, *args = line.split(b" ")
    if prefix != STANZA_PREFIX or not args:
        raise HeaderError(f"malformed stanza opening line {_short(line)}")
    for arg in args:
        if not arg or arg.translate(None, _VCHARS):
            raise HeaderError(f"malformed stanza argument in {_short(line)}")
    body = []
    while True:
        line, pos = _read_line(data, pos)
        if line.startswith((STANZA_PREFIX, FOOTER_PREFIX)):
            raise HeaderError(f"stanza body ended without a short line before {_short(line)}")
        if len(line) > COLUMNS_PER_LINE:
            raise HeaderError(f"stanza body line longer than {COLUMNS_PER_LINE} columns")
        chunk = b64decode(line)
        body.append(chunk)
        if len(chunk) < BYTES_PER_LINE:
            break
    type_, *rest = (a.decode("ascii") for a in args)
    return Stanza(type_, tuple(rest), b"".join(body)), pos


def _read_line(data: bytes, pos: int) -> tuple[bytes, int]:
    end = data.find(b"\n", pos)
    if end < 0:
        raise HeaderError("unexpected end of header")
    return data[pos:end], end + 1


def _short(value: bytes) -> str:
    """Quote a header fragment for an error message, bounded in length."""
    return repr(value[:80]) + ("..." if len(value) > 80 else "")
