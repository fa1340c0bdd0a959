"""A case file on disk (format 2): plaintext metadata and an append-only list of signed seals.

Each user action appends one *seal*: that action's events as JSON, signed
by their author (the inner signature, which survives re-encryption), then
age-encrypted to the case's readers and signed again over the ciphertext
and the seal's plaintext fields (the outer signature, which key-less CI
checks). Because seals are only ever added, or re-encrypted in place under
the same id, two clones' versions merge as the union of their seals by id
without any key. The metadata is derived from the events by a reader; it
holds no name, handle of anyone involved, or text.

Version-1 files (one payload holding the whole log) are read until ``cocctl upgrade`` rewrites them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cocctl.archive import signing, validation, yamlio
from cocctl.errors import AccessDenied, ConflictError, IdentityError, IntegrityError

FORMAT_VERSION = 2
# The metadata fields a reader derives from the events; merges recompute them.
DERIVED = ("status", "opened", "updated", "readers", "guests", "due", "people", "expunge", "report")


@dataclass(frozen=True)
class Seal:
    """One action's events, encrypted to the case's readers and signed.

    Attributes:
        id: unique, sortable id (a ULID).
        by: the member whose action this is (the events' author).
        at: when the action was taken.
        readers: member handles the ciphertext is encrypted to.
        guests: outside readers (e.g. a mediator) it is also encrypted to.
        age: the armored age file.
        sig: the outer signature (by ``sealer`` when set, else ``by``).
        sealer: the member who re-encrypted it for a new set of readers.
        sealed: when they did.
        imported: events from a version-1 file, vouched for by the upgrader.
        actors: outside actors' signing keys this seal's author grants ("" ends one), see archive/actors.py.
        vouch: the author's signature over ``actors``, which survives re-encryption.
    """

    id: str
    by: str
    at: str
    readers: tuple[str, ...]
    age: str
    sig: str = ""
    guests: tuple[str, ...] = ()
    sealer: str | None = None
    sealed: str | None = None
    imported: bool = False
    actors: tuple[tuple[str, str], ...] = ()
    vouch: str = ""

    @property
    def signer(self) -> str:  # who made the outer signature
        return self.sealer or self.by

    signed_at = property(lambda self: self.sealed or self.at, doc="When the outer signature was made.")

    def statement(self, case_id: str) -> dict[str, Any]:
        """What the outer signature covers: the case, the plaintext fields and the ciphertext's hash."""
        return {
            "case": case_id, "id": self.id, "by": self.by, "at": self.at, "readers": list(self.readers),
            "guests": list(self.guests), "sealer": self.sealer, "sealed": self.sealed, "imported": self.imported,
            "age": hashlib.sha256(self.age.encode("ascii")).hexdigest(),
            **({"actors": dict(self.actors), "vouch": self.vouch} if self.actors else {}),
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the seal as file data (the ciphertext last, as a literal block)."""
        data: dict[str, Any] = {"id": self.id, "by": self.by, "at": self.at, "readers": list(self.readers)}
        data.update({"guests": list(self.guests)} if self.guests else {})
        data.update({"imported": True} if self.imported else {})
        if self.sealer:
            data["sealer"], data["sealed"] = self.sealer, self.sealed
        data.update({"actors": dict(self.actors), "vouch": self.vouch} if self.actors else {})
        data["sig"] = self.sig
        data["age"] = yamlio.Literal(self.age)
        return data

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Seal:
        """Build a seal from schema-validated file data."""
        return cls(raw["id"], raw["by"], raw["at"], tuple(raw["readers"]), raw["age"], raw["sig"],
                   tuple(raw.get("guests", ())), raw.get("sealer"), raw.get("sealed"), bool(raw.get("imported")),
                   tuple(sorted(raw.get("actors", {}).items())), raw.get("vouch", ""))


@dataclass(frozen=True)
class CaseFile:
    """What anyone with the repository sees of a case: derived metadata and the seals.

    ``payload`` is set only for a version-1 file (and ``seals`` is then empty).
    """

    case: str
    status: str
    opened: str
    updated: str
    readers: tuple[str, ...]
    seals: tuple[Seal, ...] = ()
    guests: tuple[str, ...] = ()
    due: tuple[dict[str, str], ...] = field(default=())
    # Blinded tokens of the reported people (archive/blind.py); no names.
    people: tuple[str, ...] = field(default=())
    reseal: bool = False
    payload: str | None = None
    expunge: str | None = None  # when the retention policy lets the (closed) case be expunged
    report: dict[str, Any] | None = None  # what a transparency report counts (policy/reportable.py)

    @property
    def version(self) -> int:
        """The file format: 1 (one payload) or 2 (seals)."""
        return 1 if self.payload is not None else FORMAT_VERSION

    def sealed_to(self, readers: tuple[str, ...], guests: tuple[str, ...]) -> bool:
        """Whether every seal is encrypted to exactly ``readers`` and ``guests``."""
        return all(seal.readers == readers and seal.guests == guests for seal in self.seals)

    @property
    def fixers(self) -> tuple[str, ...]:
        """Members who can read every seal, so can re-seal the case."""
        if not self.seals:
            return self.readers
        common = set(self.seals[0].readers)
        for seal in self.seals[1:]:
            common &= set(seal.readers)
        return tuple(sorted(common))

    def to_dict(self) -> dict[str, Any]:
        """Return the case file in file order."""
        data: dict[str, Any] = {
            "cocctl": FORMAT_VERSION, "case": self.case, "status": self.status, "opened": self.opened,
            "updated": self.updated, "readers": list(self.readers),
        }
        data.update({"guests": list(self.guests)} if self.guests else {})
        data.update({"due": [dict(item) for item in self.due]} if self.due else {})
        data.update({"people": list(self.people)} if self.people else {})
        data.update({"expunge": self.expunge} if self.expunge else {})
        data.update({"report": dict(self.report)} if self.report else {})
        data.update({"reseal": True} if self.reseal else {})
        data["seals"] = [seal.to_dict() for seal in self.seals]
        return data


def dumps(case_file: CaseFile) -> bytes:
    """Serialize a format-2 case file, refusing one its schema rejects.

    Raises:
        IntegrityError: the file breaks ``schemas/casefile.schema.json``.
    """
    data = case_file.to_dict()
    plain = {**data, "seals": [{**s, "age": str(s["age"])} for s in data["seals"]]}
    found = validation.problems(validation.CASEFILE, plain)
    if found:
        raise IntegrityError(f"refusing to write an invalid case file for {case_file.case}: {found[0]}")
    return yamlio.dumps(data).encode("utf-8")


def loads(data: bytes, *, name: str) -> CaseFile:
    """Parse and validate a case file (format 2, or a version-1 envelope); ``name`` is its path.

    Raises:
        IntegrityError: not YAML, or not a valid case file.
    """
    try:
        raw = yamlio.loads(data)
    except yamlio.YAMLSyntaxError as error:
        raise IntegrityError(f"{name} is not a valid case file ({error}); restore it with git") from None
    schema = validation.ENVELOPE if isinstance(raw, dict) and raw.get("cocctl") == 1 else validation.CASEFILE
    found = validation.problems(schema, raw)
    if found:
        raise IntegrityError(f"{name} is not a valid case file ({found[0]}); restore it with git")
    common = {
        "case": raw["case"], "status": raw["status"], "opened": raw["opened"], "updated": raw["updated"],
        "guests": tuple(raw.get("guests", ())), "due": tuple(raw.get("due", ())),
        "people": tuple(raw.get("people", ())), "expunge": raw.get("expunge"), "report": raw.get("report"),
    }
    if schema == validation.ENVELOPE:
        return CaseFile(readers=tuple(raw["recipients"]), payload=raw["payload"], **common)
    seals = tuple(Seal.from_dict(item) for item in raw["seals"])
    if len({seal.id for seal in seals}) != len(seals):
        raise IntegrityError(f"{name} holds a seal id twice; restore it with git")
    return CaseFile(readers=tuple(raw["readers"]), seals=seals, reseal=bool(raw.get("reseal")), **common)


# -- sealing and opening --------------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    """A seal's decrypted content: its events and the exact signed plaintext (kept to re-encrypt)."""

    events: tuple[dict[str, Any], ...]
    plaintext: bytes


def inner_statement(case_id: str, seal_id: str, by: str, at: str, events: Sequence[dict[str, Any]],
                    imported: bool = False) -> dict[str, Any]:
    """What the author's inner signature covers."""
    return {"case": case_id, "seal": seal_id, "by": by, "at": at, "imported": imported, "events": list(events)}


def seal(key: signing.SigningKey, case_id: str, draft: Seal, events: Sequence[dict[str, Any]],
         recipients: Sequence[Any]) -> Seal:
    """Sign ``events`` as ``draft.by``, encrypt them to ``recipients`` and sign the seal.

    Args:
        key: the author's signing key.
        draft: the seal's plaintext fields (``age`` and ``sig`` are filled in).
    """
    statement = inner_statement(case_id, draft.id, draft.by, draft.at, events, draft.imported)
    inner = {**statement, "sig": key.sign(signing.EVENTS_DOMAIN, statement)}
    return encrypt(key, case_id, draft, signing.canonical(inner), recipients)


def encrypt(key: signing.SigningKey, case_id: str, draft: Seal, plaintext: bytes, recipients: Sequence[Any]) -> Seal:
    """Encrypt a seal's signed plaintext to ``recipients`` and sign the result with ``key``."""
    from cocctl import age

    try:
        # A Batch (plugin recipients wrapping keys ahead) goes through as it is.
        armored = age.encrypt(plaintext, recipients if isinstance(recipients, age.Batch) else list(recipients),
                              armor=True).decode("ascii")
    except age.PluginError as error:
        raise ConflictError(f"cannot encrypt to a member's plugin key: {error}; nothing was written") from None
    done = replace(draft, age=armored, sig="")
    return replace(done, sig=key.sign(signing.SEAL_DOMAIN, done.statement(case_id)))


def open_seal(case_id: str, sealed: Seal, identities: Sequence[Any], *, name: str) -> Opened:
    """Decrypt one seal and check that its inside matches its outside.

    The author's inner signature is checked by :func:`check_author`, which
    needs the roster.

    Raises:
        AccessDenied: none of ``identities`` is a recipient of the seal.
        IntegrityError: the ciphertext is corrupt, or its content is not the
            seal it claims to be (another case, another author, moved).
    """
    from cocctl import age

    try:
        plaintext = age.decrypt(sealed.age.encode("ascii"), list(identities))
    except age.PluginError as error:
        raise IdentityError(str(error)) from None
    except age.NoIdentityMatch:
        raise AccessDenied(f"your identity cannot decrypt case {case_id}: you are not one of its recipients") from None
    except (age.AgeError, UnicodeEncodeError) as error:
        raise IntegrityError(
            f"{name}: seal {sealed.id} is corrupt or was tampered with ({type(error).__name__}); restore it with git"
        ) from None
    inner = _parse_inner(plaintext, name, sealed.id)
    if (inner.get("case"), inner.get("seal"), inner.get("by"), inner.get("at"), bool(inner.get("imported"))) != (
        case_id, sealed.id, sealed.by, sealed.at, sealed.imported
    ):
        raise IntegrityError(f"{name}: seal {sealed.id} holds another seal's content (moved or swapped); restore it with git")
    events = inner.get("events")
    if not isinstance(events, list) or not all(isinstance(item, dict) for item in events):
        raise IntegrityError(f"{name}: seal {sealed.id} does not hold a list of events")
    if not sealed.imported and any(item.get("by") != sealed.by for item in events):
        raise IntegrityError(f"{name}: seal {sealed.id} holds events by someone other than its author")
    return Opened(tuple(events), plaintext)


def _parse_inner(plaintext: bytes, name: str, seal_id: str) -> dict[str, Any]:
    try:
        inner = json.loads(plaintext)
    except ValueError:
        inner = None
    if not isinstance(inner, dict):
        raise IntegrityError(f"{name}: seal {seal_id} decrypts to something that is not a seal")
    return inner


def check_author(case_id: str, sealed: Seal, opened: Opened, author_key: str | None) -> bool:
    """Whether the author's inner signature over the events verifies with ``author_key``."""
    if author_key is None:
        return False
    inner = json.loads(opened.plaintext)
    statement = inner_statement(case_id, sealed.id, sealed.by, sealed.at, inner["events"], sealed.imported)
    return signing.verify(author_key, signing.EVENTS_DOMAIN, statement, inner.get("sig", ""))


def open_payload(case_file: CaseFile, identities: Sequence[Any], *, name: str) -> tuple[dict[str, Any], ...]:
    """The events of a version-1 file's single payload.

    Raises:
        AccessDenied, IntegrityError: as :func:`open_seal`.
    """
    from cocctl import age

    assert case_file.payload is not None
    try:
        plaintext = age.decrypt(case_file.payload.encode("ascii"), list(identities))
    except age.PluginError as error:
        raise IdentityError(str(error)) from None
    except age.NoIdentityMatch:
        raise AccessDenied(
            f"your identity cannot decrypt case {case_file.case}: you are not one of its readers"
        ) from None
    except (age.AgeError, UnicodeEncodeError) as error:
        raise IntegrityError(f"{name} is corrupt or was tampered with ({type(error).__name__}); restore it with git") from None
    try:
        document = yamlio.loads(plaintext)
    except yamlio.YAMLSyntaxError:
        raise IntegrityError(f"{name} decrypts to something that is not a case document") from None
    found = validation.case_problems(document)
    if found:
        raise IntegrityError(f"{name} decrypts to an invalid case document ({found[0]})")
    for mirrored in ("case", "status", "opened", "updated"):
        if document[mirrored] != getattr(case_file, mirrored):
            raise IntegrityError(f"{name}: envelope {mirrored} disagrees with the encrypted case; restore it with git")
    return tuple(document["events"])


def readable_events(case_file: CaseFile, identities: Sequence[Any], *, name: str,
                    ) -> tuple[tuple[dict[str, Any], ...], int]:
    """The events of every seal ``identities`` open (format 1: the payload), and how many seals they do not.

    Signatures are not checked here (the roster is needed for that); this
    serves history and diffs, never a write.

    Raises:
        AccessDenied: a version-1 payload I cannot open.
        IntegrityError: a corrupt or mismatched seal.
    """
    if case_file.version == 1:
        return open_payload(case_file, identities, name=name), 0
    events: list[dict[str, Any]] = []
    hidden = 0
    for sealed in case_file.seals:
        try:
            events += open_seal(case_file.case, sealed, identities, name=name).events
        except AccessDenied:
            hidden += 1
    return tuple(events), hidden


# -- merging without a key ------------------------------------------------------------------------


@dataclass(frozen=True)
class Union:
    """The three-way union of two versions' seals, and what each side brought."""

    seals: tuple[Seal, ...]
    ours_added: int
    theirs_added: int


def union(base: CaseFile | None, ours: CaseFile, theirs: CaseFile) -> Union:
    """Merge two versions' seals by id: every seal either side holds survives.

    A seal re-encrypted on one side (same id, new ciphertext) replaces the
    base version; re-encrypted on both, the later re-encryption wins and a
    reader re-seals at the next sync if its readers are not the right ones.
    """
    base_seals = {s.id: s for s in base.seals} if base else {}
    merged = {s.id: s for s in ours.seals}
    theirs_added = 0
    for other in theirs.seals:
        mine = merged.get(other.id)
        if mine is None:
            merged[other.id] = other
            theirs_added += int(other.id not in base_seals)
        elif mine != other:
            original = base_seals.get(other.id)
            if mine == original or (original != other and (other.signed_at, other.sig) > (mine.signed_at, mine.sig)):
                merged[other.id] = other
    ours_added = sum(1 for s in ours.seals if s.id not in base_seals)
    ordered = tuple(sorted(merged.values(), key=lambda s: (s.at, s.id)))
    return Union(ordered, ours_added, theirs_added)


def conservative(ours: CaseFile, theirs: CaseFile, seals: tuple[Seal, ...]) -> CaseFile:
    """Metadata for a merged file nobody could read at merge time: marked for a reader's re-seal.

    Pending deadlines are the union of both sides (``due --check`` misses none); the rest is the newer side's.
    """
    newer = max(ours, theirs, key=lambda f: f.updated)
    due = {(d["kind"], d["at"]): d for d in (*ours.due, *theirs.due)}
    return CaseFile(
        case=ours.case, status=newer.status, opened=min(ours.opened, theirs.opened),
        updated=max(ours.updated, theirs.updated), readers=tuple(sorted(set(ours.readers) | set(theirs.readers))),
        seals=seals, guests=tuple(sorted(set(ours.guests) | set(theirs.guests))),
        due=tuple(due[key] for key in sorted(due, key=lambda k: (k[1], k[0]))),
        people=tuple(sorted(set(ours.people) | set(theirs.people))), reseal=True, expunge=newer.expunge,
        report=newer.report,
    )
