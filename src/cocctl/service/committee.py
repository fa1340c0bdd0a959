"""The committee: members joining, leaving, changing keys (every case re-sealed to match), and its own rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cocctl.archive import blind, casefile, history, signing
from cocctl.archive import config as config_file
from cocctl.archive import roster as roster_file
from cocctl.archive.casefile import CaseFile
from cocctl.archive.roster import Entry, Member, Roster
from cocctl.clock import format_time, parse_time
from cocctl.errors import AccessDenied, ConflictError, UsageError
from cocctl.model import events as ev
from cocctl.policy import committee as rules
from cocctl.service.workspace import Session, Workspace, signing_required

HANDLE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,38}\Z")
AGE_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}\Z")

# What the CHAOSS process asks when a member leaves, beyond the archive.
OFFBOARDING_CHECKLIST = (
    "remove them from the committee's mailing lists and aliases",
    "remove them from private channels (Slack, Matrix, Discord) the committee uses",
    "remove their access to report documents and the status spreadsheet, if any remain outside cocctl",
    "remove their access to event registration data",
    "tell the community who is on the committee now",
)


@dataclass(frozen=True)
class PublicKeys:
    """What a member sends the committee to join: age recipient and signing key."""

    recipient: str
    signing: str


@dataclass(frozen=True)
class RosterChange:
    """The outcome of a roster change or a rekey.

    Attributes:
        member: the member changed (None for a rekey).
        commit: the commit made ("" when nothing changed).
        reencrypted: cases re-sealed to their new readers.
        unreadable: cases I cannot read that a reader must re-seal, with who can.
    """

    member: Member | None
    commit: str
    reencrypted: tuple[str, ...]
    unreadable: tuple[tuple[str, tuple[str, ...]], ...]
    checklist: tuple[str, ...] = ()


def check_handle(handle: str) -> None:
    """Refuse a handle that is not lowercase letters, digits, '.', '_' or '-' (newlines included).

    Raises:
        UsageError: malformed handle.
    """
    if not HANDLE_PATTERN.match(handle):
        raise UsageError(
            f"{handle!r} is not a valid handle; use lowercase letters, digits, '.', '_' or '-' (at most 39)"
        )


def parse_public(text: str) -> PublicKeys:
    """Parse the line ``cocctl keygen`` writes to ``KEY.pub``: ``age1... ed25519:...`` (a trailing comment is fine).

    Raises:
        UsageError: it is not such a line.
    """
    words = text.split("#", 1)[0].split()
    recipient = next((w for w in words if w.startswith("age1")), "")
    key = next((w for w in words if w.startswith(signing.PUBLIC_PREFIX)), "")
    if not AGE_RECIPIENT.match(recipient) or not key:
        raise UsageError("not a member key line (age1... ed25519:...); ask for the KEY.pub file 'cocctl keygen' wrote")
    return PublicKeys(recipient, signing.check_public(key))


def read_public(key: str) -> PublicKeys:
    """The keys in ``key``: the line ``cocctl keygen`` printed, or the path of the KEY.pub file holding it.

    Raises:
        UsageError: unreadable file, or not such a line.
    """
    if key.lstrip().startswith("age1"):
        return parse_public(key)
    try:
        with Path(key).expanduser().open("rb") as stream:
            text = stream.read(4096).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"cannot read the key file {key}; pass the KEY.pub path or its line") from None
    return parse_public(text)


def list_members(session: Session) -> tuple[Member, ...]:
    """Every member, past and present; no key is needed."""
    return Workspace(session).archive.roster.members


def add_member(session: Session, handle: str, keys: PublicKeys, *, name: str | None = None,
               email: str | None = None, roles: Sequence[str] = (), employer: str | None = None) -> RosterChange:
    """Add a member and re-seal the cases they may now read, in one signed commit.

    Args:
        keys: their public keys (the KEY.pub line).
        employer: for the no-majority-from-one-employer rule.

    Raises:
        UsageError: malformed handle.
        ConflictError: the handle or key is already on the roster.
    """
    check_handle(handle)
    work = Workspace(session)
    roster = work.archive.roster
    if roster.find(handle) is not None:
        raise ConflictError(
            f"{handle} is already on the roster (past members keep their handle); "
            f"to give them a new key use 'cocctl member rotate-key {handle}'"
        )
    if roster.find_recipient(keys.recipient):
        raise ConflictError("that age recipient already belongs to an active member")
    fields: dict[str, Any] = {"handle": handle, "recipient": keys.recipient, "signing": keys.signing}
    fields.update({key: value for key, value in (("name", name), ("email", email), ("employer", employer)) if value})
    if roles:
        fields["roles"] = list(roles)
    entry = _entry(work, roster_file.ADD, member=fields)
    return _change(work, [entry], handle, "member-add", f"Add member {handle}")


def remove_member(session: Session, handle: str) -> RosterChange:
    """Off-board a member: they leave the roster and every case I can read is re-sealed without them.

    Cases I cannot read are marked for a reader's re-seal and listed.

    Raises:
        UsageError: not an active member, or the last one.
        ConflictError: they are the only reader of some case (listed).
    """
    work = Workspace(session)
    work.require_member(handle)
    roster = work.archive.roster
    if len(roster.active) == 1:
        raise UsageError("cannot remove the last active member; add their successor first")
    stranded = []
    for case_id in work.archive.case_ids():
        found = work.archive.read_case(case_id)
        if found.readers == (handle,) and not found.guests:
            stranded.append(case_id)
    if stranded:
        raise ConflictError(
            f"{handle} is the only reader of {len(stranded)} case(s) ({', '.join(stranded[:5])}); "
            "have them grant another member access first ('cocctl grant CASE --member ...')"
        )
    entry = _entry(work, roster_file.REMOVE, member={"handle": handle})
    change = _change(work, [entry], handle, "member-remove", f"Remove member {handle}")
    return replace(change, checklist=OFFBOARDING_CHECKLIST)


def rotate_key(session: Session, handle: str, keys: PublicKeys) -> RosterChange:
    """Give a member a new recipient and signing key; their clearances, ownership and votes stay.

    Raises:
        UsageError: not an active member.
        ConflictError: the key is someone else's, or already theirs.
    """
    work = Workspace(session)
    member = work.require_member(handle)
    if (member.recipient, member.signing) == (keys.recipient, keys.signing):
        raise ConflictError(f"{handle} already has that key; nothing changed")
    other = work.archive.roster.find_recipient(keys.recipient)
    if other is not None and other.handle != handle:
        raise ConflictError("that age recipient already belongs to another active member")
    entry = _entry(work, roster_file.ROTATE,
                   member={"handle": handle, "recipient": keys.recipient, "signing": keys.signing})
    return _change(work, [entry], handle, "member-rotate-key", f"Rotate the key of member {handle}")


def update_member(session: Session, handle: str, fields: dict[str, Any], action: str, subject: str) -> str:
    """Record a signed change of a member's details (roles, contact, confirmation); return the commit.

    A member's confirmation that they want to continue serving is theirs to
    give: ``confirmed`` may only be set by the member themself.

    Raises:
        AccessDenied: confirming for someone else.
    """
    work = Workspace(session)
    work.require_member(handle)
    if fields.get("confirmed") and work.me.handle != handle:
        raise AccessDenied(f"only {handle} can confirm that they want to continue serving; ask them to run it")
    entry = _entry(work, roster_file.UPDATE, member={"handle": handle, **fields})
    return _change(work, [entry], handle, action, subject).commit


def sign_config(session: Session) -> str:
    """Adopt the cocctl.yaml in the work tree with a signed settings change; return the commit.

    Raises:
        IntegrityError: cocctl.yaml is not valid.
        ConflictError: it already is the signed version.
    """
    work = Workspace(session)
    path = work.archive.root / config_file.FILE_NAME
    data = path.read_bytes()
    config_file.loads(data)
    if roster_file.config_hash(data) == work.archive.roster.config:
        raise ConflictError("cocctl.yaml already is the version the committee signed; nothing changed")
    work.signer  # noqa: B018
    with work.archive.locked():
        work.archive.ensure_trusted(adopt=(config_file.FILE_NAME,))
        entry = _entry(work, roster_file.CONFIG, config=roster_file.config_hash(data))
        roster = work.archive.roster.with_entry(entry)
        # Whether this commit must be signed is the settings' in force, not the new ones'.
        before = history.show(work.archive.git, "HEAD", config_file.FILE_NAME)
        sign = signing_required(before) if before is not None else False
        return work.archive.commit(
            {roster_file.FILE_NAME: roster_file.dumps(roster), config_file.FILE_NAME: data},
            "Change the committee's settings", work.trailers("policy-sign"), work.now,
            adopt=(config_file.FILE_NAME,), sign=sign,
        )


def rekey(session: Session, check: bool = False) -> RosterChange:
    """Re-seal every case whose seals are not encrypted to exactly its readers.

    Args:
        check: only report; commit nothing.

    Returns:
        The change; with ``check``, ``reencrypted`` lists the cases that
        need it and ``commit`` is "".
    """
    work = Workspace(session)
    if check:
        plan = _plan(work, work.archive.roster, apply=False)
        return RosterChange(None, "", plan.reencrypted, plan.unreadable)
    return _change(work, [], None, "rekey", "Re-seal cases to their readers")


@dataclass(frozen=True)
class RosterCheck:
    """What ``cocctl roster check`` shows; ``broken`` is True when a rule is broken."""

    now: str
    on_watch: tuple[str, ...]
    findings: tuple[Any, ...]

    @property
    def broken(self) -> bool:
        """Whether any rule is broken."""
        return any(finding.broken for finding in self.findings)


def roster_check(session: Session, at: str | None = None) -> RosterCheck:
    """Check the committee's own rules from committee.yaml and the policy; no key is needed.

    Raises:
        UsageError: a bad ``--at`` time or roster setting.
    """
    work = Workspace(session)
    now = parse_time(at, what="--at") if at else work.now
    settings = rules.settings(work.policy)
    active = work.archive.roster.active
    watch = rules.on_watch([m.handle for m in active], now, int(settings.get("watch") or 0))
    return RosterCheck(format_time(now), watch, tuple(rules.check(active, now, settings)))


def rotation(session: Session, at: str | None = None, weeks: int = 4) -> list[tuple[str, tuple[str, ...]]]:
    """Who is on triage watch this week and the next ``weeks - 1`` weeks; no key is needed.

    Raises:
        UsageError: ``weeks`` below 1, or a bad ``--at`` time.
    """
    if weeks < 1:
        raise UsageError("--weeks must be at least 1")
    work = Workspace(session)
    now = parse_time(at, what="--at") if at else work.now
    size = int(rules.settings(work.policy).get("watch") or 2)
    return rules.rotation([m.handle for m in work.archive.roster.active], now, weeks, size)


def confirm_member(session: Session, handle: str) -> str:
    """Record that ``handle`` wants to continue serving (the six-monthly question), as a signed roster change.

    Raises:
        UsageError: ``handle`` is not an active member.
        AccessDenied: someone other than ``handle`` tries to confirm for them.
    """
    return update_member(session, handle, {"confirmed": True}, "member-confirm",
                         f"Confirm that {handle} continues on the committee")


def _entry(work: Workspace, change: str, **fields: Any) -> Entry:
    roster = work.archive.roster
    millis = int(work.now.timestamp() * 1000)
    if roster.entries:
        millis = max(millis, ev.event_id_millis(roster.entries[-1].id) + 1)
    at = max(format_time(work.now), roster.entries[-1].at if roster.entries else "")
    entry = Entry(ev.new_event_id(millis), at, work.me.handle, roster.head, change, **fields)
    return roster_file.sign_entry(work.signer, entry)


def _change(work: Workspace, entries: list[Entry], handle: str | None, action: str, subject: str) -> RosterChange:
    """Append ``entries`` to the roster and re-seal every case the change affects, as one commit."""
    work.signer  # only members with a valid key change the roster  # noqa: B018
    archive = work.archive
    with archive.locked():
        archive.ensure_trusted()
        before = archive.roster
        roster = before
        for entry in entries:
            roster = roster.with_entry(entry)
        plan = _plan(work, roster, apply=True)
        changes: dict[str, bytes | None] = dict(plan.files)
        if entries:
            changes[roster_file.FILE_NAME] = roster_file.dumps(roster)
        changes.update(blind.key_files(archive.root, work.index_key, before, roster))
        commit = ""
        if changes:
            commit = archive.commit(changes, subject, work.trailers(action), work.now, sign=work.must_sign)
    member = roster.find(handle) if handle else None
    return RosterChange(member, commit, plan.reencrypted, plan.unreadable)


@dataclass(frozen=True)
class _Plan:
    """The cases a roster needs re-sealed: new bytes of those I can read, and the others with who can."""

    files: tuple[tuple[str, bytes], ...]
    reencrypted: tuple[str, ...]
    unreadable: tuple[tuple[str, tuple[str, ...]], ...]


def _plan(work: Workspace, roster: Roster, apply: bool) -> _Plan:
    """Which cases need re-sealing under ``roster``, and (with ``apply``) their new bytes."""
    archive = work.archive
    active = {m.handle for m in roster.active}
    before = archive.roster
    files, reencrypted, unreadable = [], [], []
    for case_id in archive.case_ids():
        path = archive.case_relpath(case_id)
        found = archive.read_case(case_id)
        try:
            loaded = work.open_file(found, path)
        except (AccessDenied, ConflictError):
            if found.reseal or _may_need(found, before, roster, work.policy["access"]):
                unreadable.append((case_id, tuple(h for h in found.fixers if h in active)))
                if apply and not found.reseal and found.version == 2:
                    files.append((path, casefile.dumps(replace(found, reseal=True))))
            continue
        meta = work.metadata(loaded.state, found, roster)
        current = found.version == 2 and not found.reseal and found.sealed_to(meta.readers, meta.guests)
        if not current or (found.readers, found.guests, found.people) != (meta.readers, meta.guests, meta.people):
            reencrypted.append(case_id)
            if apply:
                files.append((path, work.seal(loaded, (), roster)[1]))
    return _Plan(tuple(files), tuple(reencrypted), tuple(unreadable))


def _may_need(found: CaseFile, before: Roster, after: Roster, access: str) -> bool:
    """Whether a case I cannot read may have other readers under ``after`` than under ``before``."""
    readers = set(found.readers).union(*(seal.readers for seal in found.seals))
    for member in after.members:
        old = before.find(member.handle)
        if old is None:
            if member.active and access == "committee":
                return True
        elif member.handle in readers and (not member.active or old.recipient != member.recipient):
            return True
    return any(h not in {m.handle for m in after.active} for h in readers)
