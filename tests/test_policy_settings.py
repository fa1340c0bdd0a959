"""The typed policy: built once from cocctl.yaml and its preset; a bad preset or setting is one clear line."""

from __future__ import annotations

import pytest

from cocctl.errors import IntegrityError
from cocctl.policy import settings
from cocctl.service.policy import policy_of
from tests.conftest import git

PRESETS = "rls, sse, enginexp, kubernetes, chaoss, django, contributor-covenant"


def set_config(committee, text: str) -> None:
    config = committee.root / "cocctl.yaml"
    config.write_text(text)


def one_clear_line(result) -> str:
    """The error a command printed, checked to be one line and no traceback."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_a_policy_is_frozen_and_typed():
    policy = settings.build("sse")
    assert policy.appeals.opens_after is not None and str(policy.appeals.opens_after) == "7 days"
    with pytest.raises(AttributeError):
        policy.access = "cleared"  # type: ignore[misc]
    with pytest.raises(TypeError):
        policy.decisions["default"] = policy.decisions["default"]  # type: ignore[index]
    assert policy_of(b"cocctl: 1\ncommunity: X\npreset: sse\n") == policy


@pytest.mark.parametrize("overrides, message", [
    ({"deadlines": {"decision": "soon"}}, "cocctl.yaml: policy.deadlines.decision: 'soon' is not a period of time"),
    ({"appeals": {"opens_after": "a week"}}, "cocctl.yaml: policy.appeals.opens_after: 'a week' is not a period"),
    ({"timezone": "Mars/Olympus"}, "cocctl.yaml: policy.timezone: 'Mars/Olympus' is not a time zone; write an IANA"),
    ({"consequences": ["flogging"]}, "cocctl.yaml: policy.consequences: names 'flogging', not a consequence; known: "),
    ({"decisions": {"flogging": {"rule": "single"}}}, "cocctl.yaml: policy.decisions.flogging: not a consequence"),
    ({"decisions": {"default": {"rule": "most"}}}, "cocctl.yaml: policy.decisions.default.rule: must be one of single, "),
    ({"roster": {"max_employer_share": 2}}, "cocctl.yaml: policy.roster.max_employer_share: must be a fraction"),
    ({"colour": "red"}, "cocctl.yaml: policy.colour: not a setting; the settings are description, access"),
])
def test_an_invalid_setting_names_the_file_the_setting_and_the_choices(overrides, message):
    with pytest.raises(IntegrityError) as raised:
        settings.build("rls", overrides)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_both_duration_spellings_work_in_every_setting():
    policy = settings.build("rls", {"strikes": {"expire": "1y"}, "appeals": {"opens_after": "2 weeks"},
                                    "expiring_soon": "3 working days", "deadlines": {"member_confirmation": "26w"}})
    assert [str(d) for d in (policy.strikes.expire, policy.appeals.opens_after, policy.expiring_soon,
                             policy.deadlines.member_confirmation)] == ["1 year", "2 weeks", "3 working days",
                                                                        "26 weeks"]


@pytest.mark.parametrize("command", [
    ("policy", "show"), ("due",), ("roster", "check"), ("rotation",), ("sanctions",), ("person", "sam"),
    ("draft", "CASE", "--to", "reporter"), ("stats",), ("amend", "CASE", "--note", "x"),
])
def test_an_unknown_preset_is_one_clear_line_for_every_command(make_committee, command):
    committee = make_committee("rls")
    case = committee.open()
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text().replace("preset: rls", "preset: rsl"))
    commits = committee.commits()
    line = one_clear_line(committee.run("alice", *(case if part == "CASE" else part for part in command)))
    assert "cocctl.yaml" in line and committee.commits() == commits
    if command[0] != "amend":  # a write first refuses the unsigned edit itself
        assert line == f"cocctl: cocctl.yaml is not valid (preset: must be one of {PRESETS}); fix it or restore it with git"
    result = committee.run("alice", "validate")
    assert result.exit_code == 1 and f"preset: must be one of {PRESETS}" in result.stdout


def test_policy_sign_refuses_settings_that_do_not_build(committee):
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  timezone: Europe/Atlantis\n")
    commits = committee.commits()
    line = one_clear_line(committee.run("alice", "policy", "sign"))
    assert line.startswith("cocctl: cocctl.yaml: policy.timezone: 'Europe/Atlantis' is not a time zone")
    assert committee.commits() == commits


def test_an_invalid_setting_is_one_clear_line_for_policy_show_and_writes(committee):
    case = committee.open()
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  deadlines:\n    decision: a fortnight\n")
    for command in (("policy", "show"), ("person", "sam"), ("due",)):
        line = one_clear_line(committee.run("alice", *command))
        assert line.endswith("cocctl.yaml: policy.deadlines.decision: 'a fortnight' is not a period of time; "
                             "write a number and a unit, e.g. 30d, 2w, 24 hours, 5 working days, 6 months or 1y")


def test_an_unreadable_policy_never_switches_signing_off(committee):
    """Signed commits required, then a preset cocctl does not know: nothing is written unsigned."""
    case = committee.open()
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  require_signed_commits: true\n")
    committee.ok("alice", "policy", "sign")
    # Committed outside cocctl, as a newer or a hostile version might.
    config.write_text(config.read_text().replace("preset: contributor-covenant", "preset: unknown"))
    git(committee.root, "commit", "-q", "-a", "-m", "Edit the settings")
    head = committee.head()
    one_clear_line(committee.run("alice", "amend", case, "--note", "x"))
    assert committee.head() == head
    # An unsigned change of a case under those settings is an offence of verify.
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text(path.read_text() + "\n")
    git(committee.root, "commit", "-q", "-a", "-m",
        f"Amend case {case}\n\nCocctl-Action: amend\nCocctl-Case: {case}\nCocctl-Actor: alice")
    result = committee.run("alice", "verify")
    assert result.exit_code != 0
    assert "is not signed, and its settings cannot be read to tell whether they require it" in result.output


def test_deadlines_follow_the_communitys_time_zone(make_committee):
    import json

    committee = make_committee("rls")
    opened = ("open", "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
              "--reporter", "Riley", "--received-at", "2026-11-20T20:00:00Z")  # a Friday evening in UTC
    committee.ok("alice", *opened)
    due = json.loads(committee.ok("alice", "due", "--json").stdout)["items"]
    assert [(i["kind"], i["at"]) for i in due if i["kind"] == "decision"] == [("decision", "2026-11-27T20:00:00Z")]
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  timezone: Pacific/Auckland\n")
    committee.ok("alice", "policy", "sign")
    due = json.loads(committee.ok("alice", "due", "--json").stdout)["items"]
    # Already Saturday in Auckland: five working days from Monday 00:00 there.
    assert [(i["kind"], i["at"]) for i in due if i["kind"] == "decision"] == [("decision", "2026-11-29T11:00:00Z")]
