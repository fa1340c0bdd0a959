"""The committee roster (committee.yaml): an append-only list of signed changes, and the members it yields.

Who may read future cases is decided here, so nothing in this file is taken
on trust: every change (a member added, removed, re-keyed or updated, a new
cocctl.yaml) is an entry signed with the Ed25519 key of a member who was
active before it, and the member list is recomputed from the entries on
every read. The ``members`` section in the file is a readable copy; it must
equal what the entries give. Entries are kept sorted by (time, id), so two
clones' rosters merge as the union of their entries without a key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from cocctl.archive import signing, validation, yamlio
from cocctl.archive.members import (  # noqa: F401  (Member, Entry and the change names are the roster's vocabulary)
    ADD, APPROVE, CHANGES, CONFIG, MAJORITY, REMOVAL_RULES, REMOVE, ROTATE, SINGLE, UPDATABLE, UPDATE, Entry, Member,
    sign_entry,
)
from cocctl.errors import IntegrityError, NotFound

FILE_NAME = "committee.yaml"
FORMAT_VERSION = 2

class RosterProblem(IntegrityError):
    """Raised when the entries do not form a valid signed roster (a forged or altered change)."""


@dataclass(frozen=True)
class Pending:
    """A removal waiting for the majority the policy requires.

    Attributes:
        id: the ``remove`` entry's id (what approvals name).
        handle: the member it would remove.
        approvals: the members who signed it so far (its author first).
        needs: signatures that make it take effect (a simple majority of the
            members active when it was proposed).
    """

    id: str
    handle: str
    approvals: tuple[str, ...]
    needs: int


@dataclass(frozen=True)
class Roster:
    """All members, past and present, in the order they joined, and the entries that made them."""

    members: tuple[Member, ...] = field(default=())
    entries: tuple[Entry, ...] = field(default=())
    config: str | None = None
    removal: str = SINGLE
    pending: tuple[Pending, ...] = ()

    def pending_removal(self, handle: str) -> Pending | None:
        """The removal of ``handle`` waiting for approvals, if any."""
        return next((p for p in self.pending if p.handle == handle), None)

    @property
    def active(self) -> tuple[Member, ...]:
        """Members on the committee now."""
        return tuple(member for member in self.members if member.active)

    @property
    def head(self) -> str | None:
        """Id of the latest entry (what the next entry follows)."""
        return self.entries[-1].id if self.entries else None

    @property
    def ids(self) -> frozenset[str]:
        """Ids of every entry."""
        return frozenset(entry.id for entry in self.entries)

    def get(self, handle: str) -> Member:
        """Return the member with ``handle``.

        Raises:
            NotFound: no such member.
        """
        for member in self.members:
            if member.handle == handle:
                return member
        raise NotFound(f"no committee member {handle!r}; see 'cocctl member list'")

    def find(self, handle: str) -> Member | None:
        """The member with ``handle``, or None."""
        return next((member for member in self.members if member.handle == handle), None)

    def find_recipient(self, recipient: str) -> Member | None:
        """Return the active member whose public key is ``recipient``, if any."""
        for member in self.active:
            if member.recipient == recipient:
                return member
        return None

    def signer_valid(self, handle: str, at: str, statement: Any, domain: bytes, sig: str) -> bool:
        """Whether ``handle`` was a member at ``at`` and signed ``statement`` with the key they held then."""
        member = self.find(handle)
        if member is None or not member.active_at(at):
            return False
        key = member.signing_key_at(at)
        return key is not None and signing.verify(key, domain, statement, sig)

    def seal_valid(self, case_id: str, seal: Any) -> bool:
        """Whether a case file's ``seal`` carries its signer's outer signature, made while they were a member."""
        return self.signer_valid(seal.signer, seal.signed_at, seal.statement(case_id), signing.SEAL_DOMAIN, seal.sig)

    def with_entry(self, entry: Entry) -> Roster:
        """Return the roster with ``entry`` appended (it must be signed and newer than the head).

        Raises:
            RosterProblem: the entry is not valid after this roster.
        """
        return build([*self.entries, entry])

    def to_dict(self) -> dict[str, Any]:
        """Return the roster as file data."""
        return {
            "cocctl": FORMAT_VERSION,
            "members": [member.to_dict() for member in self.members],
            "changes": [entry.to_dict() for entry in self.entries],
        }


def config_hash(data: bytes) -> str:
    """The SHA-256 (hex) a ``config`` entry records for cocctl.yaml's bytes."""
    return hashlib.sha256(data).hexdigest()


