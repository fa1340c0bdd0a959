"""One run of each age plugin per action: a hardware key asks for its PIN or a touch once, not once per file."""

# An age plugin (a YubiKey, a FIDO2 key) is a process per run, and each run
# may ask the user; both of its state machines take many files at once. So
# an action reads the case files it will touch first, has my plugin identity
# unwrap all their seals in one run (prefetch), and has members' plugin
# recipients wrap as many file keys as it may need in one run (a Batch per
# set of recipients). Without a plugin identity or recipient this costs nothing.

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cocctl.archive import blind
from cocctl.archive.casefile import CaseFile
from cocctl.errors import AccessDenied, IdentityError


class PluginRuns:
    """The plugin runs of one Workspace: file keys unwrapped ahead, and batches of wrapped ones."""

    def __init__(self, work: Any) -> None:
        """Args:
            work: the command's workspace (its identities, member handle, archive and session).
        """
        self.work = work
        # How many files the action may encrypt: each plugin run wraps that many keys.
        self.expected = 8
        self._batches: dict[tuple[str, ...], Any] = {}

    def prepare(self, files: Sequence[CaseFile]) -> None:
        """Before acting on many cases: one run of each plugin for all of them, both ways."""
        self.expected = max(8, sum(len(f.seals) + 1 for f in files))
        self.prefetch(files)

    def prepare_archive(self) -> None:
        """Before reading every case I can: one run of my plugin for all of them (nothing without a plugin identity)."""
        from cocctl import age

        work = self.work
        try:
            plugin = any(isinstance(identity, age.PluginIdentity) for identity in work.identities)
        except IdentityError:
            return  # no key here (key-less checks): the action itself says what it can do without one
        if plugin:
            self.prepare([work.archive.read_case(case_id) for case_id in work.archive.case_ids()])

    def prefetch(self, files: Sequence[CaseFile]) -> None:
        """Unwrap ahead, in one run of each plugin, the seals of ``files`` addressed to me and my index key.

        Does nothing unless my identity is a plugin's, or when all were unwrapped already.

        Raises:
            IdentityError: the plugin is missing or failed.
        """
        from cocctl import age

        work = self.work
        if not any(isinstance(identity, age.PluginIdentity) for identity in work.identities):
            return
        try:
            handle: str | None = work.me.handle
        except AccessDenied:
            handle = None
        sealed = [seal.age.encode("ascii") for found in files for seal in found.seals
                  if handle is None or handle in seal.readers]
        sealed += [found.payload.encode("ascii") for found in files if found.version == 1 and found.payload]
        index = work.archive.root / blind.member_file(handle) if handle else None
        if index is not None and index.is_file():
            sealed.append(index.read_bytes())
        try:
            age.unwrap_ahead(sealed, work.identities)
        except age.PluginError as error:
            raise IdentityError(f"{error}; nothing was changed") from None

    def encrypt_to(self, recipients: list[str]) -> Any:
        """What to encrypt to: ``recipients`` as they are, or (with a plugin recipient) this action's batch for them."""
        from cocctl import age
        from cocctl.archive import pluginkeys

        # A plugin recipient is age1NAME1...: its Bech32 separator comes after "age1".
        if not any(recipient.startswith("age1") and recipient.rfind("1") > 3 for recipient in recipients):
            return recipients
        key = tuple(recipients)
        if key not in self._batches:
            session = self.work.session
            self._batches[key] = age.Batch([age.parse_recipient(r) for r in recipients], ahead=self.expected,
                                           ui=pluginkeys.ui(session.ask_passphrase, session.tell))
        return self._batches[key]
