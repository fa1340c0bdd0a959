"""What every action needs: the archive, my identity and signing key, the policy, and case I/O."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cocctl import clock
from cocctl.archive import actors, blind, casefile, keys
from cocctl.archive.actors import Actors
from cocctl.archive.casefile import CaseFile, Opened, Seal
from cocctl.archive.git import TRAILER_ACTION, TRAILER_ACTOR, TRAILER_CASE
from cocctl.archive.plugins import PluginRuns
from cocctl.archive.repo import JOURNAL_NAME, Archive
from cocctl.archive.roster import Roster
from cocctl.errors import AccessDenied, ConflictError, IntegrityError
from cocctl.model import events as ev
from cocctl.model.events import Event
from cocctl.model.fold import fold
from cocctl.model.state import CaseState
from cocctl.policy import reportable, settings
from cocctl.policy.access import case_readers
from cocctl.policy.deadlines import envelope_due
from cocctl.policy.retention import expunge_at
from cocctl.policy.sanctions import names as reported_names
from cocctl.service.document import check_document
from cocctl.service.identity import Identity
from cocctl.service.mediator import stalled
from cocctl.service.policy import policy_of


@dataclass(frozen=True)
class Session:
    """How the user invoked cocctl: which archive and identity, how to ask."""

    archive: Path | None = None
    identity: Path | None = None
    ask_passphrase: keys.PassphrasePrompt | None = None
    # The clock of this session's actions (default: COCCTL_NOW or the real one).
    now: datetime | None = None
    # How to show a plugin's messages to the user ("touch your key"); None: not shown.
    tell: Callable[[str], None] | None = None
    # Keep the summary cache ($XDG_CACHE_HOME); off for throw-away archives (the demo).
    cache: bool = True
    # Identities already loaded in this command, so a passphrase is asked once per command.
    loaded: dict[Path, list[Any]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class LoadedCase:
    """A case as read from disk: its file, log, folded state, and each seal's opened content."""

    file: CaseFile
    events: tuple[Event, ...]
    state: CaseState
    opened: dict[str, Opened] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class CaseChange:
    """The outcome of an action on a case; ``commit`` is None when nothing changed."""

    case: str
    state: CaseState
    commit: str | None
    added: tuple[Event, ...] = field(default=())


