"""The validators compiled from the schemas give jsonschema's verdict, line for line, on real and broken files."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cocctl.archive import validation
from cocctl.schemas import codegen
from cocctl.schemas import generate
from tests.test_validation import DOCUMENT

jsonschema = pytest.importorskip("jsonschema")

ODD = [None, True, False, 0, 1, -1, 2.5, 3.0, "", "x", "eve\n", "2026-01-01T00:00:00Z", "alice", [], ["x"], ["x", "x"],
       {}, {"x": 1}]


def reference(name: str, instance: Any, definition: str | None = None) -> list[str]:
    """The lines the jsonschema-based check gave (validation.py before the compiled validators), for comparison."""
    schema = validation.load(name)
    if definition is not None:
        schema = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    found = []
    for error in jsonschema.Draft202012Validator(schema).iter_errors(instance):
        for leaf in _leaves(error):
            location = "/".join(str(part) for part in leaf.absolute_path) or "(top)"
            found.append(f"{location}: {_describe(leaf)}")
    return sorted(set(found))


def _leaves(error: Any) -> list[Any]:
    return [error] if not error.context else [leaf for child in error.context for leaf in _leaves(child)]


def _describe(error: Any) -> str:
    rule, expected = error.validator, error.validator_value
    simple = {"additionalProperties": "has fields this format does not allow", "pattern": "is not in the expected format",
              "not": "has a field that is not allowed here (an anonymous report keeps no reporter)",
              "minItems": "must not be empty", "minLength": "must not be empty", "minProperties": "must not be empty",
              "maxItems": "is too long", "maxLength": "is too long", "uniqueItems": "has duplicate entries"}
    if rule == "required":
        return "missing required field " + ", ".join(name for name in expected if name not in error.instance)
    if rule in ("enum", "const"):
        return "must be one of " + ", ".join(str(choice) for choice in (expected if rule == "enum" else [expected]))
    if rule == "type":
        return f"must be of type {expected}"
    return simple.get(rule, f"breaks the {rule} rule")


def variants(document: Any) -> list[Any]:
    """The document, and copies with one value replaced by an odd one, one field dropped or one field added."""
    found = [document]

    def walk(node: Any, path: tuple) -> None:
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
        for key in keys:
            for odd in ODD:
                found.append(replaced(document, path + (key,), odd))
            if isinstance(node, dict):
                found.append(replaced(document, path + (key,), _DROP))
            walk(node[key], path + (key,))
        if isinstance(node, dict):
            found.append(replaced(document, path + ("unexpected",), "x"))

    walk(document, ())
    return found


_DROP = object()


def replaced(document: Any, path: tuple, value: Any) -> Any:
    copied = copy.deepcopy(document)
    node = copied
    for key in path[:-1]:
        node = node[key]
    if value is _DROP:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return copied


def agree(name: str, instance: Any, definition: str | None = None) -> None:
    assert validation.problems(name, instance, definition) == reference(name, instance, definition), \
        json.dumps(instance, default=str)[:2000]


def test_the_shipped_validators_are_the_compilers_output():
    assert (generate.FOLDER / "validators.py").read_text(encoding="utf-8") == codegen.source()


def test_a_real_committees_files_and_every_one_change_to_them_get_jsonschemas_verdict(committee):
    case = committee.open()
    committee.ok("alice", "amend", case, "--note", "seen again", "--severity", "low")
    yaml = YAML(typ="safe")
    raw = yaml.load(committee.ok("alice", "show", case, "--raw").stdout)
    for document in variants(raw) + variants(DOCUMENT):
        assert validation.case_problems(document) == _case_reference(document)
    casefile = yaml.load((committee.root / "cases" / f"{case}.yaml").read_text())
    for name, document in ((validation.CASEFILE, casefile),
                           (validation.COMMITTEE, yaml.load((committee.root / "committee.yaml").read_text())),
                           (validation.CONFIG, yaml.load((committee.root / "cocctl.yaml").read_text()))):
        for variant in variants(document):
            agree(name, variant)
    policy = yaml.load((committee.root / "cocctl.yaml").read_text()).get("policy") or {}
    for variant in variants(policy):
        agree(validation.POLICY, variant)


def _case_reference(document: Any) -> list[str]:
    # case_problems reports the same lines as the whole schema, the frame's first.
    lines = validation.case_problems(document)
    assert sorted(lines) == reference(validation.CASE, document)
    return lines


JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) |
                    st.sampled_from(["", "x", "alice", "open", "complaint", "2026-01-01T00:00:00Z"]),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["type", "data", "id", "at", "by", "case", "x", "text", "kind"]), inner,
                        max_size=4), max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(instance=JSON, name=st.sampled_from(codegen.NAMES))
def test_any_value_gets_jsonschemas_verdict_for_every_schema(instance, name):
    agree(name, instance)


@settings(max_examples=300, deadline=None)
@given(instance=JSON, definition=st.sampled_from(sorted(validation.load(validation.CASE)["$defs"])))
def test_any_value_gets_jsonschemas_verdict_for_every_case_definition(instance, definition):
    agree(validation.CASE, instance, definition)
