"""The committee: members joining, leaving, changing keys (every case re-sealed to match), and its own rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cocctl.archive import attachments, blind, casefile, history
from cocctl.archive import config as config_file
from cocctl.archive import roster as roster_file
from cocctl.archive.casefile import CaseFile
from cocctl.archive.roster import Entry, Member, Pending, Roster
from cocctl.clock import format_time
from cocctl.errors import AccessDenied, ConflictError, IntegrityError, NotFound, UsageError
from cocctl.model import events as ev
from cocctl.service import bulk
from cocctl.service.bulk import Progress, counted
from cocctl.service.evidence import resealed
from cocctl.service.keys import PublicKeys, check_handle
from cocctl.service.policy import policy_of, settings_fields
from cocctl.service.workspace import Session, Workspace

# What the CHAOSS process asks when a member leaves, beyond the archive.
OFFBOARDING_CHECKLIST = (
    "remove them from the committee's mailing lists and aliases",
    "remove them from private channels (Slack, Matrix, Discord) the committee uses",
    "remove their access to report documents and the status spreadsheet, if any remain outside cocctl",
    "remove their access to event registration data",
    "only then, with every access above revoked, email them: 'cocctl member notice HANDLE' drafts it",
    "tell the community who is on the committee now",
)


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
    pending: Pending | None = None


def list_members(session: Session) -> Roster:
    """The roster: every member, past and present, and removals waiting for approvals; no key is needed."""
    return Workspace(session).archive.roster


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


def remove_member(session: Session, handle: str, progress: Progress | None = None) -> RosterChange:
    """Off-board a member: they leave the roster and every case I can read is re-sealed without them.

    Cases I cannot read are marked for a reader's re-seal and listed. Where
    the policy puts removals to a vote (``member_removal: majority``), the
    signed removal waits for a majority of all members: ``pending`` says
    how many have signed; others run :func:`approve_removal`.

    Raises:
        UsageError: not an active member, or the last one.
        ConflictError: they are the only reader of some case (listed), or
            their removal is already waiting for approvals.
    """
    work = Workspace(session)
    work.require_member(handle)
    roster = work.archive.roster
    if len(roster.active) == 1:
        raise UsageError("cannot remove the last active member; add their successor first")
    waiting = roster.pending_removal(handle)
    if waiting is not None:
        raise ConflictError(f"the removal of {handle} is already waiting for approvals "
                            f"({len(waiting.approvals)} of {waiting.needs}); others run 'cocctl member approve {handle}'")
    entry = _entry(work, roster_file.REMOVE, member={"handle": handle})
    pending = roster.with_entry(entry).pending_removal(handle)
    if pending is None:
        _refuse_stranding(work, handle)
        action, subject = "member-remove", f"Remove member {handle}"
    else:
        action, subject = "member-propose-removal", f"Propose removing member {handle}"
    change = _change(work, [entry], handle, action, subject, progress)
    return replace(change, checklist=() if change.pending else OFFBOARDING_CHECKLIST)


def approve_removal(session: Session, handle: str, progress: Progress | None = None) -> RosterChange:
    """Sign a removal waiting for the majority; the signature that makes it takes effect off-boards them.

    Raises:
        NotFound: no removal of ``handle`` is waiting.
        ConflictError: I signed it already, or it would strand a case.
    """
    work = Workspace(session)
    pending = work.archive.roster.pending_removal(handle)
    if pending is None:
        raise NotFound(f"no removal of {handle!r} is waiting for approvals; see 'cocctl member list'")
    if work.me.handle in pending.approvals:
        raise ConflictError(f"you already signed the removal of {handle} "
                            f"({len(pending.approvals)} of {pending.needs} signatures)")
    if len(pending.approvals) + 1 >= pending.needs:
        _refuse_stranding(work, handle)
    entry = _entry(work, roster_file.APPROVE, approves=pending.id)
    change = _change(work, [entry], handle, "member-approve", f"Approve removing member {handle}", progress)
    return replace(change, checklist=() if change.pending else OFFBOARDING_CHECKLIST)


def _refuse_stranding(work: Workspace, handle: str) -> None:
    """Refuse to remove the only reader of a case (read from the summary cache: no case parsed twice)."""
    cases = bulk.reader(work)
    ids = work.archive.case_ids()
    cases.build(ids)
    stranded = [case_id for case_id in ids
                if (found := cases.envelope(case_id)).readers == (handle,) and not found.guests]
    cases.save()
    if stranded:
        raise ConflictError(
            f"{handle} is the only reader of {len(stranded)} case(s) ({', '.join(stranded[:5])}); "
            "have them grant another member access first ('cocctl grant CASE --member ...')"
        )


def rotate_key(session: Session, handle: str, keys: PublicKeys, progress: Progress | None = None) -> RosterChange:
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
    return _change(work, [entry], handle, "member-rotate-key", f"Rotate the key of member {handle}", progress)


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
        IntegrityError: cocctl.yaml is not valid, or a setting in it is not.
        ConflictError: it already is the signed version.
    """
    work = Workspace(session)
    path = work.archive.root / config_file.FILE_NAME
    data = path.read_bytes()
    policy_of(data)  # every setting must build before the committee signs it
    if roster_file.config_hash(data) == work.archive.roster.config:
        raise ConflictError("cocctl.yaml already is the version the committee signed; nothing changed")
    work.signer  # noqa: B018
    with work.archive.locked():
        work.archive.ensure_trusted(adopt=(config_file.FILE_NAME,))
        entry = _entry(work, roster_file.CONFIG, **settings_fields(data))
        roster = work.archive.roster.with_entry(entry)
        # Whether this commit must be signed is the settings' in force, not the new ones'.
        before = history.show(work.archive.git, "HEAD", config_file.FILE_NAME)
        sign = _signing_required(before)
        return work.archive.commit(
            {roster_file.FILE_NAME: roster_file.dumps(roster), config_file.FILE_NAME: data},
            "Change the committee's settings", work.trailers("policy-sign"), work.now,
            adopt=(config_file.FILE_NAME,), sign=sign,
        )


