"""The shipped JSON Schemas: case.schema.json is generated, and the schema, model, fold and renderer agree."""

from __future__ import annotations

import json
from pathlib import Path

from cocctl import render
from cocctl.archive import validation
from cocctl.model import events as ev
from cocctl.model.fold import REDUCERS
from cocctl.schemas import case, generate

SCHEMAS = Path(generate.__file__).parent


def test_shipped_case_schema_is_the_generators_output():
    stale = generate.outdated()
    assert stale == [], f"{', '.join(stale)} differs from its source; run: {generate.COMMAND}"


def test_generator_writes_only_what_is_out_of_date(tmp_path, capsys):
    for kept in SCHEMAS.glob("*.schema.json"):
        (tmp_path / kept.name).write_bytes(kept.read_bytes())
    (tmp_path / "case.schema.json").write_text("{}\n")
    assert generate.main(["--check", "--folder", str(tmp_path)]) == 1
    assert capsys.readouterr().out == ("case.schema.json is out of date; run: python -m cocctl.schemas\n"
                                       "validators.py is out of date; run: python -m cocctl.schemas\n")
    assert generate.main(["--folder", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "case.schema.json").read_text()) == case.schema()
    assert generate.main(["--check", "--folder", str(tmp_path)]) == 0
    for name in ("case.schema.json", "validators.py"):
        assert (tmp_path / name).read_bytes() == (SCHEMAS / name).read_bytes()


def test_hand_kept_schemas_share_the_case_schemas_definitions():
    shared = {}
    for name in (validation.CASEFILE, validation.COMMITTEE, validation.ENVELOPE, validation.CONFIG,
                 validation.POLICY):
        defined = json.loads((SCHEMAS / f"{name}.schema.json").read_text()).get("$defs", {})
        for definition in sorted(set(defined) & set(case.PRIMITIVES)):
            assert defined[definition] == case.PRIMITIVES[definition], f"{name}.schema.json $defs/{definition}"
            shared.setdefault(name, []).append(definition)
    assert shared == {
        validation.CASEFILE: ["caseId", "handle", "id", "time"],
        validation.COMMITTEE: ["handle", "id", "line", "time"],  # members may have SSH and plugin keys
        validation.ENVELOPE: ["caseId", "handle", "time"],
    }
    shipped = json.loads((SCHEMAS / "case.schema.json").read_text())
    assert shipped["$defs"]["event"]["properties"]["id"] == case.PRIMITIVES["id"]


def test_schema_constants_reducers_and_renderer_know_the_same_event_types():
    schema = validation.load(validation.CASE)
    types = set(schema["$defs"]["event"]["properties"]["type"]["enum"])
    dispatched = {rule["if"]["properties"]["type"]["const"] for rule in schema["$defs"]["event"]["allOf"]}
    # Every public string constant of model/events.py names an event type.
    constants = {value for name, value in vars(ev).items() if name.isupper() and not name.startswith("_") and isinstance(value, str)}
    # `opened` starts the fold rather than being applied to a state.
    folded = set(REDUCERS) | {ev.OPENED}
    sources = {"schema data rules": dispatched, "model/events.py constants": constants,
               "fold reducers": folded, "render.EVENT_SUMMARIES": set(render.EVENT_SUMMARIES)}
    differences = {name: {"missing": sorted(types - found), "extra": sorted(found - types)}
                   for name, found in sources.items() if found != types}
    assert differences == {}, f"event types in the case schema: {sorted(types)}"
    assert len(types) == len(schema["$defs"]["event"]["properties"]["type"]["enum"])  # no type listed twice
    assert ev.OPENED in types and ev.RELEASED in types