class Workspace(Identity):
    """The archive, identity and clock of one command, loaded on demand."""

    def __init__(self, session: Session, now: datetime | None = None, roster: Roster | None = None) -> None:
        """Args:
            roster: the roster to act under instead of the archive's (``upgrade`` seals
                under the signed roster it is about to commit).
        """
        self.session = session
        self.now = now or session.now or clock.now()
        if roster is not None:
            self.roster = roster
        # One run of each plugin per action, whatever the number of files.
        self.plugins = PluginRuns(self)

    @cached_property
    def archive(self) -> Archive:
        """The archive this command works on.

        A journal left by a writer that was killed before committing means
        the tree holds files HEAD does not: wait for the lock (a writer may
        still be at work), which puts them back, so no command reads a
        half-made change.
        """
        archive = Archive.find(self.session.archive)
        if (archive.git_dir / JOURNAL_NAME).exists():
            with archive.locked():
                pass
        return archive

    @cached_property
    def roster(self) -> Roster:
        """The committee roster in force."""
        return self.archive.roster

    @cached_property
    def policy(self) -> settings.Policy:
        """The policy in force (preset plus the archive's overrides), built once per version of cocctl.yaml.

        Raises:
            IntegrityError: cocctl.yaml is not valid or names an unknown preset.
        """
        return policy_of(self.archive.config_bytes)

    # -- reading ----------------------------------------------------------------------------------

    def load_case(self, case_id: str) -> LoadedCase:
        """Read, check, decrypt and fold one case.

        Every seal's outer signature and author signature is checked against
        the roster, so an event can only be attributed to the member who
        signed it.

        Raises:
            NotFound: no such case.
            AccessDenied: I am not one of its readers.
            ConflictError: I am a reader, but some seal is not encrypted to me
                yet (a reader must re-seal the case).
            IntegrityError: corrupt, tampered with, or signed by someone else
                than it claims.
        """
        self.bind(case_id)
        found = self.archive.read_case(case_id)
        return self.open_file(found, self.archive.case_relpath(case_id))

    def open_file(self, found: CaseFile, name: str) -> LoadedCase:
        """Decrypt and check an already parsed case file (see :meth:`load_case`)."""
        self.plugins.prefetch([found])
        if found.version == 1:
            raw = casefile.open_payload(found, self.identities, name=name)
            events = tuple(Event.from_dict(item) for item in raw)
            return LoadedCase(found, events, fold(events))
        from cocctl.service import mediator

        roster, checker = self.roster, Actors(found, self.roster)
        opened: dict[str, Opened] = {}
        events: list[Event] = []
        for seal in found.seals:
            if not checker.seal_valid(found.case, seal):
                raise IntegrityError(f"{name}: seal {seal.id} is not signed by a member ({seal.signer}); it was forged "
                                     "or moved from another case: restore it with git and run 'cocctl verify'")
            try:
                content = casefile.open_seal(found.case, seal, self.identities, name=name)
            except AccessDenied:
                if not opened and seal is found.seals[0]:
                    if found.reseal and self.me.handle in found.readers:  # a reader, not re-sealed to yet
                        raise AccessDenied(
                            f"your identity cannot decrypt case {found.case}: you are not one of its recipients yet "
                            f"(a re-seal by one of {', '.join(found.fixers) or 'its readers'} is pending; if you were "
                            "just given access, it reaches you after their next 'cocctl sync')"
                        ) from None
                    raise
                raise ConflictError(
                    f"case {found.case} has a seal you cannot read yet; one of {', '.join(found.fixers) or 'its readers'} "
                    "must re-seal it ('cocctl rekey')"
                ) from None
            if not casefile.check_author(found.case, seal, content, checker.author_key(seal)):
                raise IntegrityError(f"{name}: seal {seal.id} is not signed by {seal.by}; restore it with git")
            opened[seal.id] = content
            events += (mine := [_event(item, name) for item in content.events])
            if not seal.imported:
                mediator.check_seal(name, seal, mine, (m.handle for m in roster.members))
        if len({e.id for e in events}) != len(events):
            raise IntegrityError(f"{name} holds an event id twice; restore it with git")
        ordered = tuple(sorted(events, key=ev.sort_key))
        state = fold(ordered)
        check_document(state, name)
        return LoadedCase(found, ordered, state, opened)

    # -- writing ----------------------------------------------------------------------------------

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
        active = [member.handle for member in (roster or self.roster).active]
        return case_readers(self.policy.access, active, state)

    def seal(self, loaded: LoadedCase | None, added: Sequence[Event], roster: Roster | None = None,
             rotated: frozenset[str] = frozenset(), seal_id: str | None = None) -> tuple[CaseState, bytes]:
        """Append ``added`` as one new seal by me and re-encrypt every seal whose readers changed.

        Args:
            loaded: the case as read (None for a new case).
            added: my new events (none: only re-encrypt, e.g. after a roster change).
            roster: the roster to encrypt to (default: the archive's).
            rotated: members whose key changed: their seals are re-encrypted too.
            seal_id: the new seal's id (default: :meth:`next_seal_id`); attachments are named after it.

        Returns:
            The new state and the case file's bytes.

        Raises:
            ConflictError: nobody would be left able to read the case.
        """
        roster = roster or self.roster
        key = self.signer
        state = fold([*(loaded.events if loaded else ()), *added])
        meta = self.metadata(state, loaded.file if loaded else None, roster)
        if not meta.readers and not state.guests:
            raise ConflictError(
                f"nobody would be able to read case {state.id}; grant a member or a mediator access first"
            )
        check_document(state, state.id, writing=True)
        recipients = [roster.get(handle).recipient for handle in meta.readers]
        recipients = self.plugins.encrypt_to(recipients + [guest.recipient for guest in state.guests])
        now = clock.format_time(self.now)
        seals: list[Seal] = []
        for old in loaded.file.seals if loaded else ():
            if old.readers == meta.readers and old.guests == meta.guests and rotated.isdisjoint(old.readers):
                seals.append(old)
            else:
                draft = replace(old, readers=meta.readers, guests=meta.guests, sealer=self.me.handle,
                                sealed=max(now, old.at))
                seals.append(casefile.encrypt(key, state.id, draft, loaded.opened[old.id].plaintext, recipients))
        if loaded is not None and loaded.file.version == 1:
            seals.append(self._imported(state.id, loaded.events, meta.readers, meta.guests, recipients))
        if added:
            from cocctl.service.mediator import granted_actors

            draft = Seal(seal_id or self.next_seal_id(seals), self.me.handle, added[-1].at, meta.readers, "", guests=meta.guests)
            draft = actors.vouched(key, state.id, draft, granted_actors(added))
            seals.append(casefile.seal(key, state.id, draft, [e.to_dict() for e in added], recipients))
        return state, casefile.dumps(replace(meta, seals=tuple(seals)))

    def next_seal_id(self, seals: Sequence[Seal]) -> str:  # sorts after every seal already in the file
        return ev.new_event_id(max([int(self.now.timestamp() * 1000), *(ev.event_id_millis(s.id) + 1 for s in seals)]))

    def metadata(self, state: CaseState, previous: CaseFile | None, roster: Roster | None = None) -> CaseFile:
        """The plaintext metadata a reader derives from ``state`` (a file with no seals yet).

        Args:
            previous: the file as it was, whose people tokens are kept when I
                cannot open the index key to compute them.
        """
        people = blind.tokens(self.index_key, reported_names(state))
        if self.index_key is None and previous is not None:
            people = previous.people
        return CaseFile(
            case=state.id, status=state.status, opened=state.opened_at, updated=state.updated_at,
            readers=self.readers(state, roster), guests=tuple(guest.name for guest in state.guests),
            # Kinds and times only, so key-less CI can run `cocctl due --check`.
            due=tuple(envelope_due(state, self.policy, stalled(self, state))), people=people,
            expunge=expunge_at(state, self.policy), report=reportable.facts(state),
        )

    def _imported(self, case_id: str, events: Sequence[Event], readers: tuple[str, ...], guests: tuple[str, ...],
                  recipients: Any) -> Seal:
        """A version-1 log as one seal I vouch for (its events predate signatures)."""
        at = clock.format_time(self.now)
        draft = Seal(ev.new_event_id(int(self.now.timestamp() * 1000)), self.me.handle, at, readers, "",
                     guests=guests, imported=True)
        return casefile.seal(self.signer, case_id, draft, [e.to_dict() for e in events], recipients)

    def commit_case(self, loaded: LoadedCase | None, added: Sequence[Event], action: str, subject: str,
                    files: Mapping[str, Path] = MappingProxyType({}), seal_id: str | None = None,
                    ) -> tuple[CaseState, str]:
        """Seal ``added`` into the case file and commit it as one action (``files``: new attachments' temporary
        files by path); attachments are re-encrypted with their seals."""
        relpath = self.archive.case_relpath(loaded.file.case if loaded else fold(added).id)
        self.archive.ensure_trusted(writing=[relpath])
        state, data = self.seal(loaded, added, seal_id=seal_id)
        changes: dict[str, bytes | Path] = {relpath: data, **files}
        try:
            if loaded is not None and loaded.state.attachments:  # else neither module is imported (~3 ms)
                from cocctl.service.evidence import resealed

                changes.update(resealed(self, loaded, state, data))
            commit = self.archive.commit(changes, subject, self.trailers(action, state.id),
                                         when=self.now, sign=self.policy.require_signed_commits)
        finally:
            if any(isinstance(item, Path) for item in changes.values()):
                from cocctl.archive import attachments

                attachments.discard(changes.values())
        return state, commit

    def trailers(self, action: str, case_id: str | None = None) -> dict[str, str]:
        """The Cocctl-* trailers of a commit made by me."""
        return {TRAILER_ACTION: action, **({TRAILER_CASE: case_id} if case_id else {}), TRAILER_ACTOR: self.me.handle}

    def change_case(
        self, case_id: str, action: str, subject: str,
        make: Callable[[CaseState], Sequence[tuple[str, dict[str, Any]]] | None],
    ) -> CaseChange:
        """Apply one action to a case under the archive lock: read, append, seal, commit.

        ``make(state)`` returns the (type, data) pairs to append; none means
        nothing changed, and then no commit is made.
        """
        from cocctl.service.mediator import refuse_member_only

        self.bind(case_id)
        self.signer  # only members (or the case's mediator) with a valid key write; fail before reading  # noqa: B018
        with self.archive.locked():
            loaded = self.load_case(case_id)
            changes = make(loaded.state)
            if not changes:
                return CaseChange(case_id, loaded.state, None)
            refuse_member_only(self, changes)
            added = self.new_events(loaded.events, changes)
            state, commit = self.commit_case(loaded, added, action, subject)
            return CaseChange(case_id, state, commit, tuple(added))

def _event(raw: dict[str, Any], name: str) -> Event:
    try:
        return Event.from_dict(raw)
    except (KeyError, TypeError):
        raise IntegrityError(f"{name} holds a malformed event; restore it with git") from None
