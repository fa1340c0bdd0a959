"""Plugin recipients (``age1NAME1...``) and identities (``AGE-PLUGIN-NAME-1...``): c2sp.org/age-plugin.

Each wrap or unwrap runs the plugin binary ``age-plugin-NAME`` from PATH
(the IPC is in pluginio.py). Both state machines take many files at once,
which is what lets a hardware key ask for its PIN or a touch once for a
whole batch: :func:`wrap_many` wraps many file keys in one run per plugin,
and :func:`unwrap_many` unwraps many files' keys in one run per plugin and
keeps them, so that decrypting those files afterwards starts no plugin.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from . import bech32
from .errors import HeaderError, KeyFormatError
from .format import Stanza, marshal_stanza
from .pluginio import UI, PluginError, PluginProcess

__all__ = ["PluginError", "PluginIdentity", "PluginRecipient", "UI", "unwrap_many", "wrap_many"]

RECIPIENT_PREFIX = "age1"
IDENTITY_PREFIX = "AGE-PLUGIN-"
# The spec allows any printable name; the name also becomes a file name on
# PATH, so this layer takes the conservative subset every known plugin uses.
NAME = re.compile(r"^[a-z0-9][a-z0-9._+-]{0,63}\Z")


def _name(text: str, prefix: str, suffix: str, what: str) -> str:
    """The plugin name in a recipient (lowercase, ``age1NAME1...``) or identity (uppercase) string.

    Raises:
        KeyFormatError: bad Bech32, the wrong case, or a bad name. An identity is never quoted.
    """
    try:
        hrp, _ = bech32.decode(text)
    except KeyFormatError as error:
        raise KeyFormatError(f"malformed plugin {what}: {error}") from None
    if text != (text.upper() if prefix == IDENTITY_PREFIX else text.lower()):
        raise KeyFormatError(f"malformed plugin {what}: it must be {'upper' if prefix == IDENTITY_PREFIX else 'lower'}case")
    name = hrp[len(prefix):len(hrp) - len(suffix)].lower()
    if not (hrp.startswith(prefix) and hrp.endswith(suffix)) or not NAME.match(name):
        raise KeyFormatError(f"malformed plugin {what}: bad plugin name (want letters, digits, '.', '_', '+' or '-')")
    return name


class PluginRecipient:
    """A recipient handled by a plugin; encrypting to it runs ``age-plugin-NAME``.

    ``str()`` gives the ``age1NAME1...`` string. Equal when the strings are.
    """

    __slots__ = ("_text", "name", "ui")

    def __init__(self, text: str, ui: UI | None = None) -> None:
        """Parse ``age1NAME1...``.

        Raises:
            KeyFormatError: not a lowercase Bech32 string with a plugin name.
        """
        self.name = _name(text, RECIPIENT_PREFIX, "", "recipient")
        self._text = text
        self.ui = ui

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Wrap one file key (one run of the plugin).

        Raises:
            PluginError: the plugin is missing or failed.
        """
        return wrap_many([self], [file_key], self.ui)[0]

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"PluginRecipient({self._text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PluginRecipient) and other._text == self._text

    def __hash__(self) -> int:
        return hash((PluginRecipient, self._text))


class PluginIdentity:
    """An identity handled by a plugin; decrypting with it runs ``age-plugin-NAME``.

    File keys found by :func:`unwrap_many` are kept (in memory, for the
    object's life), so a later :meth:`unwrap` of the same stanzas starts no
    plugin. ``recipient`` is the matching recipient when the caller knows it
    (a plugin identity does not encode it); ``repr()`` shows only the name.
    """

    __slots__ = ("_found", "_text", "name", "recipient", "ui")

    def __init__(self, text: str, ui: UI | None = None, recipient: PluginRecipient | None = None) -> None:
        """Parse ``AGE-PLUGIN-NAME-1...``.

        Raises:
            KeyFormatError: not an uppercase Bech32 string with a plugin name (never quoted).
        """
        self.name = _name(text, IDENTITY_PREFIX, "-", "identity")
        self._text = text
        self.ui = ui
        self.recipient = recipient
        # Kept results: a file key, None (not ours), or the plugin's message about a malformed stanza.
        self._found: dict[bytes, bytes | None | str] = {}

    def unwrap(self, stanzas: tuple[Stanza, ...] | list[Stanza]) -> bytes | None:
        """The file key of these stanzas: found earlier by :func:`unwrap_many`, or by one run of the plugin now.

        Raises:
            PluginError: the plugin is missing or failed.
            HeaderError: the plugin found a stanza meant for it malformed.
        """
        key = _digest(stanzas)
        if key not in self._found:
            unwrap_many([self], [stanzas], self.ui)
        found = self._found[key]
        if isinstance(found, str):
            # The plugin said a stanza meant for it is malformed: a broken file, not a mismatch.
            raise HeaderError(f"invalid stanza for plugin {self.name}: {found[:200]}")
        return found

    def knows(self, stanzas: tuple[Stanza, ...] | list[Stanza]) -> bool:
        """Whether :meth:`unwrap` of these stanzas is answered without running the plugin."""
        return _digest(stanzas) in self._found

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"PluginIdentity(name={self.name!r})"