def _signing_required(config: bytes | None) -> bool:
    """Whether the committed settings ``config`` (None: none yet) require signed commits.

    Settings that cannot be read count as requiring them: an unreadable
    policy never switches signing off.
    """
    if config is None:
        return False
    try:
        return policy_of(config).require_signed_commits
    except IntegrityError:
        return True


def rekey(session: Session, check: bool = False, progress: Progress | None = None) -> RosterChange:
    """Re-seal every case whose seals are not encrypted to exactly its readers.

    Args:
        check: only report; commit nothing.

    Returns:
        The change; with ``check``, ``reencrypted`` lists the cases that
        need it and ``commit`` is "".
    """
    from cocctl.service import mediator

    work = Workspace(session)
    if mediator.mediates_only(work):  # a mediator re-seals the cases they mediate, nothing else
        resealed = mediator.reseal(session, apply=not check)
        return RosterChange(None, resealed[-1][1] if resealed and not check else "", tuple(c for c, _ in resealed), ())
    if check:
        plan = _plan(work, work.archive.roster, apply=False, progress=progress)
        return RosterChange(None, "", plan.reencrypted, plan.unreadable)
    return _change(work, [], None, "rekey", "Re-seal cases to their readers", progress)


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


def _change(work: Workspace, entries: list[Entry], handle: str | None, action: str, subject: str,
            progress: Progress | None = None) -> RosterChange:
    """Append ``entries`` to the roster and re-seal every case the change affects, as one commit."""
    work.signer  # only members with a valid key change the roster  # noqa: B018
    archive = work.archive
    with archive.locked():
        archive.ensure_trusted()
        before = archive.roster
        roster = before
        for entry in entries:
            roster = roster.with_entry(entry)
        leaving = not roster.get(work.me.handle).active  # resigning, or my approval completes my removal
        plan = _plan(work, roster, apply=True, leaving=leaving, progress=progress)
        changes: dict[str, bytes | None] = dict(plan.files)
        if entries:
            changes[roster_file.FILE_NAME] = roster_file.dumps(roster)
        changes.update(blind.key_files(archive.root, work.index_key, before, roster))
        commit = ""
        try:
            if changes:
                commit = archive.commit(changes, subject, work.trailers(action), work.now,
                                        sign=work.policy.require_signed_commits)
        finally:
            attachments.discard(changes.values())
    member = roster.find(handle) if handle else None
    pending = roster.pending_removal(handle) if handle else None
    return RosterChange(member, commit, plan.reencrypted, plan.unreadable, pending=pending)


