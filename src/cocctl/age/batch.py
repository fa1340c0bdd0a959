"""Encrypting many files to the same recipients, with plugin recipients wrapping file keys made ahead."""

# A plugin run (recipient-v1) can wrap many file keys at once, and for a
# hardware key each run may ask for a touch. A Batch makes file keys ahead,
# has every plugin wrap all of them in one run, and hands out one key (and
# its stanzas) per file; every other recipient wraps each key when it is
# used, with a fresh ephemeral share as usual. A file key is still used for
# exactly one file; keys made ahead and never used are simply dropped.

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable

from .errors import AgeError
from .format import Stanza
from .plugin import PluginRecipient, wrap_many
from .pluginio import UI
from .primitives import FILE_KEY_SIZE
from .scrypt import ScryptRecipient

__all__ = ["Batch"]


class Batch:
    """The recipients of many files; pass it to :func:`cocctl.age.encrypt` as the recipients.

    Args:
        recipients: parsed recipients (any type but scrypt).
        ahead: how many file keys each plugin run wraps; a run is made again
            when they are used up.
        ui: how plugins talk to the user.
    """

    def __init__(self, recipients: Iterable[object], *, ahead: int = 16, ui: UI | None = None) -> None:
        """Raises:
            AgeError: no recipient, or an scrypt recipient (its stanza must be alone).
        """
        recipients = list(recipients)
        if not recipients:
            raise AgeError("no recipients specified")
        if any(isinstance(r, ScryptRecipient) for r in recipients):
            raise AgeError("an scrypt recipient must be the only recipient of a file")
        self._plugins = [r for r in recipients if isinstance(r, PluginRecipient)]
        self._others = [r for r in recipients if not isinstance(r, PluginRecipient)]
        self._ready: deque[tuple[bytes, list[Stanza]]] = deque()
        self.ahead = max(1, ahead)
        self._ui = ui

    def take(self) -> tuple[bytes, list[Stanza]]:
        """A fresh file key and its stanzas for every recipient (never handed out twice).

        Raises:
            PluginError: a plugin is missing or failed.
        """
        if not self._plugins:
            file_key, stanzas = os.urandom(FILE_KEY_SIZE), []
        else:
            if not self._ready:
                keys = [os.urandom(FILE_KEY_SIZE) for _ in range(self.ahead)]
                self._ready.extend(zip(keys, wrap_many(self._plugins, keys, self._ui)))
            file_key, stanzas = self._ready.popleft()
        return file_key, [s for r in self._others for s in r.wrap(file_key)] + stanzas
