"""Merging two clones' versions of a case file or of the roster, without needing a key.

git calls these as the ``cocctl`` and ``cocctl-roster`` merge drivers (see
``.gitattributes``). A case merges as the three-way union of its seals by
id, so every action either side took survives, whoever merges: a recused
member, one not cleared, or CI. When the merging member can read the whole
case, the plaintext metadata is recomputed from the merged events and the
seals are checked against the readers; otherwise the file is marked for a
reader's re-seal, which the next ``cocctl sync`` by a reader performs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from cocctl.archive import casefile
from cocctl.archive import roster as roster_file
from cocctl.archive.casefile import CaseFile
from cocctl.archive.fsio import write_atomic
from cocctl.errors import CocctlError, ConflictError
from cocctl.service.workspace import Session, Workspace


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge produced: the file, how many seals (or roster changes) each side brought, and whether a reader must re-seal."""

    case: str
    ours_added: int
    theirs_added: int
    reseal: bool = False


def merge_case_files(session: Session, base: Path, ours: Path, theirs: Path, name: str) -> MergeOutcome:
    """Merge ``theirs`` into ``ours`` (both versions of case file ``name``), writing ``ours``.

    Raises:
        ConflictError: the two sides are different cases under one id, or a
            side is still format 1 (run ``cocctl upgrade`` on both first);
            ``ours`` is left untouched.
        IntegrityError: a side is not a valid case file.
    """
    if name.count("/") == 2:
        return _attachment(name)
    base_data = base.read_bytes()
    base_file = casefile.loads(base_data, name=name) if base_data.strip() else None
    our_file = casefile.loads(ours.read_bytes(), name=name)
    their_file = casefile.loads(theirs.read_bytes(), name=name)
    if our_file.case != their_file.case:
        raise ConflictError(f"{name}: the two sides hold different cases; restore one of them with git")
    if 1 in (our_file.version, their_file.version) or (base_file is not None and base_file.version == 1):
        raise ConflictError(f"{name}: a side is still format 1; run 'cocctl upgrade' and merge again")
    if base_file is None and {s.id for s in our_file.seals}.isdisjoint(s.id for s in their_file.seals):
        raise ConflictError(f"{name}: both sides created a different case under this id; rename one of them")
    union = casefile.union(base_file, our_file, their_file)
    merged = _recomputed(session, name, our_file, their_file, union.seals)
    write_atomic(ours, casefile.dumps(merged))
    return MergeOutcome(name, union.ours_added, union.theirs_added, merged.reseal)


def _recomputed(session: Session, name: str, ours: CaseFile, theirs: CaseFile,
                seals: tuple[casefile.Seal, ...]) -> CaseFile:
    """The merged file's metadata: derived from the events when I can read them all, else conservative."""
    draft = replace(ours, seals=seals, reseal=False,
                    people=tuple(sorted(set(ours.people) | set(theirs.people))))
    try:
        work = Workspace(session)
        meta = work.metadata(work.open_file(draft, name).state, draft)
        merged = replace(meta, seals=seals)
        return replace(merged, reseal=not merged.sealed_to(meta.readers, meta.guests))
    except CocctlError:
        # No identity without a prompt, not a reader of every seal, or the
        # archive is unreadable from here: keep every seal, mark the file.
        return casefile.conservative(ours, theirs, seals)


def _attachment(name: str) -> MergeOutcome:
    """Both sides re-encrypted one attachment (its content never changes): ours stays.

    The case file's merge picks one side's re-encryption of the seal; when the
    two differ in readers, validate reports the attachment's key count and a
    reader's 'cocctl rekey' or next re-seal encrypts it again.
    """
    return MergeOutcome(name.split("/")[1], 0, 0)


def merge_rosters(base: Path, ours: Path, theirs: Path, name: str) -> MergeOutcome:
    """Merge two versions of committee.yaml as the union of their signed changes, writing ``ours``.

    Raises:
        IntegrityError: a side does not verify, or the union does not (for
            instance a change signed by a member the other side removed).
    """
    base_data = base.read_bytes()
    base_roster = roster_file.loads(base_data) if base_data.strip() else None
    our_roster = roster_file.loads(ours.read_bytes())
    their_roster = roster_file.loads(theirs.read_bytes())
    merged = roster_file.merge(base_roster, our_roster, their_roster)
    write_atomic(ours, roster_file.dumps(merged))
    known = base_roster.ids if base_roster else frozenset()
    return MergeOutcome(name, len(our_roster.ids - known), len(their_roster.ids - known - our_roster.ids))


