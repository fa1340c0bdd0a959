"""The audit trail: log (who did what, when) and decrypted diffs; verify is in service/verification.py."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cocctl import clock
from cocctl.archive import blobs, casefile, drivers, history
from cocctl.archive.casefile import CaseFile
from cocctl.archive.history import NULL_BLOB
from cocctl.archive.ids import is_case_id
from cocctl.archive.repo import CASES_DIR
from cocctl.errors import AccessDenied, CocctlError, IntegrityError, UsageError
from cocctl.service.workspace import Session, Workspace


@dataclass(frozen=True)
class LogEntry:
    """One commit of the audit trail; ``events`` are those it added that my key could read."""

    commit: str
    date: str
    author: str
    actor: str | None
    action: str | None
    case: str | None
    subject: str
    signature: str
    signature_state: str
    signer: str
    files: tuple[str, ...]
    events: tuple[dict[str, Any], ...] = field(default=())
    hidden: str = ""


class Versions:
    """Case file versions by blob id: parsed once, and their events when my key opens them.

    ``source`` is a dict of blobs read ahead, or a :class:`blobs.BlobReader`
    reading each as it is asked for; only the ``keep`` most recently used
    versions stay parsed, so walking every version of a large history holds
    a bounded number of them.
    """

    def __init__(self, source: Mapping[str, bytes] | blobs.BlobReader, identities: list[Any] | None,
                 keep: int = 4096) -> None:
        self.source = source
        self.identities = identities
        self.keep = keep
        self._files: OrderedDict[str, CaseFile | None] = OrderedDict()
        self._events: OrderedDict[str, dict[str, dict[str, Any]] | None] = OrderedDict()

    def prefetch(self, wanted: Iterable[str]) -> None:
        """Parse these versions ahead, read in one pipelined pass (a round trip per blob costs ~1 ms under load)."""
        if not isinstance(self.source, blobs.BlobReader):
            return
        missing = list(dict.fromkeys(b for b in wanted if b != NULL_BLOB and b not in self._files))[:self.keep // 2]
        for blob, data in blobs.stream_blobs(self.source.git, missing):
            self._parse(blob, data)

    def file(self, blob: str) -> CaseFile | None:
        """The version's parsed case file, or None when it is not a valid one."""
        if blob in self._files:
            self._files.move_to_end(blob)
            return self._files[blob]
        return self._parse(blob, self.source.get(blob))

    def _parse(self, blob: str, data: bytes | None) -> CaseFile | None:
        try:
            found: CaseFile | None = casefile.loads(data or b"", name="case file")
        except IntegrityError:
            found = None
        return _kept(self._files, blob, found, self.keep)

    def events(self, blob: str) -> dict[str, dict[str, Any]] | None:
        """The version's events by id, or None when I cannot decrypt all of it."""
        if blob in self._events:
            self._events.move_to_end(blob)
            return self._events[blob]
        found = self.file(blob)
        result: dict[str, dict[str, Any]] | None = None
        if found is not None and self.identities:
            try:
                raw, hidden = casefile.readable_events(found, self.identities, name="case file")
                result = None if hidden else {str(item.get("id")): item for item in raw}
            except (AccessDenied, IntegrityError):
                result = None
        return _kept(self._events, blob, result, self.keep)


def _kept(cache: OrderedDict[str, Any], key: str, value: Any, keep: int) -> Any:
    """Store ``value`` as the most recently used entry, dropping the oldest beyond ``keep``."""
    cache[key] = value
    while len(cache) > keep:
        cache.popitem(last=False)
    return value


def textconv(session: Session, file: Path) -> str:
    """git's textconv driver: one version of a case file decrypted as canonical YAML, or a one-line marker.

    An attachment is only named by its size: its first bytes tell it apart and
    the rest is never read. Never asks for a passphrase: git runs textconv
    without a terminal.
    """
    magic = b"age-encryption.org/v1\n"
    with file.open("rb") as stream:
        if stream.read(len(magic)) == magic:
            return f"(encrypted attachment, {file.stat().st_size} bytes; 'cocctl attachment' decrypts it)\n"
    identities, why_not = _identities(Workspace(replace(session, ask_passphrase=None)))
    return drivers.textconv(file.read_bytes(), identities, why_not)


def _identities(work: Workspace) -> tuple[list[Any] | None, str]:
    try:
        return work.identities, ""
    except CocctlError as error:
        return None, str(error).split(";")[0]


def case_of(path: str) -> str | None:
    """The case a path under cases/ belongs to (file or attachment), if any."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] != CASES_DIR:
        return None
    name = parts[1][: -len(".yaml")] if len(parts) == 2 and parts[1].endswith(".yaml") else parts[1]
    return name if is_case_id(name) else None


def is_case_file(path: str) -> bool:
    """Whether ``path`` is a case file (``cases/<id>.yaml``)."""
    return path.count("/") == 1 and case_of(path) is not None


def log(session: Session, case: str | None = None, since: str | None = None) -> list[LogEntry]:
    """The archive's commits, newest first, with the events each added when my key reads them.

    Raises:
        UsageError: malformed case id or date.
        NotFound: the archive is not a git repository.
    """
    work = Workspace(session)
    archive = work.archive
    archive.require_repository()
    if case is not None and not is_case_id(case):
        raise UsageError(f"{case!r} is not a case id (like 2026-amber-falcon); see 'cocctl list'")
    after = clock.format_time(clock.parse_time(since)) if since else None
    paths = [archive.case_relpath(case), f"{CASES_DIR}/{case}/"] if case else []
    commits = history.commits(archive.git, paths=paths, since=after, signatures=True)
    identities, why_not = _identities(work)
    wanted = [c for commit in commits for ch in commit.changes if is_case_file(ch.path) for c in (ch.old, ch.new)]
    versions = Versions(history.blobs(archive.git, wanted) if identities else {}, identities)
    entries = []
    for commit in commits:
        added: list[dict[str, Any]] = []
        hidden = ""
        for change in commit.changes:
            if not is_case_file(change.path) or change.new == NULL_BLOB:
                continue
            if identities is None:
                hidden = f"event details hidden ({why_not})"
                continue
            new = versions.events(change.new)
            old = versions.events(change.old) if change.old != NULL_BLOB else {}
            if new is None or old is None:
                hidden = "event details hidden: you are not a reader of this case"
                continue
            added += [event for key, event in new.items() if key not in old]
        entries.append(LogEntry(
            commit=commit.id, date=commit.date, author=commit.author, actor=commit.actor,
            action=commit.action, case=commit.case, subject=commit.subject, signature=commit.signature,
            signature_state=history.SIGNATURE_STATES.get(commit.signature, commit.signature),
            signer=commit.signer, files=tuple(change.path for change in commit.changes),
            events=tuple(sorted(added, key=lambda e: (e.get("at", ""), e.get("id", "")))), hidden=hidden,
        ))
    return entries