def wrap_many(recipients: Sequence[PluginRecipient], file_keys: Sequence[bytes],
              ui: UI | None = None) -> list[list[Stanza]]:
    """Wrap each file key to every recipient, with one run (recipient-v1) per plugin.

    Returns:
        For each file key, in order, the stanzas of all recipients.

    Raises:
        PluginError: a plugin is missing, reports an error, or returns no stanza for a file.
    """
    stanzas: list[list[Stanza]] = [[] for _ in file_keys]
    for name, group in _by_name(recipients).items():
        got = _wrap_session(name, group, file_keys, ui or group[0].ui)
        for index, found in enumerate(got):
            stanzas[index] += found
    return stanzas


def _wrap_session(name: str, recipients: list[PluginRecipient], file_keys: Sequence[bytes],
                  ui: UI | None) -> list[list[Stanza]]:
    found: list[list[Stanza]] = [[] for _ in file_keys]
    with PluginProcess(name, "recipient-v1", ui) as plugin:
        for recipient in recipients:
            plugin.send("add-recipient", str(recipient))
        plugin.send_grease()
        for file_key in file_keys:
            plugin.send("wrap-file-key", body=file_key)
        plugin.send("done")
        errors = []
        while (command := plugin.receive()).type != "done":
            if command.type == "recipient-stanza":
                index = _index(plugin, command, len(file_keys))
                if len(command.args) < 2:
                    raise plugin.error("sent a malformed recipient-stanza")
                found[index].append(Stanza(command.args[1], command.args[2:], command.body))
                plugin.send("ok")
            elif command.type == "error":
                errors.append(command.body.decode("utf-8", "replace"))
                plugin.send("ok")
            elif command.type == "labels":
                plugin.send("ok")
            else:
                plugin.answer_ui(command)
        if errors:
            raise plugin.error(errors[0])
        if any(not stanzas or len(stanzas) > len(recipients) for stanzas in found):
            raise plugin.error("returned no stanza, or too many, for a file key")
    return found


def unwrap_many(identities: Sequence[PluginIdentity], headers: Sequence[Sequence[Stanza]],
                ui: UI | None = None) -> list[bytes | None]:
    """Unwrap the file key of each header, with one run (identity-v1) per plugin; keep what was found.

    Every identity keeps the results, so that :meth:`PluginIdentity.unwrap`
    of one of these headers afterwards starts no plugin.

    Returns:
        For each header, the file key, or None if no identity unwraps it
        (or a stanza meant for the plugin is malformed: unwrapping that
        header with :meth:`PluginIdentity.unwrap` then raises HeaderError).

    Raises:
        PluginError: a plugin is missing, or reports an error with an identity or in general.
    """
    results: list[bytes | None] = [None for _ in headers]
    invalid: dict[int, str] = {}
    for name, group in _by_name(identities).items():
        pending = [i for i, _ in enumerate(headers) if results[i] is None and i not in invalid]
        if not pending:
            break
        _unwrap_session(name, group, [headers[i] for i in pending], ui or group[0].ui, pending, results, invalid)
    for identity in identities:
        for index, stanzas in enumerate(headers):
            identity._found[_digest(stanzas)] = invalid.get(index, results[index])
    return results


def _unwrap_session(name: str, identities: list[PluginIdentity], headers: list[Sequence[Stanza]], ui: UI | None,
                    positions: list[int], results: list[bytes | None], invalid: dict[int, str]) -> None:
    with PluginProcess(name, "identity-v1", ui) as plugin:
        for identity in identities:
            plugin.send("add-identity", str(identity))
        plugin.send_grease()
        for index, stanzas in enumerate(headers):
            for stanza in stanzas:
                plugin.send("recipient-stanza", str(index), stanza.type, *stanza.args, body=stanza.body)
        plugin.send("done")
        errors = []
        while (command := plugin.receive()).type != "done":
            if command.type == "file-key":
                index = _index(plugin, command, len(headers))
                if len(command.args) != 1 or len(command.body) != 16:
                    raise plugin.error("sent a malformed file-key")
                if results[positions[index]] is None:
                    results[positions[index]] = command.body
                plugin.send("ok")
            elif command.type == "error":
                message = command.body.decode("utf-8", "replace")
                if command.args[:1] == ("stanza",) and len(command.args) >= 2 and command.args[1].isdigit():
                    if int(command.args[1]) < len(headers):
                        invalid[positions[int(command.args[1])]] = message
                else:
                    errors.append(message)
                plugin.send("ok")
            else:
                plugin.answer_ui(command)
        if errors:
            raise plugin.error(errors[0])


def _index(plugin: PluginProcess, command: Stanza, count: int) -> int:
    if not command.args or not command.args[0].isdigit() or int(command.args[0]) >= count:
        raise plugin.error(f"sent a {command.type} for a file it was not given")
    return int(command.args[0])


def _by_name(items: Sequence[PluginRecipient] | Sequence[PluginIdentity]) -> dict[str, list]:
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


def _digest(stanzas: Sequence[Stanza]) -> bytes:
    """What names a header's stanzas in the kept results."""
    return hashlib.sha256(b"".join(marshal_stanza(s) for s in stanzas)).digest()
