"""Retention: when closed cases may go, listing them without a key, and expunging one."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cocctl.archive import attachments, tombstone
from cocctl.archive.casefile import CaseFile
from cocctl.clock import format_time
from cocctl.errors import ConflictError
from cocctl.model.state import CLOSED
from cocctl.policy.retention import expunge_at, outcome_class
from cocctl.service.workspace import Session, Workspace

HISTORY_NOTE = ("git history still holds the case's encrypted old versions: when your community requires them gone, "
                "rewrite history by path (git filter-repo --invert-paths --path cases/{case}.yaml --path "
                "cases/{case}/), force-push, and have every member clone the archive again")


@dataclass(frozen=True)
class Row:
    """A case and its retention date (None: kept), from plaintext metadata.

    ``held_by`` are the open cases naming one of the same reported people:
    while they run, the case is kept whatever its date (a new report naming
    the same person resets the date).
    """

    case: str
    status: str
    expunge: str | None
    past: bool
    held_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """Every case's retention date as of ``now``; ``past`` are the ones to expunge."""

    now: str
    rows: tuple[Row, ...]

    @property
    def past(self) -> tuple[str, ...]:
        """Cases whose date has passed."""
        return tuple(row.case for row in self.rows if row.past)


@dataclass(frozen=True)
class Expunged:
    """An expunged case: the commit, the files removed, and what git history still holds."""

    case: str
    commit: str
    removed: tuple[str, ...]
    note: str


def report(session: Session) -> Report:
    """Each case's retention date from its plaintext metadata (no key needed, for CI)."""
    work = Workspace(session)
    now = format_time(work.now)
    files = {case_id: work.archive.read_case(case_id) for case_id in work.archive.case_ids()}
    rows = []
    for case_id, found in files.items():
        held = held_by(found, files.values())
        rows.append(Row(case_id, found.status, found.expunge,
                        found.expunge is not None and found.expunge <= now and not held, held))
    return Report(now, tuple(rows))


def held_by(case: CaseFile, others: Iterable[CaseFile]) -> tuple[str, ...]:
    """Key-less: the open cases among ``others`` naming one of the people ``case`` names (blinded tokens)."""
    people = set(case.people)
    if not people:
        return ()
    return tuple(sorted(other.case for other in others
                        if other.case != case.case and other.status != CLOSED and people & set(other.people)))


def expunge(session: Session, case_id: str) -> Expunged:
    """Remove a case whose retention date has passed, and its attachments, leaving its tombstone; one commit.

    Raises:
        ConflictError: the case is open, kept by the policy, or its date has not come.
    """
    work = Workspace(session)
    work.signer  # only members with a valid key expunge  # noqa: B018
    archive = work.archive
    with archive.locked():
        archive.ensure_trusted()
        loaded = work.load_case(case_id)
        state = loaded.state
        date = expunge_at(state, work.policy) if state.status == CLOSED else None
        now = format_time(work.now)
        if date is None:
            why = "kept under this archive's retention policy" if state.status == CLOSED else "not closed"
            raise ConflictError(f"case {case_id} is {why}; see 'cocctl retention' and 'cocctl policy show'")
        if date > now:
            raise ConflictError(f"case {case_id} may be expunged from {date}, not before; see 'cocctl retention'")
        sharing = archive.case_ids_holding(loaded.file.people) if loaded.file.people else []
        held = held_by(loaded.file, (archive.read_case(other) for other in sharing))
        if held:
            raise ConflictError(f"case {case_id} is held while open case {', '.join(held)} names the same person; "
                                "expunge it once that case is closed and its own date has passed")
        stone = tombstone.Tombstone(case_id, state.kind, outcome_class(state), state.opened_at, state.closed_at or now,
                                    now, work.me.handle, loaded.file.people)
        removed = [archive.case_relpath(case_id), *attachments.stored(archive.root, case_id)]
        changes: dict[str, bytes | None] = {path: None for path in removed}
        changes[tombstone.relpath(case_id)] = tombstone.dumps(stone)
        commit = archive.commit(changes, f"Expunge case {case_id}", work.trailers("expunge", case_id), work.now,
                                sign=work.policy.require_signed_commits)
    try:
        (archive.root / "cases" / case_id).rmdir()
    except OSError:
        pass
    return Expunged(case_id, commit, tuple(removed), HISTORY_NOTE.format(case=case_id))


def expunge_allowed(commit: Any, old: CaseFile | None, paths: Collection[str]) -> bool:
    """Key-less, for verify: whether a commit deleting a case file is cocctl's expunge of it after its date."""
    if old is None or commit.action != "expunge" or commit.case != old.case or not old.expunge:
        return False
    if tombstone.relpath(old.case) not in paths:
        return False
    return datetime.fromisoformat(commit.date.replace("Z", "+00:00")) >= datetime.fromisoformat(
        old.expunge.replace("Z", "+00:00"))
