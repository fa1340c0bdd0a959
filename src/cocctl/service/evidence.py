"""Evidence files: attach, read back, and keep each one encrypted to exactly its case's readers."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cocctl.archive import attachments, casefile
from cocctl.archive.roster import Roster
from cocctl.errors import ConflictError, IntegrityError, NotFound, UsageError
from cocctl.model import events as ev
from cocctl.model.state import Attachment, CaseState
from cocctl.service.workspace import CaseChange, LoadedCase, Session, Workspace
from cocctl.text import CONTROLS, require_single_line

# Media types written out to a terminal as they are; anything else needs --out or a pipe.
TEXT_TYPES = ("text/plain", "message/rfc822", "application/x-empty")


@dataclass(frozen=True)
class Attached(CaseChange):
    """The outcome of ``attach``: the case change and the attachments it added."""

    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Source:
    """A file to attach: an open binary stream (a path is opened when stored) and the name it is recorded under."""

    name: str
    path: Path | None = None
    stream: BinaryIO | None = None


def attach(session: Session, case_id: str, files: Sequence[Path | Source], description: str | None = None,
           *, notes: Sequence[str] = ()) -> Attached:
    """Store each file encrypted to the case's readers, with an ``evidence`` event, as one commit.

    Args:
        files: paths to read, or sources already open (the parts of an email).
        description: what the files are (default: each one's name).
        notes: notes recorded with them in the same seal (an email's body).

    Raises:
        UsageError: no file, a folder, a special file, a file above the policy's limit.
        NotFound: a missing file or case. AccessDenied: a file I cannot read, a case I cannot read.
    """
    work = Workspace(session)
    work.signer  # only members with a valid key write; fail before reading anything  # noqa: B018
    if not files and not notes:
        raise UsageError("nothing to attach; name one or more files")
    if description is not None:
        require_single_line(description, "--description")
    limit = work.policy.evidence.max_bytes
    sources = [item if isinstance(item, Source) else Source(item.name, path=item) for item in files]
    paths = [s.path.resolve() for s in sources if s.path is not None]
    if len(set(paths)) != len(paths):
        raise UsageError("the same file is named twice; name each file once")
    for source in sources:
        if source.path is not None:
            attachments.check_source(source.path, limit)
    with work.archive.locked():
        loaded = work.load_case(case_id)
        return _attach(work, loaded, sources, description, notes, limit)


def _attach(work: Workspace, loaded: LoadedCase, sources: Sequence[Source], description: str | None,
            notes: Sequence[str], limit: int) -> Attached:
    case_id = loaded.state.id
    seal_id = work.next_seal_id(loaded.file.seals)
    meta = work.metadata(loaded.state, loaded.file)
    recipients = _recipients(work, work.roster, loaded.state, meta.readers, meta.guests)
    temporary: dict[str, Path] = {}
    try:
        changes: list[tuple[str, dict[str, Any]]] = [(ev.NOTE, {"text": text}) for text in notes]
        for number, source in enumerate(sources, 1):
            path = attachments.relpath(case_id, seal_id, number)
            stored = attachments.store(work.archive.root, path, source.path or source.stream, recipients, limit)
            temporary[path] = stored.temporary
            name = recorded_name(source.name)
            changes.append((ev.EVIDENCE, {"description": description or name, "file": {
                "path": path, "name": name, "sha256": stored.sha256, "size": stored.size,
                "media_type": stored.media_type}}))
        added = work.new_events(loaded.events, changes)
        count = len(sources)
        subject = f"Attach {count} file{'s' if count != 1 else ''} to case {case_id}" if count else \
            f"Add a note to case {case_id}"
        state, commit = work.commit_case(loaded, added, "attach", subject, files=temporary, seal_id=seal_id)
    finally:
        attachments.discard(temporary.values())
    new = tuple(a for a in state.attachments if a.path in temporary)
    return Attached(case_id, state, commit, tuple(added), new)


def recorded_name(name: str) -> str:
    """A file's name as the evidence event records it: its last part, one line, at most 200 characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join("?" if ord(c) in CONTROLS or 0xD800 <= ord(c) <= 0xDFFF else c for c in name).strip()
    return name[:200] or "unnamed"


def resealed(work: Workspace, loaded: LoadedCase | None, state: CaseState, data: bytes,
             roster: Roster | None = None) -> dict[str, Path]:
    """Re-encrypt, each to its seal's new readers, the attachments whose seal ``data`` re-encrypted.

    Returns:
        The attachments' paths and their new ciphertexts in temporary files (for the commit to move in).

    Raises:
        IntegrityError: an attachment is missing or corrupt (restore it first).
    """
    if loaded is None or not loaded.state.attachments:
        return {}
    before = {seal.id: seal for seal in loaded.file.seals}
    after = {seal.id: seal for seal in casefile.loads(data, name=work.archive.case_relpath(state.id)).seals}
    done: dict[str, Path] = {}
    try:
        for attachment in loaded.state.attachments:
            seal_id = _seal_of(attachment)
            seal = after.get(seal_id)
            if seal is None or seal == before.get(seal_id):
                continue
            recipients = _recipients(work, roster or work.roster, state, seal.readers, seal.guests)
            done[attachment.path] = attachments.reencrypt(work.archive.root, attachment.path, work.identities,
                                                          recipients)
    except BaseException:
        attachments.discard(done.values())
        raise
    return done


@dataclass(frozen=True)
class Opened:
    """An attachment being decrypted: its record and its plaintext chunks (hash-checked at the end)."""

    attachment: Attachment
    chunks: Iterator[bytes]


def find(state: CaseState, which: str) -> Attachment:
    """The attachment ``which`` names: its number (as ``show`` lists it) or its file name.

    Raises:
        NotFound: none has that number or name. UsageError: several have that name.
    """
    if which.isdigit():
        for attachment in state.attachments:
            if attachment.number == int(which):
                return attachment
    named = [a for a in state.attachments if a.name == which]
    if len(named) > 1:
        raise UsageError(f"{len(named)} attachments of case {state.id} are named so; give its number "
                         f"({', '.join(str(a.number) for a in named)})")
    if not named:
        raise NotFound(f"case {state.id} has no attachment {which!r}; 'cocctl show {state.id}' lists them")
    return named[0]


def save(session: Session, case_id: str, which: str, out: Path | None, stdout: BinaryIO,
         terminal: bool) -> Attachment:
    """Decrypt one attachment into ``out`` (a new 0600 file) or ``stdout``, checking its hash.

    Raises:
        UsageError: ``out`` exists, or binary data would go to a terminal.
        IntegrityError: the file is missing, corrupt or not the one recorded (``out`` is then removed).
    """
    work = Workspace(session)
    state = work.load_case(case_id).state
    attachment = find(state, which)
    if out is None and terminal and attachment.media_type not in TEXT_TYPES:
        raise UsageError(f"attachment {attachment.number} is {attachment.media_type}, not text to show on a "
                         "terminal; pass --out PATH or redirect the output to a file")
    path = work.archive.root / attachment.path
    if out is None:
        _copy(path, work.identities, attachment, stdout)
        return attachment
    try:
        handle = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        raise UsageError(f"{out} already exists; choose another --out path (cocctl never overwrites)") from None
    except OSError as error:
        raise UsageError(f"cannot create {out} ({error.strerror}); choose another --out path") from None
    try:
        with os.fdopen(handle, "wb") as target:
            _copy(path, work.identities, attachment, target)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return attachment


def _copy(path: Path, identities: Sequence[Any], attachment: Attachment, target: BinaryIO) -> None:
    digest = hashlib.sha256()
    try:
        source = open(path, "rb")
    except FileNotFoundError:
        raise IntegrityError(f"{attachment.path} is missing; restore it with git ('git checkout -- "
                             f"{attachment.path}')") from None
    with source:
        for chunk in attachments.opened(source, identities, attachment.path):
            digest.update(chunk)
            target.write(chunk)
    if digest.hexdigest() != attachment.sha256:
        raise IntegrityError(f"{attachment.path} decrypts to another file than the one attached (SHA-256 "
                             "differs): it was replaced; restore it with git and run 'cocctl verify'")


def problems(work: Workspace, loaded: LoadedCase) -> list[tuple[str, str]]:
    """What is wrong with a readable case's attachment files, by path: missing ones, and files no event records."""
    recorded = {a.path for a in loaded.state.attachments}
    stored = set(attachments.stored(work.archive.root, loaded.state.id))
    found = [(path, "attachment is missing; restore it with git") for path in sorted(recorded - stored)]
    found += [(path, "no evidence event of the case records this file (an orphan); remove it with 'git rm'")
              for path in sorted(stored - recorded)]
    return found


def seal_problems(path: str, count: int | None, case_file: Any) -> list[str]:
    """Key-less: an attachment names a seal of its case, and is encrypted to as many keys as that seal."""
    parsed = attachments.parse_name(path.rsplit("/", 1)[-1])
    seal = next((s for s in case_file.seals if parsed and s.id == parsed[0]), None)
    if seal is None:
        return ["no seal of its case has this attachment's id (an orphan, not written by cocctl); remove it "
                "with 'git rm'"]
    if count is not None and count != len(seal.readers) + len(seal.guests):
        return [f"attachment is encrypted to {count} key(s) but its seal to {len(seal.readers) + len(seal.guests)}; "
                "a reader of the case must re-seal it ('cocctl rekey')"]
    return []


def change_problem(path: str, deleted: bool, old: Any, new: Any, expunged: bool) -> str | None:
    """Key-less, for verify: why a commit's change of an attachment is not cocctl's, or None.

    An attachment is added or re-encrypted only with the seal it is named
    after (added or re-encrypted in the same commit), and deleted only when
    its case is expunged.
    """
    if deleted:
        return None if expunged and new is None else "deletes an attachment: a case's evidence is kept with it"
    parsed = attachments.parse_name(path.rsplit("/", 1)[-1])
    seal = next((s for s in new.seals if s.id == parsed[0]), None) if new and parsed and new.version == 2 else None
    if seal is None or (old is not None and seal in old.seals):
        return ("adds or changes an attachment without adding or re-encrypting the seal that records it "
                "(not written by cocctl); review it with 'git show'")
    return None


def _seal_of(attachment: Attachment) -> str:
    parsed = attachments.parse_name(attachment.path.rsplit("/", 1)[-1])
    if parsed is None:
        raise IntegrityError(f"an evidence event names {attachment.path}, not an attachment path cocctl writes")
    return parsed[0]


def _recipients(work: Workspace, roster: Roster, state: CaseState, readers: Sequence[str],
                guests: Sequence[str]) -> Any:
    keys = [roster.get(handle).recipient for handle in readers]
    granted = {guest.name: guest.recipient for guest in state.guests}
    keys += [granted[name] for name in guests if name in granted]
    if not keys:
        raise ConflictError(f"nobody would be able to read case {state.id}; grant a member access first")
    return work.plugins.encrypt_to(keys)
