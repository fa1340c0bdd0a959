"""`cocctl roster check`, `cocctl rotation` and `cocctl member confirm`: the committee's own rules."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone

from cocctl.policy import committee as rules
from tests.conftest import make_key

SOON = {"COCCTL_NOW": "2026-12-01T10:00:00Z"}


def add(c, handle, tmp_path, *extra):
    recipient = make_key(c.runner, tmp_path / "more-keys" / handle)
    c.ok("alice", "member", "add", handle, "--key", recipient, *extra)


def check(c, env=SOON, who=None):
    result = c.run(who, "roster", "check", "--json", env=env)
    return result.exit_code, json.loads(result.stdout)


def test_a_healthy_committee_passes_without_any_key(make_committee):
    c = make_committee("kubernetes")
    code, data = check(c)
    assert code == 0 and data["broken"] is False
    assert len(data["on_watch"]) == 2


def test_a_majority_from_one_employer_is_refused(make_committee, tmp_path):
    c = make_committee("kubernetes")
    for handle in ("dave", "erin", "frank"):
        add(c, handle, tmp_path, "--employer", "Acme Corp")
    code, data = check(c)
    assert code == 0  # 3 of 6 is not a majority
    add(c, "gina", tmp_path, "--employer", "acme  corp")
    code, data = check(c)
    broken = [f for f in data["findings"] if f["broken"]]
    assert code == 1 and broken[0]["rule"] == "employer-majority"
    assert "4 of 7 members share one employer" in broken[0]["message"]
    assert set(broken[0]["members"]) == {"dave", "erin", "frank", "gina"}
    text = c.run(None, "roster", "check", env=SOON)
    assert text.exit_code == 1 and "BROKEN" in text.stdout


def test_fewer_than_two_on_watch_is_refused(make_committee):
    c = make_committee("kubernetes")
    c.ok("alice", "member", "remove", "bob", "--yes")
    assert check(c)[0] == 0
    c.ok("alice", "member", "remove", "carol", "--yes")
    code, data = check(c)
    assert code == 1 and "triage watch needs at least 2" in data["findings"][0]["message"]


def test_six_monthly_question_and_member_confirm(make_committee):
    c = make_committee("chaoss")
    joined = c.ok(None, "member", "list", "--json").stdout
    assert "2026-" in joined  # everyone joined today
    later = {"COCCTL_NOW": "2027-06-01T10:00:00Z"}
    code, data = check(c, later)
    due = {f["members"][0] for f in data["findings"] if f["rule"] == "continue-question" and f["broken"]}
    assert code == 1 and due == {"alice", "bob", "carol"}
    commits = c.commits()
    for handle in ("alice", "bob", "carol"):
        c.ok(handle, "member", "confirm", handle, env=later)
    assert c.commits() == commits + 3
    assert "confirmed: '2027-06-01T10:00:00Z'" in (c.root / "committee.yaml").read_text()
    assert check(c, later)[0] == 0
    assert check(c, {"COCCTL_NOW": "2027-12-02T10:00:00Z"})[0] == 1
    bad = c.run("alice", "member", "confirm", "zed")
    assert bad.exit_code == 2 and "not an active committee member" in bad.stderr
    other = c.run("alice", "member", "confirm", "bob")
    assert other.exit_code == 4 and "only bob can confirm" in other.stderr


def test_a_rule_can_be_switched_off_in_the_policy(make_committee):
    c = make_committee("chaoss")
    config = c.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  deadlines:\n    member_confirmation: null\n")
    assert check(c, {"COCCTL_NOW": "2027-06-01T10:00:00Z"})[0] == 0


def test_rotation_is_a_fair_weekly_schedule_anyone_computes_the_same(make_committee):
    c = make_committee("kubernetes")
    weeks = json.loads(c.ok(None, "rotation", "--weeks", "3", "--json", env=SOON).stdout)
    assert [w["week"] for w in weeks] == ["2026-11-30", "2026-12-07", "2026-12-14"]
    assert all(len(w["watch"]) == 2 and len(set(w["watch"])) == 2 for w in weeks)
    assert Counter(h for w in weeks for h in w["watch"]) == {"alice": 2, "bob": 2, "carol": 2}
    assert c.ok("carol", "rotation", "--weeks", "3", "--json", env=SOON).stdout == json.dumps(weeks, indent=2) + "\n"
    # The same week, any day of it, has the same watch.
    sunday = json.loads(c.ok(None, "rotation", "--weeks", "1", "--json", "--at", "2026-12-06T23:00:00Z").stdout)
    assert sunday[0]["watch"] == weeks[0]["watch"]
    assert c.run(None, "rotation", "--weeks", "0").exit_code == 2


def test_the_watch_changes_on_monday_in_the_communitys_time_zone(make_committee):
    c = make_committee("kubernetes")
    config = c.root / "cocctl.yaml"
    text = config.read_text()
    config.write_text(text.replace("policy:\n", "policy:\n  timezone: America/Los_Angeles\n") if "policy:\n" in text
                      else text + "policy:\n  timezone: America/Los_Angeles\n")
    c.ok("alice", "policy", "sign")
    # Monday 05:00 UTC is still Sunday evening in Los Angeles: last week's watch.
    utc_monday = json.loads(c.ok(None, "rotation", "--weeks", "1", "--json", "--at", "2026-12-07T05:00:00Z").stdout)
    sunday = json.loads(c.ok(None, "rotation", "--weeks", "1", "--json", "--at", "2026-12-06T12:00:00Z").stdout)
    assert utc_monday == sunday and utc_monday[0]["week"] == "2026-11-30"
    local_monday = json.loads(c.ok(None, "rotation", "--weeks", "1", "--json", "--at", "2026-12-07T09:00:00Z").stdout)
    assert local_monday[0]["week"] == "2026-12-07" and local_monday[0]["watch"] != sunday[0]["watch"]


def test_on_watch_is_pure_and_moves_every_monday():
    monday = datetime(2026, 11, 30, tzinfo=timezone.utc)
    saturday = datetime(2026, 12, 5, tzinfo=timezone.utc)
    next_monday = datetime(2026, 12, 7, tzinfo=timezone.utc)
    handles = ["a", "b", "c", "d"]
    assert rules.on_watch(handles, monday, 2) == rules.on_watch(handles, saturday, 2)
    assert set(rules.on_watch(handles, monday, 2)).isdisjoint(rules.on_watch(handles, next_monday, 2))
    assert rules.on_watch(["a"], monday, 2) == ("a",)