def entry_order(entry: Entry) -> tuple[str, str]:
    """Entries apply in (time, id) order, the same in every clone."""
    return (entry.at, entry.id)


def build(entries: Iterable[Entry]) -> Roster:
    """Fold signed entries into the roster they describe, checking every signature.

    The first entry must add its own signer (the archive's creator signs
    with the key being added). Every later entry must be signed by a member
    who is active just before it, with the key they hold then; a removed
    member's key signs nothing after their removal.

    Raises:
        RosterProblem: a signature does not verify, a signer was not an
            active member, an entry refers to an unknown one, or a change
            does not apply (adding a handle twice, removing a stranger).
    """
    ordered = sorted(entries, key=entry_order)
    members: dict[str, Member] = {}
    config: str | None = None
    removal = SINGLE
    pending: dict[str, Pending] = {}
    seen: set[str] = set()
    for index, entry in enumerate(ordered):
        if entry.id in seen:
            raise RosterProblem(f"{FILE_NAME} holds roster change {entry.id} twice; restore it with git")
        if index == 0:
            _check_first(entry)
        else:
            if entry.after is None or entry.after not in seen:
                raise RosterProblem(f"roster change {entry.id} follows a change this roster does not hold")
            signer = members.get(entry.by)
            # An approval that crossed the removal it approves (signed in another clone before the
            # majority was reached there) changes nothing, so its signer may be the member that very
            # removal took off the roster; their signature must still verify.
            crossed = entry.change == APPROVE and entry.approves in seen and entry.approves not in pending
            if signer is None or not (signer.active or crossed) or signer.signing is None or not signing.verify(
                signer.signing, signing.ROSTER_DOMAIN, entry.statement(), entry.sig
            ):
                raise RosterProblem(
                    f"roster change {entry.id} ({entry.change}) is not signed by an active member; "
                    "someone edited committee.yaml outside cocctl: restore it with git and run 'cocctl verify'"
                )
        seen.add(entry.id)
        if entry.change == CONFIG:
            config, removal = entry.config, entry.removal or SINGLE
        elif entry.change == APPROVE:
            members = _approve(members, pending, entry, seen)
        elif entry.change == REMOVE and removal == MAJORITY and (entry.member or {}).get("handle") != entry.by:
            members = _propose_removal(members, pending, entry)
        else:
            members = _apply(members, entry)
    ordered_members = sorted(members.values(), key=lambda m: (m.joined, m.handle))
    waiting = tuple(p for p in pending.values() if members[p.handle].active)  # not those who resigned meanwhile
    return Roster(tuple(ordered_members), tuple(ordered), config, removal, waiting)


def _propose_removal(members: dict[str, Member], pending: dict[str, Pending], entry: Entry) -> dict[str, Member]:
    """A removal under the majority rule waits for approvals, unless its author alone is a majority."""
    handle = (entry.member or {}).get("handle", "")
    if handle not in members or not members[handle].active:
        raise RosterProblem(f"roster change {entry.id} removes {handle}, who is not an active member")
    needs = sum(1 for member in members.values() if member.active) // 2 + 1
    if any(p.handle == handle for p in pending.values()):
        return members  # proposed twice concurrently: the first proposal collects the approvals
    if needs <= 1:
        return _apply(members, entry)
    pending[entry.id] = Pending(entry.id, handle, (entry.by,), needs)
    return members


def _approve(members: dict[str, Member], pending: dict[str, Pending], entry: Entry,
             seen: set[str]) -> dict[str, Member]:
    """Count one more signature on a pending removal; at the majority it takes effect, now.

    An approval that arrives after the removal took effect (two members
    approving at once in two clones) changes nothing.
    """
    if entry.approves not in seen:
        raise RosterProblem(f"roster change {entry.id} approves a change this roster does not hold")
    proposal = pending.get(entry.approves or "")
    if proposal is None or entry.by in proposal.approvals:
        return members
    proposal = replace(proposal, approvals=proposal.approvals + (entry.by,))
    pending[proposal.id] = proposal
    if len(proposal.approvals) < proposal.needs:
        return members
    del pending[proposal.id]
    subject = members.get(proposal.handle)
    if subject is None or not subject.active:
        return members  # they left meanwhile (resigned)
    return _apply(members, replace(entry, change=REMOVE, member={"handle": proposal.handle}))


