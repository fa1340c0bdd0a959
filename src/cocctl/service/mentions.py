"""Whether a text names anyone the archive knows: one index built once, each text checked in linear time."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPLIT = re.compile(r"[\s.<>,:;()_+-]+")
_TOKEN = re.compile(r"[\w'-]+")
# A phrase (a value with a space) is found by the text just after its first
# space, up to this many characters: every text is cut into such keys once.
_KEY = 6


class Names:
    """Every name, handle and address given, and their parts: none may be published.

    A text *mentions* someone when it holds an address (any ``@``), one of
    the known words as a whole token, or a known value containing a space
    anywhere (as a substring). Checking a text costs its own length, not the
    number of known names: single words are a set; phrases are indexed by a
    short key starting at their first space, and only the phrases whose key
    occurs in the text are compared.
    """

    def __init__(self, values: Iterable[str]) -> None:
        """Index ``values`` (names, handles, addresses; empty ones are skipped)."""
        words: set[str] = set()
        for value in filter(None, values):
            words.add(value.strip().lower())
            # An address's domain ("example.org") names no one; its local part may.
            local = value.split("@")[0]
            words.update(part.lower() for part in _SPLIT.split(local) if len(part) >= 3)
        self.words = frozenset(words)
        self._phrases: dict[str, list[str]] = {}
        for word in self.words:
            if len(word) >= 3 and " " in word:
                at = word.index(" ")
                self._phrases.setdefault(word[at:at + _KEY], []).append(word)
        self._lengths = sorted({len(key) for key in self._phrases})

    def mentioned(self, text: str) -> bool:
        """Whether ``text`` names anyone known (or holds an address)."""
        lowered = text.lower()
        if "@" in lowered:
            return True
        if not self.words.isdisjoint(_TOKEN.findall(lowered)):
            return True
        if not self._phrases:
            return False
        for at in (i for i, char in enumerate(lowered) if char == " "):
            for length in self._lengths:
                for phrase in self._phrases.get(lowered[at:at + length], ()):
                    if phrase in lowered:
                        return True
        return False
