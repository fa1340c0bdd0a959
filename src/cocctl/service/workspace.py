"""What every action needs: the archive, my identity, the policy, and case I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from cocctl import clock, keys
from cocctl.archive import casefile
from cocctl.archive import envelope as envelope_file
from cocctl.archive.envelope import Envelope
from cocctl.archive.git import TRAILER_ACTION, TRAILER_ACTOR, TRAILER_CASE
from cocctl.archive.repo import Archive
from cocctl.archive.roster import Member, Roster
from cocctl.errors import AccessDenied, ConflictError, UsageError
from cocctl.model import events as ev
from cocctl.model.events import Event
from cocctl.model.fold import fold
from cocctl.model.state import CaseState
from cocctl.policy import presets
from cocctl.policy.access import case_readers
from cocctl.policy.deadlines import envelope_due
from cocctl.service import blind


@dataclass(frozen=True)
class Session:
    """How the user invoked cocctl: which archive and identity, how to ask."""

    archive: Path | None = None
    identity: Path | None = None
    ask_passphrase: keys.PassphrasePrompt | None = None


@dataclass(frozen=True)
class LoadedCase:
    """A case as read from disk: its envelope, log and folded state."""

    envelope: Envelope
    events: tuple[Event, ...]
    state: CaseState


@dataclass(frozen=True)
class CaseChange:
    """The outcome of an action on a case; ``commit`` is None when nothing changed."""

    case: str
    state: CaseState
    commit: str | None
    added: tuple[Event, ...] = field(default=())


class Workspace:
    """The archive, identity and clock of one command, loaded on demand."""

    def __init__(self, session: Session, now: datetime | None = None) -> None:
        self.session = session
        self.now = now or clock.now()

    @cached_property
    def archive(self) -> Archive:
        """The archive this command works on."""
        return Archive.find(self.session.archive)

    @cached_property
    def identities(self) -> list[Any]:
        """My age identities."""
        return keys.load(keys.resolve_path(self.session.identity), self.session.ask_passphrase)

    @cached_property
    def me(self) -> Member:
        """The active member my identity belongs to.

        Raises:
            AccessDenied: the identity is no active member's.
        """
        for recipient in keys.recipients_of(self.identities):
            member = self.archive.roster.find_recipient(recipient)
            if member is not None:
                return member
        mine = ", ".join(keys.recipients_of(self.identities)) or "no X25519 key"
        raise AccessDenied(
            f"your identity ({mine}) is not an active member of this archive; "
            "ask a member to run 'cocctl member add' for you"
        )

    @cached_property
    def policy(self) -> dict[str, Any]:
        """The policy in force (preset plus the archive's overrides)."""
        config = self.archive.config
        return presets.effective(config.preset, config.policy)

    @cached_property
    def index_key(self) -> bytes | None:
        """The archive's blinded-index key, when it has one and I can open it."""
        return blind.read_key(self.archive.root, self.identities)

    def load_case(self, case_id: str) -> LoadedCase:
        """Read, decrypt and fold one case.

        Raises:
            NotFound, AccessDenied, IntegrityError: see the archive and casefile layers.
        """
        envelope = self.archive.read_envelope(case_id)
        document = casefile.unseal(envelope, self.identities, name=self.archive.case_relpath(case_id))
        events = tuple(Event.from_dict(raw) for raw in document["events"])
        return LoadedCase(envelope, events, fold(events))

    def new_events(self, previous: Sequence[Event], changes: Sequence[tuple[str, dict[str, Any]]]) -> list[Event]:
        """Turn (type, data) pairs into events by me, after ``previous`` in time and id."""
        at = clock.format_time(self.now)
        millis = int(self.now.timestamp() * 1000)
        if previous:
            # Never before the last event, so the log's order is its history
            # even when COCCTL_NOW is moved back.
            at = max(at, previous[-1].at)
            millis = max(millis, max(ev.event_id_millis(e.id) for e in previous) + 1)
        return [
            Event(ev.new_event_id(millis + index), at, self.me.handle, kind, data)
            for index, (kind, data) in enumerate(changes)
        ]

    def readers(self, state: CaseState, roster: Roster | None = None) -> tuple[str, ...]:
        """The member handles that must be able to read ``state``'s case.

        Args:
            roster: the roster to apply (default: the archive's current one).
        """
        active = [member.handle for member in (roster or self.archive.roster).active]
        return case_readers(self.policy["access"], active, state)

    def seal(self, events: Sequence[Event], roster: Roster | None = None) -> tuple[CaseState, bytes]:
        """Fold ``events`` and encrypt them to the readers; return state and file bytes.

        Raises:
            ConflictError: nobody would be left able to read the case.
        """
        roster = roster or self.archive.roster
        state = fold(events)
        readers = self.readers(state, roster)
        if not readers and not state.guests:
            raise ConflictError(
                f"nobody would be able to read case {state.id}; grant a member or a mediator access first"
            )
        recipients = [roster.get(handle).recipient for handle in readers]
        recipients += [guest.recipient for guest in state.guests]
        document = {
            "cocctl": 1,
            "case": state.id,
            "status": state.status,
            "opened": state.opened_at,
            "updated": state.updated_at,
            "events": [event.to_dict() for event in state.events],
        }
        envelope = Envelope(
            case=state.id,
            status=state.status,
            opened=state.opened_at,
            updated=state.updated_at,
            recipients=readers,
            payload=casefile.seal(document, recipients),
            guests=tuple(guest.name for guest in state.guests),
            # Kinds and times only, so key-less CI can run `cocctl due --check`.
            due=tuple(envelope_due(state, self.policy)),
            people=blind.tokens(self.index_key, state.reported),
        )
        return state, envelope_file.dumps(envelope)

    def commit_case(self, events: Sequence[Event], action: str, subject: str) -> tuple[CaseState, str]:
        """Seal ``events`` into the case file and commit it as one action."""
        state, data = self.seal(events)
        commit = self.archive.commit(
            {self.archive.case_relpath(state.id): data},
            subject,
            self.trailers(action, state.id),
            when=self.now,
        )
        return state, commit

    def trailers(self, action: str, case_id: str | None = None) -> dict[str, str]:
        """The Cocctl-* trailers of a commit made by me."""
        trailers = {TRAILER_ACTION: action}
        if case_id:
            trailers[TRAILER_CASE] = case_id
        trailers[TRAILER_ACTOR] = self.me.handle
        return trailers

    def change_case(
        self, case_id: str, action: str, subject: str, make: Any
    ) -> CaseChange:
        """Apply one action to a case under the archive lock: read, append, seal, commit.

        ``make(state)`` returns the (type, data) pairs to append; none means
        nothing changed, and then no commit is made.
        """
        self.me  # only active members write; fail before reading anything  # noqa: B018
        with self.archive.locked():
            loaded = self.load_case(case_id)
            changes = make(loaded.state)
            if not changes:
                return CaseChange(case_id, loaded.state, None)
            added = self.new_events(loaded.events, changes)
            state, commit = self.commit_case([*loaded.events, *added], action, subject)
            return CaseChange(case_id, state, commit, tuple(added))

    def require_member(self, handle: str) -> Member:
        """Return the active member ``handle``.

        Raises:
            UsageError: no active member has that handle.
        """
        for member in self.archive.roster.active:
            if member.handle == handle:
                return member
        raise UsageError(f"{handle!r} is not an active committee member; see 'cocctl member list'")