def _check_first(entry: Entry) -> None:
    member = entry.member or {}
    if entry.change != ADD or entry.after is not None or member.get("handle") != entry.by:
        raise RosterProblem(f"{FILE_NAME}: the first roster change must be its signer adding themself")
    key = member.get("signing")
    if not key or not signing.verify(key, signing.ROSTER_DOMAIN, entry.statement(), entry.sig):
        raise RosterProblem(f"{FILE_NAME}: the first roster change is not signed by the member it adds")


def _apply(members: dict[str, Member], entry: Entry) -> dict[str, Member]:
    data = entry.member or {}
    handle = data.get("handle", "")
    current = members.get(handle)
    members = dict(members)
    if entry.change == ADD:
        if current is not None:
            raise RosterProblem(f"roster change {entry.id} adds {handle}, who is already on the roster")
        members[handle] = Member(
            handle=handle, recipient=data["recipient"], joined=data.get("joined", entry.at),
            signing=data.get("signing"),
            name=data.get("name"), email=data.get("email"), roles=tuple(data.get("roles", ())),
            employer=data.get("employer"),
        )
        return members
    if current is None or not current.active:
        raise RosterProblem(f"roster change {entry.id} changes {handle}, who is not an active member")
    if entry.change == REMOVE:
        members[handle] = replace(current, left=data.get("left", entry.at))
    elif entry.change == ROTATE:
        past = current.past_keys + ((current.signing, entry.at),) if current.signing else current.past_keys
        members[handle] = replace(current, recipient=data["recipient"], signing=data["signing"], past_keys=past)
    elif entry.change == UPDATE:
        changes = {name: data[name] for name in UPDATABLE if name in data}
        if "roles" in changes:
            changes["roles"] = tuple(changes["roles"])
        if changes.pop("confirmed", None):
            changes["confirmed"] = entry.at
        members[handle] = replace(current, **changes)
    return members


def loads(data: bytes) -> Roster:
    """Parse committee.yaml and rebuild the roster from its signed changes.

    Raises:
        IntegrityError: not YAML, not a valid roster, a change that does not
            verify, or a member list that differs from what the changes give.
    """
    try:
        raw = yamlio.loads(data)
    except yamlio.YAMLSyntaxError as error:
        raise IntegrityError(f"{FILE_NAME} is not valid ({error}); restore it with git") from None
    if isinstance(raw, dict) and raw.get("cocctl") == 1:
        return _loads_v1(raw)
    found = validation.problems(validation.COMMITTEE, raw)
    if found:
        raise IntegrityError(f"{FILE_NAME} is not valid ({found[0]}); restore it with git")
    roster = build(Entry.from_dict(item) for item in raw["changes"])
    if raw["members"] != [member.to_dict() for member in roster.members]:
        raise IntegrityError(
            f"{FILE_NAME}: the member list differs from what its signed changes give; "
            "someone edited it outside cocctl: restore it with git"
        )
    return roster


def _loads_v1(raw: dict[str, Any]) -> Roster:
    """A version-1 roster (no signatures): readable, never trusted for writing; see ``cocctl upgrade``."""
    members = []
    for item in raw.get("members") or ():
        if not isinstance(item, dict) or not {"handle", "recipient", "joined"} <= item.keys():
            raise IntegrityError(f"{FILE_NAME} is not valid; restore it with git")
        fields = {k: item[k] for k in ("handle", "recipient", "joined", "name", "email", "employer", "left",
                                       "confirmed") if k in item}
        members.append(Member(**fields, roles=tuple(item.get("roles", ()))))
    return Roster(tuple(members), (), None)


def is_unsigned(roster: Roster) -> bool:
    """Whether ``roster`` came from a version-1 file (members but no signed changes)."""
    return bool(roster.members) and not roster.entries


def dumps(roster: Roster) -> bytes:
    """Serialize the roster, refusing an invalid one."""
    data = roster.to_dict()
    found = validation.problems(validation.COMMITTEE, data)
    if found:
        raise IntegrityError(f"refusing to write an invalid {FILE_NAME}: {found[0]}")
    return yamlio.dumps(data).encode("utf-8")


def merge(base: Roster | None, ours: Roster, theirs: Roster) -> Roster:
    """The union of two rosters' entries (the merge driver's result); needs no key.

    Raises:
        RosterProblem: the union does not verify (for example a change by a
            member the other side removed); a person must look.
    """
    del base  # entries are only ever added, so the union of both sides is the three-way merge
    # `after` is signed and never rewritten, so after a union two entries
    # may follow the same one: the chain is a tree rooted at the first entry.
    union = {entry.id: entry for entry in (*ours.entries, *theirs.entries)}
    return build(union.values())
