"""What is left of an expunged case: anonymous counts for transparency reports and strike ledgers, never content.

``expunged/<id>.yaml`` holds the case id, its kind and outcome class, its
dates, who expunged it, and the blinded tokens of the people it named (so a
strike count survives); no name, handle of anyone involved, or text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cocctl.archive import yamlio
from cocctl.errors import IntegrityError

FOLDER = "expunged"
KINDS = ("complaint", "concern", "anonymous", "escrow")
OUTCOMES = ("not_violation", "concern", "resolved")
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_TOKEN = re.compile(r"[0-9a-f]{32}")
_HANDLE = re.compile(r"[a-z0-9][a-z0-9._-]{0,38}")


@dataclass(frozen=True)
class Tombstone:
    """An expunged case's anonymous record."""

    case: str
    kind: str
    outcome: str
    opened: str
    closed: str
    expunged: str
    by: str
    people: tuple[str, ...] = ()


def relpath(case_id: str) -> str:
    """Where a case's tombstone is kept."""
    return f"{FOLDER}/{case_id}.yaml"


def dumps(stone: Tombstone) -> bytes:
    """The tombstone as cocctl writes it."""
    data: dict[str, Any] = {"cocctl": 1, "case": stone.case, "kind": stone.kind, "outcome": stone.outcome,
                            "opened": stone.opened, "closed": stone.closed, "expunged": stone.expunged,
                            "by": stone.by, "people": list(stone.people)}
    return yamlio.dumps(data).encode("utf-8")


def problems(data: bytes, case_id: str) -> list[str]:
    """Why ``data`` is not a tombstone as cocctl writes one for ``case_id`` (empty when it is)."""
    try:
        raw = yamlio.loads(data)
    except yamlio.YAMLSyntaxError:
        return ["is not YAML"]
    keys = ["cocctl", "case", "kind", "outcome", "opened", "closed", "expunged", "by", "people"]
    if not isinstance(raw, dict) or list(raw) != keys:
        return [f"does not hold exactly {', '.join(keys)}"]
    people = raw["people"]
    if (raw["cocctl"] != 1 or raw["case"] != case_id or raw["kind"] not in KINDS or raw["outcome"] not in OUTCOMES
            or not all(isinstance(raw[k], str) and _TIME.fullmatch(raw[k]) for k in ("opened", "closed", "expunged"))
            or not isinstance(raw["by"], str) or not _HANDLE.fullmatch(raw["by"]) or not isinstance(people, list)
            or not all(isinstance(t, str) and _TOKEN.fullmatch(t) for t in people) or people != sorted(set(people))):
        return ["holds a value cocctl does not write there (an id, kind, outcome, time, handle or token)"]
    stone = Tombstone(raw["case"], raw["kind"], raw["outcome"], raw["opened"], raw["closed"], raw["expunged"],
                      raw["by"], tuple(people))
    return [] if dumps(stone) == data else ["differs from the bytes cocctl writes for its content"]


def load(data: bytes, name: str) -> Tombstone:
    """Parse a tombstone.

    Raises:
        IntegrityError: it is not one as cocctl writes it.
    """
    case_id = name.rsplit("/", 1)[-1].removesuffix(".yaml")
    found = problems(data, case_id)
    if found:
        raise IntegrityError(f"{name} {found[0]}; restore it with git")
    raw = yamlio.loads(data)
    return Tombstone(raw["case"], raw["kind"], raw["outcome"], raw["opened"], raw["closed"], raw["expunged"],
                     raw["by"], tuple(raw["people"]))
