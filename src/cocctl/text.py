"""What text a person may type into a case: no control characters, and one line where one is meant."""

from __future__ import annotations

import re

from cocctl.errors import UsageError

# Characters a terminal acts on instead of showing: C0 controls, DEL, C1
# controls, the line and paragraph separators, and the bidirectional
# overrides and isolates that make text read other than it is ("Trojan
# Source"). Tab and newline are also C0 controls; multi-line text keeps them.
CONTROLS = frozenset((*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029,
                      *range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_MULTI_LINE_OK = frozenset((0x09, 0x0A))
_ANY_CONTROL = re.compile("[" + "".join(f"\\U{code:08x}" for code in sorted(CONTROLS)) + "]")
_BAD_IN_TEXT = re.compile("[" + "".join(f"\\U{code:08x}" for code in sorted(CONTROLS - _MULTI_LINE_OK)) + "]")


def require_single_line(value: str, what: str) -> str:
    """Return ``value`` if it is one line free of control characters.

    For names, handles, contacts, links and labels: anything shown in a list
    or a table cell, or written into a commit message.

    Args:
        what: the field, as the user knows it (``"--reporter"``, ``"a witness"``).

    Raises:
        UsageError: a newline, tab or other control character; the message
            gives its code and position, never the text.
    """
    return _require(value, what, _ANY_CONTROL, "must be one line without control characters")


def require_text(value: str, what: str) -> str:
    """Return ``value`` if it holds no control characters but newlines and tabs.

    For notes, summaries, rationales and other text meant to span lines.

    Raises:
        UsageError: an escape or other control character; the message gives
            its code and position, never the text.
    """
    return _require(value, what, _BAD_IN_TEXT, "must not hold control characters")


# What the command line turns bytes that are not UTF-8 into (PEP 383 surrogate escapes).
_SURROGATE = re.compile("[\ud800-\udfff]")


def _require(value: str, what: str, forbidden: re.Pattern[str], rule: str) -> str:
    broken = _SURROGATE.search(value)
    if broken:
        raise UsageError(f"{what} is not valid UTF-8 text (a byte that is not UTF-8 at character "
                         f"{broken.start() + 1}); check your terminal's encoding")
    found = forbidden.search(value)
    if found:
        raise UsageError(f"{what} {rule} (U+{ord(found.group()):04X} at character {found.start() + 1})")
    return value


def markdown_inline(text: str) -> str:
    """Text for one markdown line or table cell: one line, no pipes, no markup or raw HTML characters."""
    text = " ".join(str(text).split())
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def words_pattern(words: set[str]) -> re.Pattern[str] | None:
    """A pattern matching any of ``words`` as whole words (and their possessive), longest first; None if empty."""
    words = {word for word in words if word}
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:'s)?(?!\w)", re.IGNORECASE)
