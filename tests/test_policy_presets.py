"""Policy presets, overrides, their schema and `policy show`."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from cocctl.policy import presets, settings
from cocctl.policy.consequences import CATALOGUE, SUSPENSIONS
from cocctl.policy.votes import BASES, RULES

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

# What each seed process decides differently from the base policy: the preset
# must state these settings itself (the base would silently fill them in).
SEED_SETTINGS = {
    # admins' vote, strikes, reapplying after a suspension
    "rls": {"decisions", "strikes", "interim", "consequences", "deadlines", "accused_first", "reapply"},
    "sse": {"interim", "appeals", "consequences", "public_channel"},  # interim suspension, appeal after a week
    "enginexp": {"interim", "appeals", "consequences", "public_channel"},
    "kubernetes": {"decisions", "consequences", "deadlines", "roster"},  # unanimity sought, the watch
    "chaoss": {"access", "decisions", "interim", "consequences", "owners", "deadlines", "member_removal",
               "law_enforcement"},  # conflicts cut access
    "django": {"decisions", "deadlines"},                                       # two-thirds
    "contributor-covenant": {"decisions", "consequences", "deadlines"},         # the enforcement ladder
}


def setting(policy: settings.Policy, dotted: str):
    """A setting of the effective policy by its `policy show` name, as plain data."""
    value = policy.to_dict()
    for part in dotted.split("."):
        value = value[part]
    return value


# What each seed's text says, checked on the effective policy the preset gives
# (base, preset and all): a preset that lost one of these no longer carries its process.
SEED_FACTS = {
    "rls": {  # ../shared/seeds/000 (Rands Leadership Slack)
        "deadlines.first_response": "24 hours",            # "a first response within 24 hours"
        "deadlines.decision": "5 working days",            # "resolving incidents within five working days"
        "strikes.threshold": 3,                            # "a three-strike system"
        "strikes.expire": None,                            # "Strikes do not expire"
        "strikes.requires": list(SUSPENSIONS),             # "suspended ... for a period of time or permanently"
        "decisions.temporary-suspension.rule": "majority",  # "private vote ... Majority wins"
        "decisions.temporary-suspension.exclude_roles": ["owner"],  # "The Admins (not including @rands)"
        "decisions.temporary-suspension.tie_breaker": "owner",      # "@rands will cast the deciding vote"
        "decisions.permanent-suspension.rule": "majority",
        "decisions.default.rule": "single",                # one Administrator determines other consequences
        "interim.until_resolved": False,                   # an interim suspension is not the admins' vote
        "accused_first": True,                             # the accused first, then the reporting member
        "reapply": True,                                   # "members can reapply for membership"
        "consequences": ["no-action", "awareness", "strike", "do-not-contact", "channel-restriction",
                         "temporary-suspension", "permanent-suspension", "other"],  # "include but are not limited to"
        "roster.watch": None,                              # no roster rules in the seed
        "deadlines.member_confirmation": None,
    },
    "sse": {  # ../shared/seeds/001 (Soft Skills Engineering Slack)
        "interim.allowed": True,                           # "may suspend one or more accounts until ..."
        "appeals.allowed": True,                           # "the individual suspended may appeal"
        "appeals.opens_after": "7 days",                   # "starting one week after the suspension"
        "appeals.of": list(SUSPENSIONS),
        "interim.kinds": ["complaint"],                    # "in extreme cases involving formal complaints"
        "interim.until_resolved": True,                    # "until they are able to triage and resolve"
        "public_channel": "consult",                       # "will consult those involved before disclosing"
        "deadlines.first_response": None,                  # "as quickly as possible with an estimate"
        "deadlines.decision": None,
        "roster.watch": None,                              # one administrator is a valid committee
        "roster.max_employer_share": None,
        "deadlines.member_confirmation": None,
    },
    "enginexp": {  # ../shared/seeds/002 (Enginexp Slack): the same process, but one reporting path
        "interim.allowed": True,
        "appeals.allowed": True,
        "appeals.opens_after": "7 days",
        "appeals.of": list(SUSPENSIONS),
        "interim.kinds": [],                               # "in extreme cases" (no formal-complaint condition)
        "interim.until_resolved": True,
        "public_channel": "consult",
        "deadlines.first_response": None,
        "deadlines.decision": None,
        "roster.watch": None,
        "roster.max_employer_share": None,
        "deadlines.member_confirmation": None,
    },
    "kubernetes": {  # ../shared/seeds/003 (Kubernetes CoC Committee)
        "decisions.default.rule": "unanimous",             # "strives for unanimous consensus"
        "decisions.default.fallback": "majority",
        "roster.watch": 2,                                 # "at least two people watching for incoming reports"
        "roster.max_employer_share": 0.5,                  # "never have a majority ... from a single employer"
        "deadlines.first_response": "3 days",              # "usually within a few days"
        "deadlines.decision": None,                        # "reaching a consensus may take some time"
        "interim.allowed": False,                          # no one-member measure: "we work as a team"
    },
    "chaoss": {  # ../shared/seeds/004 (CHAOSS)
        "access": "cleared",                               # "should not have access" with a conflict
        "owners.primary": True,                            # "a primary and secondary incident owner"
        "owners.secondary": True,
        "decisions.default.rule": "majority",              # "a simple majority of the committee members
        "decisions.default.basis": "present",              #  who are in the private slack meeting"
        "deadlines.first_response": "24 hours",            # "acknowledging emailed reports within 24 hours"
        "deadlines.decision": "7 days",                    # "decisions and actions taken within 1 week"
        "deadlines.reporter_update": "7 days",             # "taking longer than a week, you should email"
        "deadlines.member_confirmation": "6 months",       # "asked every six months if they wish to continue"
        "member_removal": "majority",                      # "a simple majority of all ... members"
        "law_enforcement": "reporter-request",             # "Only involve law enforcement at the request of the reporter"
        "roster.watch": None,
    },
    "django": {  # DESIGN.md: two-thirds of members without a conflict
        "decisions.default.rule": "two-thirds",
        "decisions.default.basis": "eligible",
    },
    "contributor-covenant": {  # the enforcement ladder: correction, warning, temporary ban, permanent ban
        "consequences": ["no-action", "correction", "private-warning", "temporary-suspension",
                         "permanent-suspension"],
    },
}
# Consequences a seed names, which its preset must offer.
SEED_CONSEQUENCES = {
    "rls": {"awareness", "strike", "do-not-contact", "temporary-suspension", "permanent-suspension"},
    "sse": {"awareness", "temporary-suspension", "permanent-suspension"},
    "enginexp": {"awareness", "temporary-suspension", "permanent-suspension"},
    "kubernetes": {"no-action", "private-warning", "coaching", "temporary-suspension", "permanent-suspension"},
    "chaoss": {"leave-event", "end-talk", "unpublish-talk", "event-ban", "behaviour-plan", "refund-grant", "other"},
    "django": set(),
    "contributor-covenant": {"correction", "private-warning"},
}


def test_every_preset_has_its_seed_settings_listed():
    assert set(SEED_SETTINGS) == set(presets.names()) == set(SEED_FACTS) == set(SEED_CONSEQUENCES)


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


@pytest.mark.parametrize("name", presets.names())
def test_every_preset_carries_what_its_seed_says(name):
    policy = settings.build(name)
    wrong = {dotted: setting(policy, dotted) for dotted, value in SEED_FACTS[name].items()
             if setting(policy, dotted) != value}
    assert wrong == {}, f"{name} no longer carries its seed's process"
    assert SEED_CONSEQUENCES[name] <= set(policy.consequences)


@pytest.mark.parametrize("name", presets.names())
def test_every_preset_uses_only_known_consequences_and_rules(name):
    policy = settings.build(name)
    assert set(policy.consequences) <= set(CATALOGUE)
    assert set(policy.interim.consequences) <= set(policy.consequences)
    for rule in policy.decisions.values():
        assert rule.rule in RULES and rule.basis in BASES


def test_the_config_schema_names_exactly_the_presets():
    schema = json.loads((SCHEMAS / "config.schema.json").read_text())
    assert schema["properties"]["preset"]["enum"] == presets.names()


def test_the_policy_schema_states_exactly_the_settings():
    schema = json.loads((SCHEMAS / "policy.schema.json").read_text())["properties"]
    assert list(schema) == list(presets.BASE)
    assert set(schema["deadlines"]["properties"]) == {f.name for f in fields(settings.Deadlines)}
    assert set(schema["roster"]["properties"]) == {f.name for f in fields(settings.RosterRules)}
    for key in ("strikes", "appeals", "interim", "owners", "deadlines", "roster"):
        assert set(schema[key]["properties"]) == set(presets.BASE[key]), key


def test_overrides_replace_and_merge_one_level():
    policy = settings.build("rls", {"strikes": {"threshold": 5}, "access": "cleared"})
    assert policy.strikes.threshold == 5 and policy.strikes.requires
    assert policy.access == "cleared"


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
    assert lines["appeals.opens_after"].rstrip().endswith("cocctl.yaml") and "14 days" in lines["appeals.opens_after"]
    assert lines["require_signed_commits"].rstrip().endswith("base")
    rows = json.loads(committee.ok("alice", "policy", "show", "--json").stdout)
    assert {"setting": "preset", "value": "chaoss", "source": "cocctl.yaml"} in rows
    assert {"setting": "timezone", "value": "UTC", "source": "base"} in rows
