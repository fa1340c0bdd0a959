"""JSON Schemas shipped with cocctl, and validation that never echoes content.

The checks run as Python compiled from the schemas (``cocctl/schemas/validators.py``,
written by ``python -m cocctl.schemas``): no schema library is imported, so
reading a case costs no ~80 ms of imports, and a case document is checked
several times faster than a general validator would.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cocctl.schemas import validators

CASE = "case"
ENVELOPE = "envelope"
CASEFILE = "casefile"
COMMITTEE = "committee"
CONFIG = "config"
POLICY = "policy"


@cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed schema ``schemas/<name>.schema.json``, its patterns anchored as JSON Schema means them.

    A pattern's final ``$`` ends the string in JSON Schema (ECMA 262); in
    Python's ``re`` it also matches before a final newline, so ``"eve\\n"``
    would pass as a handle. Each such ``$`` becomes ``\\Z`` here and in the
    compiled validators; the shipped files keep the portable spelling.
    """
    from cocctl.schemas import codegen

    return codegen.load(name)


def case_problems(document: Any) -> list[str]:
    """Like ``problems(CASE, document)``, in time linear in the number of events.

    The frame (the schema without each event type's if/then data rule) is
    checked once, then each event's data against its own type's definition
    only. Same schema, same verdict. Lines come in document order, each once.
    """
    found = _lines(validators.CASE_FRAME, document)
    events = document.get("events") if isinstance(document, dict) else None
    for index, event in enumerate(events if isinstance(events, list) else []):
        kind = event.get("type") if isinstance(event, dict) else None
        if not isinstance(kind, str) or kind not in validators.CASE_EVENT_DATA or "data" not in event:
            continue  # the frame already reported it
        for line in _lines(validators.CASE_EVENT_DATA[kind], event["data"]):
            found.append(f"events/{index}/data" + ("" if line.startswith("(top)") else "/") +
                         line.removeprefix("(top)"))
    return list(dict.fromkeys(found))


def problems(name: str, instance: Any, definition: str | None = None) -> list[str]:
    """Return one line per schema violation of ``instance``, empty when valid.

    Args:
        name: the schema (``case``, ``envelope``, ...).
        instance: the data to check.
        definition: check against this entry of the schema's ``$defs`` instead.

    Lines name the location and the rule broken, never the offending value:
    for a case document that value is confidential.
    """
    check = validators.ROOTS[name] if definition is None else validators.DEFINITIONS[(name, definition)]
    return _lines(check, instance)


def _lines(check: Any, instance: Any) -> list[str]:
    found: list[tuple[tuple[Any, ...], str]] = []
    check(instance, (), found)
    return sorted({f"{'/'.join(str(part) for part in path) or '(top)'}: {rule}" for path, rule in found})

