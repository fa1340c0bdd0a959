"""Reading every case for bulk commands through the summary cache (archive/summaries.py).

Envelopes come from the cache's plaintext part; the events of the cases I
read come from its part encrypted to me, checked once when first read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from cocctl.archive.casefile import CaseFile
from cocctl.archive.summaries import Summaries
from cocctl.errors import CocctlError
from cocctl.model.events import Event
from cocctl.model.fold import fold
from cocctl.model.state import CaseState
from cocctl.service.workspace import Workspace

# Told how far bulk work is: (stage, done, total); the CLI draws it on a terminal (render/progress.py).
Progress = Callable[[str, int, "int | None"], None]
Item = TypeVar("Item")


def counted(items: Sequence[Item], stage: str, progress: Progress | None) -> Iterator[Item]:
    """``items`` one by one, telling ``progress`` (when there is one) how many are done."""
    for number, item in enumerate(items):
        if progress is not None:
            progress(stage, number, len(items))
        yield item
    if progress is not None:
        progress(stage, len(items), len(items))


class CaseReader:
    """Envelopes and folded states of one workspace's cases; :meth:`save` keeps what was read for the next run."""

    def __init__(self, work: Workspace) -> None:
        self.work = work
        self.cache = Summaries(work.archive, enabled=work.session.cache)

    def build(self, case_ids: Sequence[str], private: bool = False, progress: Progress | None = None) -> None:
        """Fill the cache for the cases not in it yet, in one pass over one ``git cat-file``.

        Each committed version missing from the cache is parsed once: its
        envelope is kept, and with ``private`` a case I am a reader of is
        also decrypted, checked and kept (encrypted to me). Anything that
        fails here is left for the per-case read, which reports it.

        Args:
            private: also the decrypted part (needs my identity).
            progress: told how many cases are done; not called when the cache is warm.
        """
        work, cache = self.work, self.cache
        me = work.me.handle if private else None
        if me is not None and not cache.usable(work.identities):
            me = None
        wanted = [case_id for case_id in case_ids if not cache.cached(case_id) or (
            me is not None and me in cache.envelope(case_id).readers and self._private(case_id) is None)]
        done = 0
        for case_id, found in cache.read_committed(wanted):
            if me is not None and me in found.readers and self._private(case_id) is None:
                try:
                    loaded = work.open_file(found, work.archive.case_relpath(case_id))
                except CocctlError:
                    pass
                else:
                    cache.remember(case_id, work.me.recipient, work.identities,
                                   [event.to_dict() for event in loaded.events])
            done += 1
            if progress is not None:
                progress("building the summary cache", done, len(wanted))

    def _private(self, case_id: str) -> object | None:
        return self.cache.private(case_id, self.work.me.recipient, self.work.identities)

    def envelope(self, case_id: str) -> CaseFile:
        """The case's plaintext metadata (its seals are left out when it comes from the cache)."""
        return self.cache.envelope(case_id)

    def state(self, case_id: str) -> CaseState:
        """The case decrypted, checked and folded, as ``Workspace.load_case`` gives it.

        Raises:
            AccessDenied, ConflictError, IntegrityError: as ``Workspace.load_case``.
        """
        events, state = self._read(case_id)
        return state if state is not None else fold(events)

    def events(self, case_id: str) -> tuple[Event, ...]:
        """The case's checked events in order, as ``Workspace.load_case`` gives them (raises as it does)."""
        return self._read(case_id)[0]

    def _read(self, case_id: str) -> tuple[tuple[Event, ...], CaseState | None]:
        work = self.work
        recipient = work.me.recipient
        raw = self._private(case_id)
        if isinstance(raw, list):
            try:
                return tuple(Event.from_dict(item) for item in raw), None
            except (CocctlError, KeyError, TypeError, ValueError, AttributeError):
                pass  # a damaged entry: read the case again
        loaded = work.load_case(case_id)
        self.cache.remember(case_id, recipient, work.identities, [event.to_dict() for event in loaded.events])
        return loaded.events, loaded.state

    def save(self) -> None:
        """Write the cache (quietly skipped when it cannot be written)."""
        self.cache.save()


def reader(work: Workspace) -> CaseReader:
    """A :class:`CaseReader` for ``work``."""
    return CaseReader(work)


def envelope_rows(work: Workspace, progress: Progress | None = None) -> list[tuple[str, CaseFile]]:
    """(case id, envelope) of every case, through the cache (filled in one pass when cold)."""
    cases = reader(work)
    ids = work.archive.case_ids()
    cases.build(ids, progress=progress)
    rows = [(case_id, cases.envelope(case_id)) for case_id in ids]
    cases.save()
    return rows

