"""Case events: the append-only log every case is made of."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

# Event types this version understands. Unknown types in a document fail
# validation, so an old cocctl never silently drops what a newer one wrote.
OPENED = "opened"
AMENDED = "amended"
NOTE = "note"
EVIDENCE = "evidence"
CONTACT = "contact"
ASSIGNED = "assigned"
EXCLUDED = "excluded"
RECUSED = "recused"
CLEARED = "cleared"
GRANTED = "granted"
REVOKED = "revoked"
CLOSED = "closed"
REOPENED = "reopened"
COMMUNICATED = "communicated"  # a message went out to someone involved
EXPORTED = "exported"  # a decrypted hand-over bundle was made (cocctl export)
# Governance (decisions, sanctions, appeals, escrow).
PROPOSED = "proposed"
VOTED = "voted"
DECIDED = "decided"
CONFIRMED = "confirmed"  # the committee confirms an interim measure
LIFTED = "lifted"  # the committee lifts an interim measure
SUPERSEDED = "superseded"  # of two concurrent decisions, the committee sets one aside
APPEALED = "appealed"
APPEAL_DECIDED = "appeal-decided"
RELEASED = "released"  # an escrowed report becomes an active case
REPORTER_INVOLVEMENT = "reporter-involvement"  # whether the reporter wants to hear more
SEARCHING = "searching"  # the reported person cannot be found at an event (the reporter hears daily), or is found
LAW_ENFORCEMENT = "law-enforcement"
CONTENT_REMOVED = "content-removed"  # public content deleted, or its deletion requested
CONVERSATION = "conversation"  # a clarifying conversation, with an observer/scribe agreed by both parties
CONSULTED = "consulted"  # those involved were consulted before disclosing anything  # law enforcement involved; what was given to them
PLAN_RESPONSE = "plan-response"  # how the reported person took a behaviour-modification plan
# Who reads a case is the committee's business: an outside actor (a mediator) never writes these.
MEMBER_ONLY = frozenset({EXCLUDED, RECUSED, CLEARED, GRANTED, REVOKED})

KINDS = ("complaint", "concern", "anonymous", "escrow")
CHANNELS = ("email", "dm", "in-person", "public-channel", "proactive")
SEVERITIES = ("low", "medium", "high", "critical")

# Fields of a report that `amend --set`-style changes and `edit` may replace,
# and the list fields they may add to or remove from.
SCALAR_FIELDS = (
    "summary",
    "area",
    "kind",
    "channel",
    "received_at",
    "severity",
    "urgent",
    "privacy",
    "consent",
    "reporter",
)
LIST_FIELDS = ("reported", "witnesses", "evidence")

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class Event:
    """One entry of a case's log.

    Attributes:
        id: unique, sortable id (a ULID: 48-bit milliseconds + 80 random bits).
        at: canonical UTC time string (``2026-11-21T10:02:03Z``).
        by: committee handle of the actor, or ``system``.
        type: one of the event type constants.
        data: the type's payload; ``schemas/case.schema.json`` defines each.
    """

    id: str
    at: str
    by: str
    type: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the event as plain data for the case document."""
        return {"id": self.id, "at": self.at, "by": self.by, "type": self.type, "data": self.data}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Event:
        """Build an event from a (schema-validated) document entry."""
        return cls(raw["id"], raw["at"], raw["by"], raw["type"], dict(raw.get("data") or {}))


def new_event_id(millis: int) -> str:
    """Return a ULID for an event made at ``millis`` since the epoch.

    The random part keeps ids unique across clones that write at the same
    millisecond, so two clones' logs can be merged as a union by id.
    """
    value = (millis << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def sort_key(event: Event) -> tuple[str, str]:
    """Order events by time, then id (ids from one clone grow within a second)."""
    return (event.at, event.id)


def event_id_millis(event_id: str) -> int:
    """Return the milliseconds encoded in the first ten characters of a ULID."""
    value = 0
    for character in event_id[:10]:
        value = value * 32 + _CROCKFORD.index(character)
    return value
