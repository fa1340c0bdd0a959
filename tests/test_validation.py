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
])
def test_case_problems_agree_with_the_schema(document):
    assert sorted(validation.case_problems(document)) == sorted(validation.problems(validation.CASE, document))


def test_problems_never_echo_values():
    document = broken(lambda d: d["events"][0]["data"].update(severity="Secret Person's Name"))
    assert "Secret" not in " ".join(validation.case_problems(document))
