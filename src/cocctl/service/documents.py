"""Opening a case payload without trusting it, and the invariants a case document keeps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cocctl import validation
from cocctl.archive import yamlio
from cocctl.archive.casefile import MIRRORED
from cocctl.archive.envelope import Envelope
from cocctl.errors import IntegrityError
from cocctl.model import events as ev
from cocctl.model.events import Event
from cocctl.model.fold import FoldError, fold
from cocctl.model.state import CaseState


class NotARecipient(Exception):
    """Raised when none of my identities opens the payload."""


def decrypt(envelope: Envelope, identities: Sequence[Any]) -> dict[str, Any]:
    """Decrypt the payload and parse it as YAML, checking nothing else.

    Raises:
        NotARecipient: none of ``identities`` is a recipient.
        IntegrityError: the payload is corrupt or is not a YAML mapping.
    """
    from cocctl import age

    try:
        plaintext = age.decrypt(envelope.payload.encode("ascii"), list(identities))
    except age.NoIdentityMatch:
        raise NotARecipient(envelope.case) from None
    except (age.AgeError, UnicodeEncodeError) as error:
        raise IntegrityError(f"the payload is corrupt or was tampered with ({type(error).__name__})") from None
    try:
        document = yamlio.loads(plaintext)
    except yamlio.YAMLSyntaxError:
        raise IntegrityError("the payload decrypts to something that is not YAML") from None
    if not isinstance(document, dict):
        raise IntegrityError("the payload decrypts to something that is not a case document")
    return document


def events_of(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The document's events by id (a later duplicate id wins; problems() reports it)."""
    items = document.get("events")
    if not isinstance(items, list):
        return {}
    return {str(item.get("id")): item for item in items if isinstance(item, dict)}


def problems(document: dict[str, Any], envelope: Envelope) -> tuple[list[str], CaseState | None]:
    """Check a decrypted document: schema, log invariants, fold, and agreement with its envelope.

    Returns:
        One line per problem (never quoting case content), and the folded
        state when the log folds.
    """
    found = [f"decrypted document: {line}" for line in validation.case_problems(document)]
    if found:
        return found, None
    for name in MIRRORED:
        if document[name] != getattr(envelope, name):
            found.append(f"envelope {name} differs from the encrypted case's")
    raw = document["events"]
    ids = [item["id"] for item in raw]
    if len(set(ids)) != len(ids):
        found.append("the event log holds an event id twice")
    times = [item["at"] for item in raw]
    if any(later < earlier for earlier, later in zip(times, times[1:])):
        found.append("event times go backwards in the log")
    events = [Event.from_dict(item) for item in raw]
    if [e.id for e in sorted(events, key=ev.sort_key)] != ids:
        found.append("the event log is not in (time, id) order")
    try:
        state = fold(events)
    except FoldError as error:
        return [*found, f"the event log does not fold: {error}"], None
    except (KeyError, TypeError, ValueError) as error:
        return [*found, f"the event log does not fold ({type(error).__name__})"], None
    if state.id != envelope.case:
        found.append("the opening event names another case")
    for name, value in (("status", state.status), ("opened", state.opened_at), ("updated", state.updated_at)):
        if getattr(envelope, name) != value:
            found.append(f"envelope {name} differs from the state the event log folds to")
    return found, state
