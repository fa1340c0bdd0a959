"""Keys, the archive itself, and the committee: keygen, whoami, init, members."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from cocctl import keys
from cocctl.archive import config as config_file
from cocctl.archive import drivers
from cocctl.archive import roster as roster_file
from cocctl.archive.git import Git
from cocctl.archive.repo import CASES_DIR, Archive
from cocctl.archive.roster import Member, Roster
from cocctl.clock import format_time
from cocctl.errors import AccessDenied, ConflictError, UsageError
from cocctl.policy import presets
from cocctl.service import blind
from cocctl.service.workspace import Session, Workspace

HANDLE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,38}$")
GITATTRIBUTES = "cases/** diff=cocctl merge=cocctl\n"


@dataclass(frozen=True)
class Whoami:
    """Which member my identity is, in which archive."""

    handle: str
    recipient: str
    roles: tuple[str, ...]
    archive: Path


@dataclass(frozen=True)
class RosterChange:
    """The outcome of adding or removing a member."""

    member: Member
    commit: str
    reencrypted: tuple[str, ...]
    unreadable: tuple[str, ...]


def keygen(session: Session, out: Path | None, passphrase: str | None,
           work_factor: int = keys.DEFAULT_WORK_FACTOR) -> keys.NewIdentity:
    """Create a new identity at ``out`` or the default path; never overwrite one."""
    path = out.expanduser() if out else keys.resolve_path(session.identity)
    return keys.generate(path, Workspace(session).now, passphrase, work_factor)


def whoami(session: Session) -> Whoami:
    """Tell which active member of the archive my identity is."""
    work = Workspace(session)
    me = work.me
    return Whoami(me.handle, me.recipient, me.roles, work.archive.root)


def init_archive(session: Session, path: Path, community: str, handle: str, preset: str,
                 roles: tuple[str, ...] = (), ci: str | None = None) -> Archive:
    """Create an archive at ``path`` with me as the first member, in one commit.

    Also registers cocctl's git drivers in the clone, and with ``ci``
    (github or gitlab) adds that system's workflow to the first commit.

    Raises:
        UsageError: unknown preset or malformed handle.
        ConflictError: ``path`` already holds an archive.
    """
    if preset not in presets.PRESETS:
        raise UsageError(f"unknown preset {preset!r}; choose one of {', '.join(presets.names())}")
    _check_handle(handle)
    if not community.strip():
        raise UsageError("the community name must not be empty")
    from cocctl.service import audit

    workflow = audit.ci_workflow(ci) if ci else None
    root = path.expanduser().resolve()
    if (root / config_file.FILE_NAME).exists():
        raise ConflictError(f"{root} is already a cocctl archive")
    work = Workspace(session)
    recipients = keys.recipients_of(work.identities)
    if not recipients:
        raise UsageError("your identity has no X25519 key to encrypt cases to; run 'cocctl keygen'")
    root.mkdir(parents=True, exist_ok=True)
    git = Git(root)
    if not (root / ".git").exists():
        git.run("init", "--quiet")
    drivers.setup(git)
    member = Member(handle=handle, recipient=recipients[0], joined=format_time(work.now), roles=roles)
    archive = Archive(root)
    files = {
        config_file.FILE_NAME: config_file.dumps(config_file.Config(community.strip(), preset)),
        roster_file.FILE_NAME: roster_file.dumps(Roster((member,))),
        f"{CASES_DIR}/.gitkeep": b"",
        ".gitattributes": GITATTRIBUTES.encode(),
    }
    if workflow is not None:
        (root / workflow[0]).parent.mkdir(parents=True, exist_ok=True)
        files[workflow[0]] = workflow[1]
    with archive.locked():
        archive.commit(
            files,
            f"Create the cocctl archive for {community.strip()}",
            {"Cocctl-Action": "init", "Cocctl-Actor": handle},
            work.now,
        )
    return archive


def list_members(session: Session) -> tuple[Member, ...]:
    """Every member, past and present; no key is needed."""
    return Workspace(session).archive.roster.members


def add_member(session: Session, member: Member) -> RosterChange:
    """Add a member and re-encrypt the cases they may now read, in one commit.

    Raises:
        UsageError: malformed handle or recipient.
        ConflictError: the handle or key is already on the roster.
    """
    from cocctl import age

    _check_handle(member.handle)
    try:
        age.parse_recipient(member.recipient)
    except age.AgeError:
        raise UsageError(f"{member.recipient!r} is not an age recipient (age1...)") from None
    work = Workspace(session)
    work.me  # only members may change the roster  # noqa: B018
    roster = work.archive.roster
    if any(m.handle == member.handle for m in roster.members):
        raise ConflictError(f"{member.handle} is already on the roster (past members keep their handle)")
    if roster.find_recipient(member.recipient):
        raise ConflictError("that age recipient already belongs to an active member")
    member = replace(member, joined=format_time(work.now))
    return _change_roster(work, roster.with_member(member), member, "member-add", f"Add member {member.handle}")


def remove_member(session: Session, handle: str) -> RosterChange:
    """Off-board a member: mark them as left and re-encrypt every case without them.

    Raises:
        UsageError: not an active member, or the last one.
    """
    work = Workspace(session)
    member = work.require_member(handle)
    roster = work.archive.roster
    if len(roster.active) == 1:
        raise UsageError("cannot remove the last active member; add their successor first")
    leaving = roster.leaving(handle, format_time(work.now))
    return _change_roster(work, leaving, leaving.get(handle), "member-remove", f"Remove member {handle}")


def reencrypt(session: Session) -> RosterChange | None:
    """Re-encrypt every case I can read whose recipients differ from the policy's.

    Needed after a roster change made by a member who could not read every
    case. Returns None when every case is already right (no commit).
    """
    work = Workspace(session)
    change = _change_roster(work, work.archive.roster, work.me, "reencrypt", "Re-encrypt cases to their readers")
    return change if change.commit else None


def _change_roster(work: Workspace, roster: Roster, member: Member, action: str, subject: str) -> RosterChange:
    """Write ``roster`` and every case whose readers change under it, as one commit.

    Cases I cannot read cannot be re-encrypted by me; they are reported so a
    member who can read them runs ``cocctl reencrypt``.
    """
    archive = work.archive
    with archive.locked():
        changes: dict[str, bytes | None] = {}
        if roster != archive.roster:
            changes[roster_file.FILE_NAME] = roster_file.dumps(roster)
        changes.update(_index_key(work, roster))
        reencrypted, unreadable = [], []
        for case_id in archive.case_ids():
            try:
                case = work.load_case(case_id)
            except AccessDenied:
                unreadable.append(case_id)
                continue
            people = blind.tokens(work.index_key, case.state.reported)
            if work.readers(case.state, roster) != case.envelope.recipients or people != case.envelope.people:
                changes[archive.case_relpath(case_id)] = work.seal(case.events, roster)[1]
                reencrypted.append(case_id)
        commit = archive.commit(changes, subject, work.trailers(action), work.now) if changes else ""
    return RosterChange(member, commit, tuple(reencrypted), tuple(unreadable))


def _index_key(work: Workspace, roster: Roster) -> dict[str, bytes | None]:
    """The blinded-index key file, created or re-encrypted to exactly the active members.

    A member who leaves keeps the key they could read before; the index only
    ever lets a member learn that a case they cannot read names a person.
    """
    path = work.archive.root / blind.INDEX_FILE
    key = work.index_key
    if path.is_file() and key is None:
        return {}  # I cannot open it; a member who can will re-encrypt it
    before = {m.recipient for m in work.archive.roster.active}
    if path.is_file() and before == {m.recipient for m in roster.active}:
        return {}
    key, data = blind.sealed_key(key, roster)
    work.__dict__["index_key"] = key  # later seals in this action use it
    return {blind.INDEX_FILE: data}


def _check_handle(handle: str) -> None:
    if not HANDLE_PATTERN.match(handle):
        raise UsageError(
            f"{handle!r} is not a valid handle; use lowercase letters, digits, '.', '_' or '-' (at most 39)"
        )
