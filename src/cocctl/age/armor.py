"""Strict PEM-style ASCII armor for age files (RFC 7468 with the age label)."""

from __future__ import annotations

import binascii

from .errors import ArmorError

__all__ = ["BEGIN", "END", "decode", "encode", "is_armored"]

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
COLUMNS_PER_LINE = 64
# Whitespace is the only thing tolerated around the PEM block; it is capped
# so that a huge blank prefix or suffix cannot hide in an accepted file.
MAX_WHITESPACE = 1024


def encode(data: bytes) -> bytes:
    """Armor a binary age file.

    Args:
        data: the binary age file.

    Returns:
        The PEM block: padded base64 in 64-column lines, LF line endings,
        and a final newline.
    """
    text = binascii.b2a_base64(data, newline=False)
    lines = [text[i : i + COLUMNS_PER_LINE] for i in range(0, len(text), COLUMNS_PER_LINE)]
    lines.append(END + b"\n")
    return BEGIN + b"\n" + b"\n".join(lines)


def is_armored(data: bytes) -> bool:
    """Tell whether ``data`` starts, after optional whitespace, with the armor BEGIN line."""
    return data[: MAX_WHITESPACE + len(BEGIN) + 1].lstrip().startswith(BEGIN)


def decode(data: bytes) -> bytes:
    """Remove the armor from an armored age file.

    Accepts LF or CRLF line endings and up to 1 KiB of whitespace before and
    after the block, and nothing else that is not the canonical encoding:
    every line but the last exactly 64 columns, padded canonical base64,
    no empty lines and no PEM headers.

    Args:
        data: the armored file.

    Returns:
        The binary age file.

    Raises:
        ArmorError: if ``data`` is not a strictly armored file.
    """
    head = data[: MAX_WHITESPACE + 1]
    start = len(head) - len(head.lstrip())
    if start > MAX_WHITESPACE:
        raise ArmorError("too much leading whitespace")
    if not data.startswith(BEGIN, start):
        raise ArmorError(f"invalid first line {_first_line(data[start:])}")
    begin_end = start + len(BEGIN)
    # The END line is the first line that is exactly END: base64 lines cannot
    # contain it, since "-" and " " are outside the alphabet.
    footer = data.find(b"\n" + END, begin_end)
    if footer < 0:
        raise ArmorError("missing closing line")
    trailing = data[footer + 1 + len(END) :]
    if len(trailing) > MAX_WHITESPACE:
        raise ArmorError("too much trailing data after the closing line")
    if trailing.strip():
        raise ArmorError("trailing data after the closing line")

    body = data[begin_end : footer + 1]
    if body.startswith(b"\r\n"):
        body = body[2:]
    elif body.startswith(b"\n"):
        body = body[1:]
    else:
        raise ArmorError(f"invalid first line {_first_line(data[start:])}")
    if not body:
        return b""
    # CR never appears in encode()'s output, so CRLF files take the general path.
    full, last = (b"\r" not in body and _split_canonical(body)) or _split_lines(body)
    # Only the last line may carry "=" padding; full lines hold 48 bytes exactly.
    if b"=" in full:
        raise ArmorError("padding before the last line")
    try:
        decoded = binascii.a2b_base64(full, strict_mode=True)
        tail = binascii.a2b_base64(last, strict_mode=True)
    except binascii.Error as e:
        raise ArmorError(f"invalid base64: {e}") from None
    # Padding is required and trailing bits must be zero: one encoding per file.
    if binascii.b2a_base64(tail, newline=False) != last:
        raise ArmorError("non-canonical base64 in the last line")
    return decoded + tail


def _split_canonical(body: bytes) -> tuple[bytes, bytes] | None:
    """Split LF-terminated lines laid out exactly as encode() does, without a list of lines.

    Returns:
        The full lines joined and the last line, or None if the layout is
        anything else (then _split_lines finds and reports the problem).
    """
    rows = -(-len(body) // (COLUMNS_PER_LINE + 1))
    full = rows - 1
    end = full * (COLUMNS_PER_LINE + 1)
    if body.count(b"\n") != rows or body[COLUMNS_PER_LINE : end : COLUMNS_PER_LINE + 1] != b"\n" * full:
        return None
    last = body[end:-1]
    if not last:
        return None
    return body[:end].replace(b"\n", b""), last


def _split_lines(body: bytes) -> tuple[bytes, bytes]:
    """Split and check lines with LF or CRLF endings; raise on the first bad one."""
    lines = body.split(b"\n")[:-1]
    if b"\r" in body:
        lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    full, last = lines[:-1], lines[-1]
    joined = b"".join(full)
    if len(joined) != COLUMNS_PER_LINE * len(full) or (full and max(map(len, full)) != COLUMNS_PER_LINE):
        for number, line in enumerate(full, start=2):
            if len(line) != COLUMNS_PER_LINE:
                raise ArmorError(f"line {number} is {len(line)} columns, want {COLUMNS_PER_LINE}")
    if not last:
        raise ArmorError("empty line before the closing line")
    if len(last) > COLUMNS_PER_LINE:
        raise ArmorError(f"last line is longer than {COLUMNS_PER_LINE} columns")
    return joined, last


def _first_line(data: bytes) -> str:
    return repr(data[:81].split(b"\n", 1)[0][:80])
