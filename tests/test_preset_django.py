"""Django and Contributor Covenant end to end: two-thirds of members without a conflict; the ladder."""

from __future__ import annotations

import json

from tests.govkit import at, build, open_case


def test_two_thirds_of_members_without_a_conflict(tmp_path):
    group = build(tmp_path, "django", {"ann": ["chair"], "ben": [], "cat": [], "dan": []})
    case = open_case(group, "ann", "x-ray")
    group.ok("dan", "recuse", case, "--soft")  # keeps access, gives up the vote
    group.ok("ann", "propose", case, "--violation", "--consequence", "event-ban:period=1y", "--rationale", "r",
             env=at("2026-11-17T09:00:00Z"))
    head = group.head()
    soft = group.run("dan", "vote", case, "yes")
    assert soft.exit_code == 4 and "recused" in soft.stderr and group.head() == head
    group.ok("ann", "vote", case, "yes", env=at("2026-11-17T10:00:00Z"))
    group.ok("ben", "vote", case, "no", env=at("2026-11-17T10:00:00Z"))
    pending = group.run("ann", "decide", case, env=at("2026-11-17T11:00:00Z"))
    assert pending.exit_code == 7 and "waiting for cat" in pending.stderr
    group.ok("cat", "vote", case, "yes", env=at("2026-11-17T12:00:00Z"))
    decided = group.ok("ann", "decide", case, env=at("2026-11-17T13:00:00Z"))
    assert "adopted: event-ban (period=1y)" in decided.stderr
    shown = json.loads(group.ok("dan", "show", case, "--json").stdout)
    assert shown["decisions"][0]["tally"]["eligible"] == ["ann", "ben", "cat"]


def test_two_thirds_lost_is_recorded_as_rejected(tmp_path):
    group = build(tmp_path, "django", {"ann": ["chair"], "ben": [], "cat": []})
    case = open_case(group, "ann", "x-ray")
    group.ok("ann", "propose", case, "--violation", "--consequence", "private-warning", "--rationale", "r",
             env=at("2026-11-17T09:00:00Z"))
    for who, vote in (("ann", "yes"), ("ben", "no"), ("cat", "no")):
        group.ok(who, "vote", case, vote, env=at("2026-11-17T10:00:00Z"))
    decided = group.ok("ann", "decide", case, env=at("2026-11-17T11:00:00Z"))
    assert "rejected" in decided.stderr
    late = group.run("cat", "vote", case, "yes", "--proposal", "1")
    assert late.exit_code == 7 and "already decided" in late.stderr


def test_contributor_covenant_ladder_warning_with_no_contact_then_ban(tmp_path):
    group = build(tmp_path, "contributor-covenant", {"ann": ["chair"], "ben": [], "cat": []})
    case = open_case(group, "ann", "x-ray")
    direct = group.run("ann", "decide", case, "--consequence", "private-warning", "--rationale", "r")
    assert direct.exit_code == 2 and "majority vote" in direct.stderr
    group.ok("ann", "propose", case, "--violation", "--consequence", "private-warning:no-contact=30d",
             "--rationale", "r", env=at("2026-11-17T09:00:00Z"))
    group.ok("ann", "vote", case, "yes", env=at("2026-11-17T10:00:00Z"))
    group.ok("ben", "vote", case, "yes", env=at("2026-11-17T10:00:00Z"))
    group.ok("cat", "decide", case, env=at("2026-11-17T11:00:00Z"))
    person = group.ok("cat", "person", "x-ray", env=at("2026-11-18T00:00:00Z")).stdout
    assert "highest consequence: private-warning (no-contact=30d)" in person
