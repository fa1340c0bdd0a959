"""The case document's schema, compactly: the source ``python -m cocctl.schemas`` turns into case.schema.json.

Edit this file, never the JSON. Each event type is one entry of ``EVENTS``:
its data as a mapping of field name to schema, where a name ending in ``?``
is optional. The generator adds the type to the event frame's ``type`` enum,
the data as ``$defs/data_<type>``, and the if/then pair that checks an
event's data against its type; ``cocctl.validation`` reads that dispatch back
to check each event against its own type only.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

TITLE = "cocctl case document (the decrypted payload of a case file)"
DESCRIPTION = ("A case is an append-only event log; its state is fold(events). "
               "Envelope fields are repeated so deep validation can compare them.")


def ref(name: str) -> Schema:
    """A reference to ``$defs/<name>``."""
    return {"$ref": f"#/$defs/{name}"}


def record(fields: dict[str, Schema], **rules: Any) -> Schema:
    """An object with exactly ``fields`` (``name?`` marks an optional one), plus further ``rules``."""
    return {
        "type": "object",
        "required": [name for name in fields if not name.endswith("?")],
        "additionalProperties": False,
        "properties": {name.removesuffix("?"): schema for name, schema in fields.items()},
        **rules,
    }


def optional(fields: dict[str, Schema]) -> dict[str, Schema]:
    """The same fields, every one optional."""
    return {name.removesuffix("?") + "?": schema for name, schema in fields.items()}


def enum(*values: Any) -> Schema:
    return {"enum": list(values)}


def array(items: Schema, **rules: Any) -> Schema:
    return {"type": "array", "items": items, **rules}


# Shared definitions; casefile, committee and envelope schemas must define
# the ones they use identically (tests/test_schemas.py checks).
PRIMITIVES: dict[str, Schema] = {
    "time": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"},
    "handle": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,38}$"},
    "caseId": {"type": "string", "pattern": "^[0-9]{4}-[a-z]+-[a-z]+$"},
    "recipient": {"type": "string", "pattern": "^age1[02-9ac-hj-np-z]{58}$"},
    "text": {"type": "string", "minLength": 1, "maxLength": 20000},
    "line": {"type": "string", "minLength": 1, "maxLength": 500},
    # A ULID: 48-bit milliseconds and 80 random bits in Crockford's base 32.
    "id": {"type": "string", "pattern": "^[0-9A-HJKMNP-TV-Z]{26}$"},
}
TIME, HANDLE, CASE_ID, RECIPIENT, TEXT, LINE = map(ref, ("time", "handle", "caseId", "recipient", "text", "line"))
EVENT_ID = PRIMITIVES["id"]  # written out, not referenced: the case schema has no $defs/id
BOOLEAN: Schema = {"type": "boolean"}
INTEGER: Schema = {"type": "integer"}
# Format-1 logs numbered proposals, decisions and appeals from 1 within a
# case; format 2 refers to each by the id of the event that made it, and
# numbers them at fold time for display.
NUMBER: Schema = {"type": "integer", "minimum": 1}
REF: Schema = {"oneOf": [EVENT_ID, NUMBER]}
LINES = array(LINE)
SLUG: Schema = {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}

DEFINITIONS: dict[str, Schema] = {
    **{name: PRIMITIVES[name] for name in ("time", "handle", "caseId", "recipient", "text", "line")},
    "reporter": {"type": "object", "additionalProperties": False, "minProperties": 1,
                 "properties": {"name": LINE, "contact": LINE}},
    # One measure of a decision: a policy consequence id and its parameters.
    "consequence": record({
        "id": SLUG,
        "params?": {"type": "object", "additionalProperties": {"anyOf": [
            {"type": "string", "maxLength": 4000}, INTEGER, array({"type": "string"})]}},
    }),
}

KINDS = enum("complaint", "concern", "anonymous", "escrow")
# A report's fields: all of them when a case opens, any of them in `amended`'s set.
REPORT: dict[str, Schema] = {
    "summary": TEXT,
    "area?": LINE,
    "kind": KINDS,
    "channel": enum("email", "dm", "in-person", "public-channel", "proactive"),
    "received_at": TIME,
    "severity": enum("low", "medium", "high", "critical"),
    "urgent?": BOOLEAN,
    "privacy?": TEXT,
    "consent?": BOOLEAN,
    "reporter?": ref("reporter"),
}
REPORT_LISTS: dict[str, Schema] = {"reported?": LINES, "witnesses?": LINES, "evidence?": LINES}
# An anonymous report keeps no reporter.
ANONYMOUS = [{"if": {"required": ["kind"], "properties": {"kind": {"const": "anonymous"}}},
              "then": {"not": {"required": ["reporter"]}}}]
MEASURES = array(ref("consequence"))

# The case's own events, then governance (decisions, sanctions, appeals,
# escrow). The order is the frame's `type` enum, which error messages list.
EVENTS: dict[str, Schema] = {
    "amended": record({
        "set?": record(optional(REPORT), allOf=ANONYMOUS),
        "add?": record(REPORT_LISTS),
        "remove?": record(REPORT_LISTS),
    }, minProperties=1),
    "assigned": record({"primary": HANDLE, "secondary?": HANDLE}),
    "cleared": record({"member": HANDLE, "approve?": BOOLEAN}),
    "closed": record({"resolution": TEXT, "public_summary?": TEXT, "ends?": array(EVENT_ID), "out_of_scope?": BOOLEAN}),
    "communicated": record({
        "to": enum("reporter", "reported", "committee", "community-manager", "community", "other"),
        "kind": enum("ack", "update", "decision", "law-enforcement", "overturned", "other"),
        "summary?": TEXT,
    }),
    "contact": record({"with": LINE, "text": TEXT}),
    # An evidence file (cocctl attach) is stored encrypted at `path`; its plaintext has this hash and size.
    "evidence": record({"description": LINE, "file?": record({
        "path": {"type": "string", "pattern": "^cases/[^/]+/[0-9A-HJKMNP-TV-Z]{26}-[1-9][0-9]{0,3}[.]age$"},
        "name": LINE, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "size": {"type": "integer", "minimum": 0}, "media_type": LINE,
    })}),
    "excluded": record({"member": HANDLE}),
    # A decrypted hand-over bundle (cocctl export): why, and what was withheld from it.
    "exported": record({"reason": TEXT, "redactions?": array(LINE), "files": INTEGER}),
    # With a signing key the outside party (a mediator) is an actor on this case, not only a reader.
    "granted": record({"name": HANDLE, "recipient": RECIPIENT,
                       "signing?": {"type": "string", "pattern": "^ed25519:[A-Za-z0-9+/]{43}$"}}),
    "note": record({"text": TEXT}),
    "opened": record({
        "case": CASE_ID, **REPORT, **REPORT_LISTS, "exclude?": array(HANDLE, uniqueItems=True),
    }, allOf=ANONYMOUS),
    "recused": record({"member": HANDLE, "hard?": BOOLEAN, "reason?": TEXT}),
    "reopened": record({"reason": TEXT}),
    "revoked": record({"name": HANDLE}),
    # Governance.
    "proposed": record({
        "number?": NUMBER, "violation": BOOLEAN, "consequences": MEASURES, "rationale": TEXT, "persons?": LINES,
    }),
    "voted": record({"proposal": REF, "vote": enum("yes", "no", "abstain")}),
    "decided": record({
        "number?": NUMBER,
        "proposal?": REF,
        # The decisions its author knew of: one missing was made concurrently.
        "known?": array(EVENT_ID),
        "outcome": enum("adopted", "rejected"),
        "violation": BOOLEAN,
        "consequences": MEASURES,
        "rationale": TEXT,
        "persons?": LINES,
        "interim?": BOOLEAN,
        "tally?": {"type": "object"},
        "strikes?": array(record({"person": LINE, "count": INTEGER, "threshold": INTEGER,
                                  "requires?": array({"type": "string"})})),
    }),
    "confirmed": record({"decision": REF, "rationale?": TEXT}),  # an interim measure stands
    "lifted": record({"decision": REF, "rationale": TEXT}),  # an interim measure ends
    # Of two decisions made concurrently, the committee sets this one aside.
    "superseded": record({"decision": REF, "rationale": TEXT}),
    "appealed": record({"number?": NUMBER, "decision": REF, "reason": TEXT}),
    "appeal-decided": record({"appeal": REF, "result": enum("upheld", "overturned"), "rationale": TEXT}),
    "released": record({"kind": enum("complaint", "concern", "anonymous"), "reason?": TEXT,  # escrow ends
                        "ground?": enum("repeated", "pattern")}),
    # The reporter prefers not to be involved any further (or again wants to be).
    "reporter-involvement": record({"involved": BOOLEAN, "note?": TEXT}),
    # CHAOSS: the reported person cannot be found at the event (daily updates to the reporter), or was found.
    "searching": record({"searching": BOOLEAN}),
    # Law enforcement was involved (CHAOSS: only at the reporter's request); what was given to them.
    "law-enforcement": record({"reporter_asked": BOOLEAN, "given": TEXT}),
    "content-removed": record({"where": TEXT, "action": enum("deleted", "requested")}),
    "conversation": record({"with": LINE, "medium": LINE, "observer?": LINE, "observer_agreed?": BOOLEAN}),
    # Those involved in a public-channel incident were consulted before any disclosure.
    "consulted": record({"agreed": BOOLEAN, "note?": TEXT}),
    # After talking to the reported person: whether they accepted the plan (re-evaluation).
    "plan-response": record({"decision": REF, "response": enum("accepted", "refused", "not-understood"),
                             "note?": TEXT}),
}


def dispatch(event_type: str) -> Schema:
    """The rule that checks an event of ``event_type`` has that type's data.

    ``required`` keeps an event without a type from matching every rule: the
    frame reports the missing type, as ``cocctl.validation`` does.
    """
    return {
        "if": {"required": ["type"], "properties": {"type": {"const": event_type}}},
        "then": {"properties": {"data": ref(f"data_{event_type}")}},
    }


def schema() -> Schema:
    """The whole case schema, as case.schema.json holds it."""
    event = record({
        "id": EVENT_ID,
        "at": TIME,
        "by": {"anyOf": [HANDLE, {"const": "system"}]},
        "type": enum(*EVENTS),
        "data": {"type": "object"},
    }, allOf=[dispatch(event_type) for event_type in EVENTS])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cocctl.dev/schemas/case.schema.json",
        "$comment": "Generated from schemas/case.py by 'python -m cocctl.schemas'; edit that file, not this one.",
        "title": TITLE,
        "description": DESCRIPTION,
        **record({
            "cocctl": {"const": 1},
            "case": CASE_ID,
            "status": enum("open", "escrowed", "closed"),
            "opened": TIME,
            "updated": TIME,
            "events": array(ref("event"), minItems=1),
        }),
        "$defs": {
            **DEFINITIONS,
            "event": event,
            **{f"data_{event_type}": data for event_type, data in EVENTS.items()},
        },
    }
