"""The committee: members joining, leaving, changing keys, and every case re-sealed to match."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cocctl.archive import casefile, history, signing
from cocctl.archive import config as config_file
from cocctl.archive import roster as roster_file
from cocctl.archive.casefile import CaseFile
from cocctl.archive.roster import Entry, Member, Roster
from cocctl.archive.repo import signing_required
from cocctl.clock import format_time
from cocctl.errors import AccessDenied, ConflictError, UsageError
from cocctl.model import events as ev
from cocctl.service import blind
from cocctl.service.workspace import Session, Workspace

HANDLE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,38}\Z")
SSH_TYPES = ("ssh-ed25519", "ssh-rsa")

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


def parse_public(text: str, *, ssh: bool = False) -> PublicKeys:
    """Parse a member's public line: a recipient and, unless it signs for itself, a signing key.

    The recipient is ``age1...`` (the line ``cocctl keygen`` writes to
    ``KEY.pub``), an SSH public key (``ssh-ed25519 AAAA...`` or
    ``ssh-rsa AAAA...``, as in ``~/.ssh/id_ed25519.pub``) or a plugin
    recipient (``age1yubikey1...``); the signing key is ``ed25519:...``. An
    ssh-ed25519 key needs nothing else: it is its own signing key. Comments
    after ``#`` and an SSH key's own comment are ignored.

    Args:
        ssh: accept only SSH keys (``member add --ssh-key``).

    Raises:
        UsageError: it is not such a line.
    """
    words = text.split("#", 1)[0].split()
    if words and words[0] in SSH_TYPES:
        # An SSH key is two words; a third one is the key's comment.
        found, rest = " ".join(words[:2]), words[2:]
    else:
        found, rest = next((w for w in words if w.startswith("age1")), ""), words
    if ssh and not found.startswith(SSH_TYPES):
        raise UsageError("--ssh-key takes an SSH public key (ssh-ed25519 AAAA... or ssh-rsa AAAA...) or its .pub file")
    recipient = _recipient(found)
    key = next((w for w in rest if w.startswith(signing.PUBLIC_PREFIX)), "")
    implied = signing.public_for(recipient)
    if implied is not None:
        if key and key != implied:
            raise UsageError("an ssh-ed25519 key signs for itself, and the ed25519:... key on this line is not it")
        key = implied
    if not key and recipient.startswith("ssh-rsa "):
        raise UsageError(
            "an ssh-rsa key needs a signing key beside it: ask the member for the line "
            "'cocctl keygen --ssh ~/.ssh/id_rsa' prints and pass it with --key"
        )
    if not key:
        raise UsageError("not a member key line (age1... ed25519:...); ask for the KEY.pub file 'cocctl keygen' wrote")
    return PublicKeys(recipient, signing.check_public(key))


def _recipient(text: str) -> str:
    """The canonical form of a recipient cocctl can encrypt to (an SSH key loses its comment)."""
    from cocctl import age

    if not text:
        raise UsageError("not a member key line (age1... ed25519:...); ask for the KEY.pub file 'cocctl keygen' wrote")
    try:
        return str(age.parse_recipient(text))
    except age.AgeError as error:
        raise UsageError(f"not a member key line ({error}); ask for the KEY.pub file 'cocctl keygen' wrote") from None


def read_public(key: str, *, ssh: bool = False) -> PublicKeys:
    """The keys in ``key``: a public line (see :func:`parse_public`), or the path of a file holding one.

    Raises:
        UsageError: unreadable file, or not such a line.
    """
    if key.lstrip().startswith(("age1", *SSH_TYPES)):
        return parse_public(key, ssh=ssh)
    try:
        with Path(key).expanduser().open("rb") as stream:
            text = stream.read(16384).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"cannot read the key file {key}; pass the .pub path or its line") from None
    return parse_public(text, ssh=ssh)


def list_members(session: Session) -> tuple[Member, ...]:
    """Every member, past and present; no key is needed."""
    return Workspace(session).archive.roster.members


def add_member(session: Session, member: Member, keys: PublicKeys) -> RosterChange:
    """Add a member and re-seal the cases they may now read, in one signed commit.

    Raises:
        UsageError: malformed handle.
        ConflictError: the handle or key is already on the roster.
    """
    check_handle(member.handle)
    work = Workspace(session)
    roster = work.archive.roster
    if roster.find(member.handle) is not None:
        raise ConflictError(
            f"{member.handle} is already on the roster (past members keep their handle); "
            f"to give them a new key use 'cocctl member rotate-key {member.handle}'"
        )
    if roster.find_recipient(keys.recipient):
        raise ConflictError("that age recipient already belongs to an active member")
    fields: dict[str, Any] = {"handle": member.handle, "recipient": keys.recipient, "signing": keys.signing}
    for name in ("name", "email", "employer"):
        if getattr(member, name):
            fields[name] = getattr(member, name)
    if member.roles:
        fields["roles"] = list(member.roles)
    entry = _entry(work, roster_file.ADD, member=fields)
    return _change(work, [entry], member.handle, "member-add", f"Add member {member.handle}")


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
        changes.update(_index_files(work, before, roster))
        commit = archive.commit(changes, subject, work.trailers(action), work.now) if changes else ""
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
    # Members whose key changes in this roster change: their seals must be re-encrypted
    # even though the readers' handles stay the same.
    rotated = frozenset(m.handle for m in roster.active
                        if (old := before.find(m.handle)) and old.recipient != m.recipient)
    files, reencrypted, unreadable = [], [], []
    cases = [(case_id, archive.read_case(case_id)) for case_id in archive.case_ids()]
    work.plugins.prepare([found for _, found in cases])
    for case_id, found in cases:
        path = archive.case_relpath(case_id)
        try:
            loaded = work.open_file(found, path)
        except (AccessDenied, ConflictError):
            if found.reseal or _may_need(found, before, roster, work.policy["access"]):
                unreadable.append((case_id, tuple(h for h in found.fixers if h in active)))
                if apply and not found.reseal and found.version == 2:
                    files.append((path, casefile.dumps(replace(found, reseal=True))))
            continue
        meta = work.metadata(loaded.state, found, roster)
        current = (found.version == 2 and not found.reseal and found.sealed_to(meta.readers, meta.guests)
                   and rotated.isdisjoint(meta.readers))
        if not current or (found.readers, found.guests, found.people) != (meta.readers, meta.guests, meta.people):
            reencrypted.append(case_id)
            if apply:
                files.append((path, work.seal(loaded, (), roster, rotated)[1]))
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


def _index_files(work: Workspace, before: Roster, after: Roster) -> dict[str, bytes | None]:
    """The people-index key copies: one per active member, removed for those who left.

    The key itself stays the same (tokens in cases I cannot read could not
    be recomputed otherwise); a member who leaves keeps what they read.
    """
    key = work.index_key
    root = work.archive.root
    changes: dict[str, bytes | None] = {}
    for member in after.members:
        path = blind.member_file(member.handle)
        old = before.find(member.handle)
        if not member.active:
            if (root / path).exists():
                changes[path] = None
        elif key is not None and (old is None or old.recipient != member.recipient or not (root / path).exists()):
            changes[path] = blind.sealed_for(key, member.recipient)
    if key is not None and (root / blind.LEGACY_FILE).exists():
        changes[blind.LEGACY_FILE] = None
    return changes


def people_index_for_new_archive(recipient: str, handle: str) -> dict[str, bytes]:
    """The index key files of a new archive: a fresh key for its first member."""
    return {blind.member_file(handle): blind.sealed_for(blind.new_key(), recipient)}
