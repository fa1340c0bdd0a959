"""Who I am in a command: my identity, the member (or a case's mediator) it is, and my signing key."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from cocctl.archive import blind, keys, signing
from cocctl.archive.roster import Member, Roster, is_unsigned
from cocctl.errors import AccessDenied, ConflictError, IdentityError, UsageError


class Identity:
    """The identity half of a :class:`~cocctl.service.workspace.Workspace` (it provides session, archive, roster)."""

    session: Any
    archive: Any
    roster: Roster
    # The outside actor (a mediator) I act as, and their one case (service/mediator.py).
    guest: Member | None = None
    guest_case: str | None = None

    @cached_property
    def identities(self) -> list[Any]:
        """My age identities (loaded once per command: a passphrase is asked once)."""
        path = keys.resolve_path(self.session.identity)
        if path not in self.session.loaded:
            self.session.loaded[path] = keys.load(path, self.session.ask_passphrase, tell=self.session.tell)
        return self.session.loaded[path]

    @cached_property
    def me(self) -> Member:
        """The active member my identity belongs to.

        Raises:
            AccessDenied: the identity is no active member's.
        """
        for recipient in keys.recipients_of(self.identities):
            member = self.roster.find_recipient(recipient)
            if member is not None:
                return member
        if self.guest is not None:
            return self.guest
        mine = ", ".join(keys.recipients_of(self.identities)) or "no X25519 key"
        if left := [m for m in self.roster.members if m.left and m.recipient in keys.recipients_of(self.identities)]:
            raise AccessDenied(f"your identity is {left[0].handle}'s, who left the committee on {left[0].left[:10]}; "
                               "a member can add you again with 'cocctl member add'")
        from cocctl.service.mediator import cases_of

        if mediated := cases_of(self):  # type: ignore[arg-type]
            raise AccessDenied(f"your identity is the mediator of case {', '.join(mediated)} only: it acts on that "
                               "case alone, and never recuses, grants, revokes or changes the roster")
        raise AccessDenied(
            f"your identity ({mine}) is not an active member of this archive; "
            "send a member the line 'cocctl whoami --public' prints and ask them to run 'cocctl member add'"
        )

    @cached_property
    def signer(self) -> signing.SigningKey:
        """My signing key, checked against the roster.

        Raises:
            IdentityError: my identity has no key to derive one from, or the
                roster records another signing key for me.
            ConflictError: the archive is still version 1 (unsigned roster).
        """
        key = keys.signing_key(self.identities)
        me = self.me
        if is_unsigned(self.roster):
            raise ConflictError("this archive is still format 1 (no signed roster); run 'cocctl upgrade' first")
        if me.signing is None:
            raise IdentityError(
                f"the roster has no signing key for {me.handle}; send a member the line 'cocctl whoami --public' "
                f"prints and ask them to run 'cocctl member rotate-key {me.handle} --key \"...\"'"
            )
        if me.signing != key.public:
            raise IdentityError(
                f"your identity's signing key is not the one the roster records for {me.handle}; "
                "use the identity you joined with, or ask a member to run 'cocctl member rotate-key'"
            )
        return key

    @cached_property
    def index_key(self) -> bytes | None:
        """The archive's blinded-index key, when it has one and I can open it."""
        handle = None
        try:
            handle = self.me.handle
        except AccessDenied:
            pass
        return blind.read_key(self.archive.root, self.identities, handle)

    def bind(self, case_id: str) -> None:
        """Act as the outside actor a member granted on ``case_id`` if my identity is no member's."""
        from cocctl.service import mediator

        mediator.bind(self, case_id)

    def require_member(self, handle: str) -> Member:
        """Return the active member ``handle``.

        Raises:
            UsageError: no active member has that handle.
        """
        for member in self.roster.active:
            if member.handle == handle:
                return member
        raise UsageError(f"{handle!r} is not an active committee member; see 'cocctl member list'")


