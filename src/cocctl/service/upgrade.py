"""Upgrading a format-1 archive (unsigned roster, one payload per case) to format 2, in one commit."""

from __future__ import annotations

from dataclasses import dataclass

from cocctl.archive import blind, keys, trust
from cocctl.archive import roster as roster_file
from cocctl.archive.roster import Entry, is_unsigned
from cocctl.clock import format_time
from cocctl.errors import AccessDenied, ConflictError
from cocctl.model import events as ev
from cocctl.service.bulk import Progress, counted
from cocctl.service.policy import settings_fields
from cocctl.service.workspace import Session, Workspace


@dataclass(frozen=True)
class Upgraded:
    """What ``upgrade`` converted, and what it could not."""

    commit: str
    converted: tuple[str, ...]
    unreadable: tuple[str, ...]
    keyless: tuple[str, ...]


def upgrade(session: Session, progress: Progress | None = None) -> Upgraded:
    """Sign the roster (as me, the first signer) and convert every case I can read to seals.

    Members other than me get no signing key (nobody else's key is known
    here); each gives theirs with 'cocctl member rotate-key'. Cases I cannot
    read stay format 1 and readable by their readers until one of them runs
    ``upgrade`` again (it then converts only the cases).

    Args:
        progress: told how many cases are read, then converted.

    Raises:
        ConflictError: the archive is already format 2 and every case I can read is converted.
    """
    work = Workspace(session)
    archive = work.archive
    me = work.me
    key = keys.signing_key(work.identities)
    with archive.locked():
        changes: dict[str, bytes | None] = {}
        old = archive.roster
        keyless: list[str] = []
        if is_unsigned(old):
            millis = int(work.now.timestamp() * 1000)
            at = format_time(work.now)
            entries: list[Entry] = []
            ordered = [me] + [m for m in old.members if m.handle != me.handle]
            for index, member in enumerate(ordered):
                fields = {k: v for k, v in member.to_dict().items() if k not in ("left", "confirmed")}
                if member.handle == me.handle:
                    fields["signing"] = key.public
                elif member.active:
                    keyless.append(member.handle)
                entry = Entry(ev.new_event_id(millis + len(entries)), at, me.handle,
                              entries[-1].id if entries else None, roster_file.ADD, member=fields)
                entries.append(roster_file.sign_entry(key, entry))
                if member.left:
                    entry = Entry(ev.new_event_id(millis + len(entries)), at, me.handle, entries[-1].id,
                                  roster_file.REMOVE, member={"handle": member.handle, "left": member.left})
                    entries.append(roster_file.sign_entry(key, entry))
            config = archive.config_bytes
            entries.append(roster_file.sign_entry(key, Entry(
                ev.new_event_id(millis + len(entries)), at, me.handle, entries[-1].id, roster_file.CONFIG,
                **settings_fields(config))))
            roster = roster_file.build(entries)
            changes[roster_file.FILE_NAME] = roster_file.dumps(roster)
            # The cases below are sealed under the signed roster, by me as it records me.
            unlocked = work.identities
            work = Workspace(session, work.now, roster)
            work.identities = unlocked  # already loaded: a passphrase is asked once
            index_key = work.index_key
            if index_key is not None:
                for member in roster.active:
                    changes[blind.member_file(member.handle)] = blind.sealed_for(index_key, member.recipient)
                changes[blind.LEGACY_FILE] = None
        converted, unreadable = [], []
        cases = [(case_id, archive.read_case(case_id))
                 for case_id in counted(archive.case_ids(), "reading cases", progress)]
        work.plugins.prepare([found for _, found in cases if found.version == 1])
        for case_id, found in counted(cases, "converting cases", progress):
            if found.version != 1:
                continue
            try:
                loaded = work.open_file(found, archive.case_relpath(case_id))
            except AccessDenied:
                unreadable.append(case_id)
                continue
            changes[archive.case_relpath(case_id)] = work.seal(loaded, ())[1]
            converted.append(case_id)
        if not changes:
            raise ConflictError("this archive is already format 2 and every case you can read is converted")
        commit = archive.commit(changes, "Upgrade the archive to format 2", work.trailers("upgrade"), work.now,
                                sign=work.policy.require_signed_commits)
        trust.write_pin(archive.git, commit)
    return Upgraded(commit, tuple(converted), tuple(unreadable), tuple(keyless))


