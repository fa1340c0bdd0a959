"""Policy presets, overrides, their schema and `policy show`."""

from __future__ import annotations

import json

import pytest

from cocctl.policy import presets
from cocctl.policy.consequences import CATALOGUE


@pytest.mark.parametrize("name", presets.names())
def test_every_preset_states_every_setting_and_only_known_consequences(name):
    settings = presets.effective(name)
    assert set(presets.BASE) <= set(settings)
    assert set(settings["consequences"]) <= set(CATALOGUE)
    assert set(settings["interim"]["consequences"]) <= set(settings["consequences"])
    for rule in settings["decisions"].values():
        assert rule["rule"] in ("single", "majority", "two-thirds", "unanimous")


def test_overrides_replace_and_merge_one_level():
    settings = presets.effective("rls", {"strikes": {"threshold": 5}, "access": "cleared"})
    assert settings["strikes"]["threshold"] == 5 and settings["strikes"]["requires"]
    assert settings["access"] == "cleared"


def test_invalid_override_is_refused_with_its_location(make_committee):
    committee = make_committee("rls")
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  strikes:\n    threshold: three\n")
    result = committee.run("alice", "policy", "show")
    assert result.exit_code == 6 and "policy/strikes/threshold" in result.stderr


def test_policy_show_text_names_each_source(make_committee):
    committee = make_committee("chaoss")
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  appeals:\n    allowed: true\n    opens_after: 14d\n")
    text = committee.ok("alice", "policy", "show").stdout
    lines = {line.split()[0]: line for line in text.splitlines() if line.strip()}
    assert lines["access"].rstrip().endswith("preset") and "cleared" in lines["access"]
    assert lines["appeals.opens_after"].rstrip().endswith("cocctl.yaml")
    assert lines["require_signed_commits"].rstrip().endswith("base")
    rows = json.loads(committee.ok("alice", "policy", "show", "--json").stdout)
    assert {"setting": "preset", "value": "chaoss", "source": "cocctl.yaml"} in rows
