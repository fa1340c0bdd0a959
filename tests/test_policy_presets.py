"""Policy presets, overrides, their schema and `policy show`."""

from __future__ import annotations

import json

import pytest

from cocctl.policy import deadlines, presets
from cocctl.policy.consequences import CATALOGUE


# What each seed process decides differently from the base policy: the preset
# must state these settings itself (the base would silently fill them in).
SEED_SETTINGS = {
    "rls": {"decisions", "strikes", "interim", "consequences"},          # admins' vote, three strikes
    "sse": {"interim", "appeals", "consequences"},                        # interim suspension, appeal after a week
    "enginexp": {"interim", "appeals", "consequences"},
    "kubernetes": {"decisions", "interim", "consequences"},               # unanimity sought
    "chaoss": {"access", "decisions", "interim", "consequences", "owners"},  # conflicts cut access, owners
    "django": {"decisions"},                                              # two-thirds
    "contributor-covenant": {"decisions", "consequences"},                # the enforcement ladder
}


def test_every_preset_has_its_seed_settings_listed():
    assert set(SEED_SETTINGS) == set(presets.names())


@pytest.mark.parametrize("name", presets.names())
def test_every_preset_states_its_own_process(name):
    own = presets.PRESETS[name]
    assert own.get("description"), f"{name} has no description"
    assert set(own) <= set(presets.BASE), f"{name} states unknown settings {set(own) - set(presets.BASE)}"
    for key in SEED_SETTINGS[name]:
        assert key in own, f"{name} does not state {key}"
        assert own[key] != presets.BASE[key], f"{name}'s {key} is the base value"
    # A preset's mapping replaces the base's whole, so it must state every part of it.
    for key, value in own.items():
        if isinstance(presets.BASE[key], dict):
            assert set(presets.BASE[key]) <= set(value), f"{name}'s {key} lacks {set(presets.BASE[key]) - set(value)}"
    assert name in deadlines.PRESET_DEADLINES


@pytest.mark.parametrize("name", presets.names())
def test_every_preset_uses_only_known_consequences_and_rules(name):
    settings = presets.effective(name)
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
