"""Text from cases, rosters and git made safe to print: controls shown, Rich markup inert."""

from __future__ import annotations

from typing import Any

from cocctl.text import CONTROLS

# Each control written out, e.g. ESC as \x1b; tab is harmless and kept.
_SHOWN = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in CONTROLS if code != 0x09}
_SINGLE_LINE = str.maketrans(_SHOWN)
_MULTI_LINE = str.maketrans({code: shown for code, shown in _SHOWN.items() if code != 0x0A})


def visible(value: Any, *, multiline: bool = False) -> str:
    """``value`` as text with every control character written out, e.g. ESC as ``\\x1b``.

    Args:
        multiline: keep newlines (text meant to span lines, as a summary).

    Returns:
        Text a terminal prints as it reads; for ``sys.stdout.write`` and plain lines.
    """
    return str(value).translate(_MULTI_LINE if multiline else _SINGLE_LINE)


def text(value: Any, *, multiline: bool = False) -> str:
    """``visible(value)`` with Rich markup escaped, for strings passed to a Rich console or table.

    A note holding ``[bold red]`` prints those characters, not red text.
    """
    from rich.markup import escape

    return escape(visible(value, multiline=multiline))
