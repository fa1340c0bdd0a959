"""JSON Schemas shipped with cocctl, and validation that never echoes content.

jsonschema is imported on first use: it costs ~80 ms, which commands that
only read should not pay.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

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
    Python's ``re``, which jsonschema uses, it also matches before a final
    newline, so ``"eve\\n"`` would pass as a handle. Each such ``$`` becomes
    ``\\Z`` here; the shipped files keep the portable spelling.
    """
    text = (files("cocctl.schemas") / f"{name}.schema.json").read_text(encoding="utf-8")
    return _anchored(json.loads(text))


def _anchored(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: (value[:-1] + "\\Z" if key == "pattern" and isinstance(value, str) and value.endswith("$")
                      and not value.endswith("\\$") else _anchored(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [_anchored(item) for item in node]
    return node


@cache
def _validator(name: str, definition: str | None = None) -> Any:
    from jsonschema import Draft202012Validator

    schema = load(name)
    if definition is not None:
        # Validate against one of the schema's $defs (e.g. a single event).
        schema = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema)


@cache
def _case_parts() -> tuple[Any, dict[str, str]]:
    """The validator of the case document's frame, and each event type's data definition.

    Both are read from the schema (generated from ``schemas/case.py``):
    ``$defs/event`` checks an event's common fields, then dispatches its data
    by type through an ``allOf`` of if/then pairs. The frame is the schema
    without those pairs; the table maps each pair's type to the ``$defs``
    entry its ``then`` names.
    """
    from jsonschema import Draft202012Validator

    schema = load(CASE)
    event = dict(schema["$defs"]["event"])
    data_definitions = {
        rule["if"]["properties"]["type"]["const"]: rule["then"]["properties"]["data"]["$ref"].removeprefix("#/$defs/")
        for rule in event.pop("allOf")
    }
    frame = Draft202012Validator({**schema, "$defs": {**schema["$defs"], "event": event}})
    return frame, data_definitions


def case_problems(document: Any) -> list[str]:
    """Like ``problems(CASE, document)``, in time linear in the number of events.

    A generic validator evaluates every type's if/then pair on every event;
    here the frame is checked once and each event's data against its own
    type's definition only. Same schema, same verdict, about 3.5x faster on
    a log of 1,000 events (0.09 s against 0.32 s). Lines come in document
    order, each once.
    """
    frame, data_definitions = _case_parts()
    found = _lines(frame, document)
    events = document.get("events") if isinstance(document, dict) else None
    for index, event in enumerate(events if isinstance(events, list) else []):
        kind = event.get("type") if isinstance(event, dict) else None
        if not isinstance(kind, str) or kind not in data_definitions or "data" not in event:
            continue  # the frame already reported it
        for line in problems(CASE, event["data"], definition=data_definitions[kind]):
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
    return _lines(_validator(name, definition), instance)


def _lines(validator: Any, instance: Any) -> list[str]:
    found = []
    for error in validator.iter_errors(instance):
        # An if/then or anyOf failure is reported by its most specific cause.
        for leaf in _leaves(error):
            location = "/".join(str(part) for part in leaf.absolute_path) or "(top)"
            found.append(f"{location}: {_describe(leaf)}")
    return sorted(set(found))


def _leaves(error: Any) -> list[Any]:
    if not error.context:
        return [error]
    return [leaf for child in error.context for leaf in _leaves(child)]


def _describe(error: Any) -> str:
    rule, expected = error.validator, error.validator_value
    if rule == "required":
        missing = [name for name in expected if isinstance(error.instance, dict) and name not in error.instance]
        return f"missing required field {', '.join(missing)}"
    if rule == "additionalProperties":
        return "has fields this format does not allow"
    if rule in ("enum", "const"):
        choices = expected if rule == "enum" else [expected]
        return "must be one of " + ", ".join(str(choice) for choice in choices)
    if rule == "type":
        return f"must be of type {expected}"
    if rule == "pattern":
        return "is not in the expected format"
    if rule == "not":
        return "has a field that is not allowed here (an anonymous report keeps no reporter)"
    if rule in ("minItems", "minLength", "minProperties"):
        return "must not be empty"
    if rule in ("maxItems", "maxLength"):
        return "is too long"
    if rule == "uniqueItems":
        return "has duplicate entries"
    return f"breaks the {rule} rule"
