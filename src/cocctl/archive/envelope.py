"""The case file on disk: plaintext metadata around an armored age payload."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cocctl import validation
from cocctl.archive import yamlio
from cocctl.errors import IntegrityError

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Envelope:
    """What anyone with the repository sees of a case, and the sealed payload.

    The metadata holds no name, handle or text of anyone involved, only what
    key-less CI needs: status, times, who it is encrypted to, deadlines.
    """

    case: str
    status: str
    opened: str
    updated: str
    recipients: tuple[str, ...]
    payload: str
    guests: tuple[str, ...] = ()
    due: tuple[dict[str, str], ...] = field(default=())
    # Blinded tokens of the reported people (service/blind.py); no names.
    people: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the envelope in file order (payload last, as a literal block)."""
        data: dict[str, Any] = {
            "cocctl": FORMAT_VERSION,
            "case": self.case,
            "status": self.status,
            "opened": self.opened,
            "updated": self.updated,
            "recipients": list(self.recipients),
        }
        if self.guests:
            data["guests"] = list(self.guests)
        if self.due:
            data["due"] = [dict(item) for item in self.due]
        if self.people:
            data["people"] = list(self.people)
        data["payload"] = yamlio.Literal(self.payload)
        return data


def dumps(envelope: Envelope) -> bytes:
    """Serialize an envelope, refusing to write one its schema rejects.

    Raises:
        IntegrityError: the envelope breaks ``schemas/envelope.schema.json``.
    """
    data = envelope.to_dict()
    found = validation.problems(validation.ENVELOPE, {**data, "payload": str(data["payload"])})
    if found:
        raise IntegrityError(f"refusing to write an invalid case file for {envelope.case}: {found[0]}")
    return yamlio.dumps(data).encode("utf-8")


def loads(data: bytes, *, name: str) -> Envelope:
    """Parse and validate a case file; ``name`` is its path, for messages.

    Raises:
        IntegrityError: not YAML, or not a valid envelope.
    """
    try:
        raw = yamlio.loads(data)
    except yamlio.YAMLSyntaxError as error:
        raise IntegrityError(f"{name} is not a valid case file ({error}); restore it with git") from None
    found = validation.problems(validation.ENVELOPE, raw)
    if found:
        raise IntegrityError(f"{name} is not a valid case file ({found[0]}); restore it with git")
    return Envelope(
        case=raw["case"],
        status=raw["status"],
        opened=raw["opened"],
        updated=raw["updated"],
        recipients=tuple(raw["recipients"]),
        payload=raw["payload"],
        guests=tuple(raw.get("guests", ())),
        due=tuple(raw.get("due", ())),
        people=tuple(raw.get("people", ())),
    )
