"""Outside actors on one case (a third-party mediator): whose signing keys a member vouched for, checked key-less.

A member's ``grant --key`` seal carries, in plaintext, the actor's name and
signing key (``actors``) and the member's own signature over them
(``vouch``, made with their roster key over the case, the seal's id,
author and time). Because the vouch does not cover the ciphertext, it
survives every re-encryption of that seal, by whoever does it. A seal
signed by an outside actor is valid when the latest vouched record for
that name at or before the seal's time gives the key that verifies it: a
member's ``revoke`` (or a grant without a key) records "" and ends the
actor's power on later seals. Someone with push access cannot add
themselves: they cannot make a member's vouch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cocctl.archive import signing
from cocctl.archive.casefile import CaseFile, Seal

ENDED = ""  # the key a record gives when it ends an actor's power


def statement(case_id: str, sealed: Seal, actors: Mapping[str, str]) -> dict[str, Any]:
    """What the vouch covers: the case, the seal's identity and the actors it grants or ends."""
    return {"case": case_id, "seal": sealed.id, "by": sealed.by, "at": sealed.at, "actors": dict(actors)}


def vouched(key: signing.SigningKey, case_id: str, draft: Seal, actors: Mapping[str, str]) -> Seal:
    """``draft`` carrying ``actors`` and its author's vouch for them (no actors: unchanged)."""
    if not actors:
        return draft
    items = tuple(sorted(actors.items()))
    return replace(draft, actors=items, vouch=key.sign(signing.ACTORS_DOMAIN, statement(case_id, draft, dict(items))))


@dataclass(frozen=True)
class Record:
    """One vouched grant (or end) of an actor's key."""

    at: str
    seal: str
    name: str
    key: str


class Actors:
    """The vouched actor records of one case file, checked against a roster."""

    def __init__(self, case_file: CaseFile, roster: Any) -> None:
        records = []
        for sealed in case_file.seals if case_file.version == 2 else ():
            if not sealed.actors:
                continue
            actors = dict(sealed.actors)
            author = roster.find(sealed.by)
            if author is None or sealed.by in actors:
                continue
            if roster.signer_valid(sealed.by, sealed.at, statement(case_file.case, sealed, actors),
                                   signing.ACTORS_DOMAIN, sealed.vouch):
                records += [Record(sealed.at, sealed.id, name, key) for name, key in actors.items()]
        self.roster = roster
        self.records = tuple(sorted(records, key=lambda r: (r.at, r.seal)))

    def key_at(self, name: str, at: str) -> str | None:
        """The signing key a member last vouched for ``name`` by ``at`` (None: none, or ended).

        Times are whole seconds on the signers' own clocks: a seal made in the
        same second as the end of the actor's grant is concurrent work and
        kept, as for a member's removal.
        """
        if self.roster.find(name) is not None:
            return None  # a member's handle is never an outside actor
        found = [r for r in self.records if r.name == name and (r.at <= at if r.key else r.at < at)]
        return found[-1].key or None if found else None

    def current(self, key: str) -> str | None:
        """The name whose latest vouched key is ``key`` (an actor's own key finds their name)."""
        latest: dict[str, str] = {}
        for record in self.records:
            latest[record.name] = record.key
        return next((name for name, held in latest.items() if held == key and self.roster.find(name) is None), None)

    def seal_valid(self, case_id: str, sealed: Seal) -> bool:
        """Whether ``sealed``'s outer signature is a member's (while a member) or a vouched actor's."""
        if self.roster.find(sealed.signer) is not None:
            return bool(self.roster.seal_valid(case_id, sealed))
        key = self.key_at(sealed.signer, sealed.signed_at)
        return key is not None and signing.verify(key, signing.SEAL_DOMAIN, sealed.statement(case_id), sealed.sig)

    def author_key(self, sealed: Seal) -> str | None:
        """The key the author of ``sealed`` signed its events with: a member's at that time, or a vouched actor's."""
        member = self.roster.find(sealed.by)
        if member is not None:
            return member.signing_key_at(sealed.at)
        return self.key_at(sealed.by, sealed.at)

    def is_actor(self, name: str) -> bool:
        """Whether ``name`` is an outside actor anywhere in the file (never a member's handle)."""
        return self.roster.find(name) is None and any(r.name == name for r in self.records)