@dataclass(frozen=True)
class _Plan:
    """The cases a roster needs re-sealed: new bytes of those I can read, and the others with who can."""

    files: tuple[tuple[str, bytes | Path], ...]
    reencrypted: tuple[str, ...]
    unreadable: tuple[tuple[str, tuple[str, ...]], ...]


def _plan(work: Workspace, roster: Roster, apply: bool, leaving: bool = False,
          progress: Progress | None = None) -> _Plan:
    """Which cases need re-sealing under ``roster``, and (with ``apply``) their new bytes.

    Args:
        leaving: I leave the committee in this change, so my key may sign no
            re-seal; the cases are marked for their remaining readers instead.
        progress: told how many cases are read, then checked and re-sealed.
    """
    archive = work.archive
    before = archive.roster
    # Members whose key changes in this roster change: their seals must be re-encrypted
    # even though the readers' handles stay the same.
    rotated = frozenset(m.handle for m in roster.active
                        if (old := before.find(m.handle)) and old.recipient != m.recipient)
    files, reencrypted, unreadable = [], [], []
    ids = archive.case_ids()
    if ids and progress is not None:
        work.identities  # a passphrase is asked before the progress bar is drawn  # noqa: B018
    cases = [(case_id, archive.read_case(case_id)) for case_id in counted(ids, "reading cases", progress)]
    work.plugins.prepare([found for _, found in cases])
    try:
        _each(work, counted(cases, "re-sealing cases", progress), before, roster, rotated, apply, leaving, files,
              reencrypted, unreadable)
    except BaseException:
        attachments.discard(data for _, data in files)
        raise
    return _Plan(tuple(files), tuple(reencrypted), tuple(unreadable))


def _each(work: Workspace, cases: Iterable[tuple[str, CaseFile]], before: Roster, roster: Roster, rotated: frozenset[str],
          apply: bool, leaving: bool, files: list, reencrypted: list, unreadable: list) -> None:
    """Add each case's re-sealed files (with ``apply``) and its verdict to the lists."""
    archive = work.archive
    active = {m.handle for m in roster.active}
    for case_id, found in cases:
        path = archive.case_relpath(case_id)
        try:
            loaded = work.open_file(found, path)
        except (AccessDenied, ConflictError):
            if found.reseal or _may_need(found, before, roster, work.policy.access):
                unreadable.append((case_id, tuple(h for h in found.fixers if h in active)))
                if apply and not found.reseal and found.version == 2:
                    files.append((path, casefile.dumps(replace(found, reseal=True))))
            continue
        meta = work.metadata(loaded.state, found, roster)
        current = (found.version == 2 and not found.reseal and found.sealed_to(meta.readers, meta.guests)
                   and rotated.isdisjoint(meta.readers))
        if not current or (found.readers, found.guests, found.people, found.expunge, found.report) != (
                meta.readers, meta.guests, meta.people, meta.expunge, meta.report):
            if leaving:
                unreadable.append((case_id, tuple(h for h in meta.readers if h in active)))
                if apply and not found.reseal and found.version == 2:
                    files.append((path, casefile.dumps(replace(found, reseal=True))))
                continue
            reencrypted.append(case_id)
            if apply:
                state, data = work.seal(loaded, (), roster, rotated)
                files += [(path, data), *resealed(work, loaded, state, data, roster).items()]


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
