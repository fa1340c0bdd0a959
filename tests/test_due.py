"""`cocctl due`: deadlines by case and owner, and the key-less `--check` for CI."""

from __future__ import annotations

import json
import subprocess

import pytest

FRIDAY = "2026-11-20T10:00:00Z"
SATURDAY = {"COCCTL_NOW": "2026-11-21T12:00:00Z"}
MONDAY = {"COCCTL_NOW": "2026-11-23T09:00:00Z"}
NEXT_FRIDAY_LATE = {"COCCTL_NOW": "2026-11-27T11:00:00Z"}


@pytest.fixture
def rls(make_committee):
    return make_committee("rls")


def open_friday(committee, who="alice", *extra):
    return committee.ok(
        who, "open", "--summary", "Insults in a thread", "--kind", "complaint", "--channel", "email",
        "--severity", "medium", "--reporter", "Quincy Zebulon", "--received-at", FRIDAY, *extra,
        env={"COCCTL_NOW": "2026-11-20T10:30:00Z"},
    ).stdout.strip()


def due_json(committee, who, *args, env):
    return json.loads(committee.ok(who, "due", "--json", *args, env=env).stdout)


def keyless_clone(committee, tmp_path):
    """A fresh clone and an environment with no identity at all."""
    clone = tmp_path / "ci-clone"
    subprocess.run(["git", "clone", "--quiet", str(committee.root), str(clone)], check=True)
    empty = tmp_path / "empty-home"
    empty.mkdir()
    return clone, {"HOME": str(empty), "XDG_CONFIG_HOME": str(empty / ".config")}


def check_in(committee, clone, env):
    from cocctl.cli import app

    return committee.runner.invoke(app, ["--archive", str(clone), "due", "--check"], env=env)


def test_weekend_first_response_then_working_day_decision(rls):
    case = open_friday(rls)
    items = due_json(rls, "alice", env=SATURDAY)["items"]
    assert [(i["kind"], i["at"], i["status"]) for i in items] == [
        ("first-response", "2026-11-21T10:00:00Z", "overdue"),   # 24 hours run over the weekend
        ("decision", "2026-11-27T10:00:00Z", "upcoming"),       # five working days: next Friday
    ]
    assert items[0]["case"] == case and items[0]["owner"] is None
    rls.ok("bob", "amend", case, "--contact", "reporter: acknowledged, we are on it", env=MONDAY)
    items = due_json(rls, "alice", env=MONDAY)["items"]
    assert [i["kind"] for i in items] == ["decision"] and items[0]["status"] == "upcoming"
    assert due_json(rls, "alice", env=NEXT_FRIDAY_LATE)["items"][0]["status"] == "overdue"


def test_most_urgent_first_with_owners_and_mine(rls):
    late = open_friday(rls)
    soon = rls.ok("alice", "open", "--summary", "x", "--kind", "concern", "--channel", "dm", "--severity", "low",
                  "--reporter", "Pat", "--received-at", "2026-11-23T08:00:00Z", env=MONDAY).stdout.strip()
    rls.ok("alice", "assign", soon, "--primary", "bob", "--secondary", "carol", env=MONDAY)
    items = due_json(rls, "alice", env=MONDAY)["items"]
    assert [i["case"] for i in items[:2]] == [late, soon]
    assert [i["at"] for i in items] == sorted(i["at"] for i in items)
    mine = due_json(rls, "carol", "--mine", env=MONDAY)["items"]
    assert {i["case"] for i in mine} == {soon} and mine[0]["owner"] == "bob"
    assert due_json(rls, "alice", "--mine", env=MONDAY)["items"] == []
    text = rls.ok("alice", "due", env=MONDAY).stdout
    assert "late" in text and "bob (+carol)" in text and "no owner" in text


def test_at_evaluates_another_moment(rls):
    open_friday(rls)
    items = due_json(rls, "alice", "--at", "2026-11-20T12:00:00Z", env=MONDAY)["items"]
    assert {i["status"] for i in items} == {"upcoming"}
    bad = rls.run("alice", "due", "--at", "tomorrow")
    assert bad.exit_code == 2 and "ISO 8601" in bad.stderr


def test_check_runs_in_a_clone_without_any_identity(rls, tmp_path):
    case = open_friday(rls)
    clone, env = keyless_clone(rls, tmp_path)
    calm = check_in(rls, clone, {**env, "COCCTL_NOW": "2026-11-20T18:00:00Z"})
    assert calm.exit_code == 0, calm.output
    assert case in calm.stdout and "Quincy" not in calm.output and "Insults" not in calm.output
    alarm = check_in(rls, clone, {**env, **SATURDAY})
    assert alarm.exit_code == 1 and "1 deadline(s) overdue" in alarm.stderr
    assert "first-response" in alarm.stdout and "Quincy" not in alarm.output
    # Answering the reporter is pushed; the clone pulls it and the alarm stops.
    rls.ok("alice", "draft", case, "--to", "reporter", "--kind", "ack", "--sent", env=SATURDAY)
    subprocess.run(["git", "-C", str(clone), "pull", "--quiet"], check=True)
    assert check_in(rls, clone, {**env, **SATURDAY}).exit_code == 0
    assert check_in(rls, clone, {**env, **NEXT_FRIDAY_LATE}).exit_code == 1


def test_check_is_quiet_when_everything_is_closed_and_told(rls, tmp_path):
    case = open_friday(rls)
    rls.ok("alice", "close", case, "--resolution", "warning", env=MONDAY)
    rls.ok("alice", "draft", case, "--to", "reporter", "--kind", "decision", "--sent", env=MONDAY)
    clone, env = keyless_clone(rls, tmp_path)
    result = check_in(rls, clone, {**env, **NEXT_FRIDAY_LATE})
    assert result.exit_code == 0 and "nothing due" in result.stderr


def test_envelope_due_is_rewritten_on_every_write(rls):
    case = open_friday(rls)
    path = rls.root / "cases" / f"{case}.yaml"
    assert "kind: first-response" in path.read_text()
    rls.ok("alice", "amend", case, "--contact", "Quincy Zebulon: called back", env=SATURDAY)
    text = path.read_text()
    assert "kind: first-response" not in text and "kind: decision" in text
    assert "Quincy" not in text


def test_mine_and_check_together_are_refused(rls):
    result = rls.run("alice", "due", "--mine", "--check")
    assert result.exit_code == 2 and "choose one" in result.stderr
