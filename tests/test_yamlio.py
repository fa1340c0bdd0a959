"""yamlio.loads: one guarded door for all YAML; hostile input gets a one-line error, nothing more."""

from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocctl.archive import yamlio
from tests.hostile import HOSTILE, SECRET


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_quickly_without_echoing_it(name):
    started = time.monotonic()
    with pytest.raises(yamlio.YAMLSyntaxError) as caught:
        yamlio.loads(HOSTILE[name])
    message = str(caught.value)
    assert time.monotonic() - started < 2
    assert "\n" not in message and len(message) < 200
    assert SECRET not in message and "lol" not in message and "\x1b" not in message


@pytest.mark.parametrize("data, problem", [
    (b"a: &x 1\nb: *x\n", "line 1, column 4: anchors are not allowed"),
    (b"a: *x\n", "line 1, column 4: aliases are not allowed"),
    (b"a: 1\na: 2\n", "line 2, column 1: duplicate key"),
    (b"[" * 65 + b"]" * 65, "line 1, column 65: nested deeper than 64 levels"),
    (b"a: \x1b[2J\n", "line 1, column 4: control character U+001B is not allowed"),
    (b"a: b\nc: \xc3\x28\n", "not UTF-8: invalid byte at line 2, column 4"),
    (b"a: !!binary aGk=\n", "line 1, column 4: explicit tags are not allowed"),
])
def test_the_message_names_the_problem_and_where(data, problem):
    with pytest.raises(yamlio.YAMLSyntaxError, match=re.escape(problem)):
        yamlio.loads(data)


def test_limits_are_parameters():
    assert yamlio.loads("[[[1]]]", max_depth=3) == [[[1]]]
    with pytest.raises(yamlio.YAMLSyntaxError, match="nested deeper than 2 levels"):
        yamlio.loads("[[[1]]]", max_depth=2)
    with pytest.raises(yamlio.YAMLSyntaxError, match="too large: 11 bytes, the limit is 10"):
        yamlio.loads("a: 12345678", max_bytes=10)


def test_ordinary_documents_still_load():
    assert yamlio.loads("\ufeffa: 1\nb: [x, {c: 2026-11-16}]\nd: |\n  two\n  lines\n") == {
        "a": 1, "b": ["x", {"c": "2026-11-16"}], "d": "two\nlines\n"}
    assert yamlio.loads("a:\tb\n") == {"a": "b"}
    assert yamlio.loads("") is None


def test_shared_objects_are_dumped_in_full_not_as_aliases():
    shared = {"text": "same"}
    text = yamlio.dumps({"a": shared, "b": [shared]})
    assert "&" not in text and "*" not in text
    assert yamlio.loads(text) == {"a": shared, "b": [shared]}


def _must_be_clean(data: str | bytes) -> None:
    try:
        yamlio.loads(data)
    except yamlio.YAMLSyntaxError as error:
        assert "\n" not in str(error)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_load_or_raise_yamlsyntaxerror(data):
    _must_be_clean(data)


YAMLISH = st.text(alphabet="[]{}:-,&*!?|>'\"#%@` \n\tab01.~", max_size=400)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_random_yaml_punctuation_loads_or_raises_yamlsyntaxerror(text):
    _must_be_clean(text)


PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=40,
)


@settings(max_examples=200, deadline=2000)
@given(PLAIN)
def test_what_cocctl_dumps_it_loads_back(value):
    try:
        text = yamlio.dumps(value)
    except Exception:  # text ruamel itself cannot write (lone surrogates) is not our concern
        return
    try:
        assert json.dumps(yamlio.loads(text)) == json.dumps(value)
    except yamlio.YAMLSyntaxError as error:
        # Only text YAML forbids may be refused: control characters in a string.
        assert "control character" in str(error)


@settings(max_examples=100, deadline=5000)
@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["[", "{", "- ", "[{a: "]))
def test_any_nesting_is_refused_or_loaded_in_time(depth, opener):
    _must_be_clean(opener * depth)


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


NESTED = st.recursive(st.sampled_from(["x", "1"]), lambda inner: st.lists(inner, min_size=1, max_size=2) | st.dictionaries(
    st.sampled_from(["a", "b"]), inner, min_size=1, max_size=2), max_leaves=40)


@settings(max_examples=150, deadline=None)
@given(NESTED)
def test_block_yaml_as_cocctl_writes_it_is_refused_past_the_depth_limit_exactly(value):
    """Block-style text skips the parser-event walk; the depth limit still holds to the level."""
    text = yamlio.dumps(value)  # indentless sequences under keys, compact "- - x": the shallowest block style
    depth = _depth(value)
    assert yamlio.loads(text, max_depth=depth) == value
    if depth > 1:
        with pytest.raises(yamlio.YAMLSyntaxError, match=f"nested deeper than {depth - 1} levels"):
            yamlio.loads(text, max_depth=depth - 1)


@pytest.mark.parametrize("shape", ["lists", "dicts", "alternating"])
def test_the_default_depth_limit_holds_for_the_shallowest_block_styles(shape):
    def nested(levels: int):
        value = "x"
        for level in range(levels):
            if shape == "lists" or (shape == "alternating" and level % 2 == 0):
                value = [value]
            else:
                value = {"k": value}
        return value

    assert yamlio.loads(yamlio.dumps(nested(yamlio.MAX_DEPTH))) == nested(yamlio.MAX_DEPTH)
    with pytest.raises(yamlio.YAMLSyntaxError, match="nested deeper"):
        yamlio.loads(yamlio.dumps(nested(yamlio.MAX_DEPTH + 1)))
