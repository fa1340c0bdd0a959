"""Merging two clones' versions of a case: the union of their event logs, re-encrypted.

git calls this as the ``cocctl`` merge driver for ``cases/**`` (see
``.gitattributes``), so two members who worked offline on the same case
merge without losing an event, and the result is encrypted to the readers
the merged log calls for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cocctl.archive import casefile
from cocctl.archive import envelope as envelope_file
from cocctl.archive.fsio import write_atomic
from cocctl.errors import AccessDenied, ConflictError, IntegrityError
from cocctl.model.events import Event
from cocctl.service.workspace import Session, Workspace

# Event types that settle a case: if both sides added one, a person decides.
FINAL_TYPES = frozenset({"decided", "appeal-decided"})


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge produced: the case, and how many events each side brought."""

    case: str
    ours_added: int
    theirs_added: int


def merge_case_files(session: Session, base: Path, ours: Path, theirs: Path, name: str) -> MergeOutcome:
    """Merge ``theirs`` into ``ours`` (both versions of case file ``name``), writing ``ours``.

    Args:
        base: the common ancestor's version (empty when both sides added the file).
        ours: our version; replaced by the merge result on success.
        theirs: their version.
        name: the file's path in the archive, for messages.

    Raises:
        ConflictError: the versions cannot be merged automatically (different
            cases under one id, both sides recorded a final decision, or I
            cannot read the case); ``ours`` is left untouched.
        IntegrityError: an event id carries different content on each side.
    """
    work = Workspace(session)
    base_events = _events(work, base, name) if base.read_bytes().strip() else {}
    our_events = _events(work, ours, name)
    their_events = _events(work, theirs, name)
    if not base_events and our_events.keys().isdisjoint(their_events):
        raise ConflictError(f"{name}: both sides created a different case under this id; rename one of them")
    for event_id in our_events.keys() & their_events.keys():
        if our_events[event_id] != their_events[event_id]:
            raise IntegrityError(f"{name}: event {event_id} differs between the two sides; one was altered")
    ours_added = {i: e for i, e in our_events.items() if i not in base_events}
    theirs_added = {i: e for i, e in their_events.items() if i not in base_events and i not in our_events}
    if _settles(ours_added.values()) and _settles(theirs_added.values()):
        raise ConflictError(f"{name}: both sides recorded a final decision; the committee must choose one")
    merged = list({**our_events, **their_events}.values())
    _, data = work.seal(merged)
    write_atomic(ours, data)
    return MergeOutcome(name, len(ours_added), len(theirs_added))


def _events(work: Workspace, path: Path, name: str) -> dict[str, Event]:
    envelope = envelope_file.loads(path.read_bytes(), name=name)
    try:
        document = casefile.unseal(envelope, work.identities, name=name)
    except AccessDenied:
        raise ConflictError(f"{name}: your identity cannot read this case, so it cannot merge it; "
                            "ask one of its readers to merge") from None
    return {raw["id"]: Event.from_dict(raw) for raw in document["events"]}


def _settles(events: object) -> bool:
    return any(event.type in FINAL_TYPES for event in events)  # type: ignore[attr-defined]
