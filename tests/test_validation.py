"""Schema validation: the linear-time case check agrees with the plain schema check."""

from __future__ import annotations

import copy

import pytest

from cocctl.archive import validation

EVENT = {"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "at": "2026-01-01T00:00:00Z", "by": "alice"}
OPENED = {**EVENT, "type": "opened", "data": {
    "case": "2026-amber-falcon", "kind": "complaint", "summary": "s", "channel": "dm",
    "received_at": "2026-01-01T00:00:00Z", "severity": "low", "reporter": {"name": "Riley"}}}
DOCUMENT = {"cocctl": 1, "case": "2026-amber-falcon", "status": "open", "opened": "2026-01-01T00:00:00Z",
            "updated": "2026-01-01T00:00:00Z", "events": [OPENED, {**EVENT, "type": "note", "data": {"text": "x"}}]}


def broken(change):
    document = copy.deepcopy(DOCUMENT)
    change(document)
    return document


@pytest.mark.parametrize("document", [
    DOCUMENT,
    broken(lambda d: d["events"][0]["data"].update(kind="anonymous")),
    broken(lambda d: d["events"][0]["data"].update(severity="apocalyptic")),
    broken(lambda d: d["events"][1].update(type="mystery")),
    broken(lambda d: d["events"][1]["data"].pop("text")),
    broken(lambda d: d["events"][1].pop("by")),
    broken(lambda d: d.update(status="lost", events=[])),
    broken(lambda d: d["events"].append("not an event")),
    # An event without a type is reported once, not checked against every type's data.
    broken(lambda d: d["events"][1].pop("type")),
    broken(lambda d: d["events"][1].update(type=["note"])),
    # Data that is no mapping breaks the frame and the type's rules in the same words.
    broken(lambda d: d["events"][0].update(data="Secret")),
    broken(lambda d: d["events"][1].update(data=None)),
    broken(lambda d: d["events"][0]["data"].update(extra=1)),
    broken(lambda d: d["events"].append({**EVENT, "type": "amended",
                                         "data": {"set": {"kind": "anonymous", "reporter": {"name": "x"}}}})),
    broken(lambda d: d["events"].append({**EVENT, "type": "voted", "data": {"proposal": 0, "vote": "maybe"}})),
    broken(lambda d: d["events"].append({**EVENT, "type": "note", "data": {"description": "x"}})),
])
def test_case_problems_agree_with_the_schema(document):
    assert sorted(validation.case_problems(document)) == sorted(validation.problems(validation.CASE, document))


def test_problems_never_echo_values():
    document = broken(lambda d: d["events"][0]["data"].update(severity="Secret Person's Name"))
    assert "Secret" not in " ".join(validation.case_problems(document))


def test_case_problems_name_each_problem_once_in_document_order():
    # The frame's lines (sorted) come first, then each event's data; the note's
    # data is no mapping, which both the frame and the note's rules report.
    document = broken(lambda d: (d.update(status="lost"), d["events"][1].update(data=7),
                                 d["events"][0]["data"].pop("severity"), d["events"][0]["data"].update(extra=1)))
    assert validation.case_problems(document) == [
        "events/1/data: must be of type object",
        "status: must be one of open, escrowed, closed",
        "events/0/data: has fields this format does not allow",
        "events/0/data: missing required field severity",
    ]


def test_each_event_type_is_checked_against_its_own_data():
    schema = validation.load(validation.CASE)
    types = schema["$defs"]["event"]["properties"]["type"]["enum"]
    assert len(types) > 20
    for kind in types:
        document = broken(lambda d: d["events"].append({**EVENT, "type": kind, "data": {"text": "x", "member": "bob"}}))
        found = validation.case_problems(document)
        assert found == validation.problems(validation.CASE, document), kind
        definition = schema["$defs"][f"data_{kind}"]
        allowed = set(definition["properties"])
        required = [name for name in definition["required"] if name not in ("text", "member")]
        expected = []
        if not {"text", "member"} <= allowed:
            expected.append("events/2/data: has fields this format does not allow")
        if required:
            expected.append(f"events/2/data: missing required field {', '.join(required)}")
        assert sorted(found) == sorted(expected), kind


def test_a_trailing_newline_never_passes_a_pattern():
    """Python's `$` matches before a final newline; the schemas' patterns end the string as JSON Schema means."""
    from cocctl.archive import validation

    event = {"id": "01JD0000000000000000000000", "at": "2026-11-20T09:00:00Z", "by": "eve\n", "type": "note",
             "data": {"text": "x"}}
    assert validation.problems(validation.CASE, event, definition="event")
    assert not validation.problems(validation.CASE, {**event, "by": "eve"}, definition="event")
