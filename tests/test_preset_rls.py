"""RLS end to end: concern vs complaint, three strikes, the admins' vote with a tie-breaker, do-not-contact."""

from __future__ import annotations

import json

import pytest

from tests.govkit import at, build, open_case

ROLES = {"rands": ["owner", "admin"], "alice": ["admin"], "bob": ["admin"], "carol": ["admin"]}


@pytest.fixture
def rls(tmp_path):
    return build(tmp_path, "rls", ROLES)


def test_concern_gets_awareness_only(rls):
    case = open_case(rls, "alice", "sam", "--kind", "concern")
    result = rls.run("alice", "decide", case, "--no-violation", "--consequence", "strike", "--rationale", "x")
    assert result.exit_code == 2 and "needs a violation" in result.stderr
    rls.ok("alice", "decide", case, "--no-violation", "--consequence", "awareness", "--rationale", "heads-up only")
    shown = json.loads(rls.ok("alice", "show", case, "--json").stdout)
    assert shown["decisions"][0]["consequences"] == [{"id": "awareness", "params": {}}]
    assert shown["decisions"][0]["violation"] is False


def test_three_strikes_then_suspension_vote_with_tie_broken_by_owner(rls):
    cases = [open_case(rls, "alice", name, "--kind", "complaint", when=f"2026-11-{10 + i}T09:00:00Z")
             for i, name in enumerate(["sam", "Sam", "@sam"])]
    for i, case in enumerate(cases[:2]):
        rls.ok("alice", "decide", case, "--consequence", "strike", "--rationale", "marketing in channels",
               env=at(f"2026-11-1{3 + i}T10:00:00Z"))
    third = rls.ok("bob", "decide", cases[2], "--consequence", "strike", "--rationale", "again",
                   env=at("2026-11-16T10:00:00Z"))
    assert "3 of 3 strikes" in third.stderr and "temporary-suspension" in third.stderr
    shown = json.loads(rls.ok("bob", "show", cases[2], "--json").stdout)
    assert shown["decisions"][0]["strikes"][0]["requires"] == ["temporary-suspension", "permanent-suspension"]

    # A suspension cannot be decided by one admin.
    head = rls.head()
    direct = rls.run("alice", "decide", cases[2], "--consequence", "temporary-suspension:period=30d",
                     "--rationale", "x")
    assert direct.exit_code == 2 and "majority vote" in direct.stderr and rls.head() == head

    rls.ok("alice", "propose", cases[2], "--violation", "--consequence", "temporary-suspension:period=30d",
           "--rationale", "three strikes", env=at("2026-11-16T11:00:00Z"))
    # The owner does not vote on suspensions...
    owner = rls.run("rands", "vote", cases[2], "yes")
    assert owner.exit_code == 7 and "tie caused by abstention" in owner.stderr
    rls.ok("alice", "vote", cases[2], "yes", env=at("2026-11-16T12:00:00Z"))
    early = rls.run("alice", "decide", cases[2])
    assert early.exit_code == 7 and "quorum not reached" in early.stderr and "1 yes" in early.stderr
    rls.ok("bob", "vote", cases[2], "no", env=at("2026-11-16T12:00:00Z"))
    rls.ok("carol", "vote", cases[2], "abstain", env=at("2026-11-16T12:00:00Z"))
    tied = rls.run("alice", "decide", cases[2])
    assert tied.exit_code == 7 and "tied 1 to 1 after abstention" in tied.stderr and "rands" in tied.stderr
    # ...but breaks the tie caused by abstention.
    rls.ok("rands", "vote", cases[2], "yes", env=at("2026-11-17T09:00:00Z"))
    decided = rls.ok("alice", "decide", cases[2], env=at("2026-11-17T10:00:00Z"))
    assert "adopted" in decided.stderr and "the owner voted yes" in decided.stderr
    shown = json.loads(rls.ok("alice", "show", cases[2], "--json").stdout)
    assert shown["decisions"][1]["tally"]["tie_breaker"] == "yes"

    person = rls.ok("carol", "person", "SAM", env=at("2026-11-20T00:00:00Z")).stdout
    assert "strikes: 3 of 3" in person and "temporary-suspension (period=30d)" in person
    assert "until 2026-12-17T10:00:00Z" in person and "highest consequence: temporary-suspension" in person


def test_do_not_contact_needs_a_period_and_ends(rls):
    case = open_case(rls, "alice", "sam")
    head = rls.head()
    bad = rls.run("alice", "decide", case, "--consequence", "do-not-contact:protect=riley", "--rationale", "x")
    assert bad.exit_code == 2 and "do-not-contact needs period" in bad.stderr and rls.head() == head
    unknown = rls.run("alice", "decide", case, "--consequence", "flogging", "--rationale", "x")
    assert unknown.exit_code == 2 and "known: no-action, awareness, strike" in unknown.stderr
    rls.ok("alice", "decide", case, "--consequence", "do-not-contact:period=30d,protect=riley",
           "--rationale", "kept messaging", env=at("2026-11-20T12:00:00Z"))
    during = rls.ok("bob", "sanctions", "--at", "2026-12-15T00:00:00Z").stdout
    assert "do-not-contact (period=30d, protect=riley) until 2026-12-20T12:00:00Z" in during
    assert "expires soon" in during
    assert "no sanctions in force" in rls.ok("bob", "sanctions", "--at", "2026-12-21T00:00:00Z").stdout


def test_policy_show_names_sources(rls):
    (rls.root / "cocctl.yaml").write_text(
        (rls.root / "cocctl.yaml").read_text() + "policy:\n  strikes:\n    threshold: 4\n")
    rows = {r["setting"]: r for r in json.loads(rls.ok("alice", "policy", "show", "--json").stdout)}
    assert rows["strikes.threshold"] == {"setting": "strikes.threshold", "value": 4, "source": "cocctl.yaml"}
    assert rows["access"]["source"] == "base"
    assert rows["decisions.temporary-suspension"]["source"] == "preset"


def test_no_violation_alone_decides_no_action(rls):
    case = open_case(rls, "alice", "sam")
    rls.ok("bob", "decide", case, "--no-violation", "--rationale", "banter between friends")
    shown = json.loads(rls.ok("alice", "show", case, "--json").stdout)
    assert shown["decisions"][0]["consequences"] == [{"id": "no-action", "params": {}}]
    assert rls.ok("alice", "person", "sam").stdout.count("highest consequence: no-action") == 1


def test_interim_suspension_stays_interim_until_the_vote(rls):
    """ "The Admins will conduct a private vote for any suspension": one admin's confirmation is not that vote."""
    case = open_case(rls, "alice", "sam", "--urgent", when="2026-11-16T09:00:00Z")
    rls.ok("alice", "interim", case, "--consequence", "temporary-suspension:period=14d",
           "--rationale", "threats against a member", env=at("2026-11-16T10:00:00Z"))
    head = rls.head()
    confirmed = rls.run("bob", "confirm", case, env=at("2026-11-16T11:00:00Z"))
    assert confirmed.exit_code == 7 and "majority vote" in confirmed.stderr and "stays interim" in confirmed.stderr
    assert rls.head() == head
    shown = json.loads(rls.ok("bob", "show", case, "--json").stdout)
    assert shown["decisions"][0]["interim"] is True and shown["decisions"][0]["standing"] == "in-force"
    # Closing does not pass over it either.
    closing = rls.run("bob", "close", case, "--resolution", "done", env=at("2026-11-16T12:00:00Z"))
    assert closing.exit_code == 7 and "interim measure 1 awaiting the committee" in closing.stderr
    # Making it final goes through the admins' vote; the final decision replaces the interim measure.
    rls.ok("alice", "propose", case, "--violation", "--consequence", "temporary-suspension:period=30d",
           "--rationale", "threats", env=at("2026-11-16T12:00:00Z"))
    for admin in ("alice", "bob", "carol"):
        rls.ok(admin, "vote", case, "yes", env=at("2026-11-16T13:00:00Z"))
    rls.ok("alice", "decide", case, env=at("2026-11-16T14:00:00Z"))
    shown = json.loads(rls.ok("bob", "show", case, "--json").stdout)
    interim, final = shown["decisions"]
    assert interim["standing"] == "lifted" and interim["interim"] is False
    assert final["standing"] == "in-force" and final["tally"]["rule"] == "majority"
    rls.ok("bob", "close", case, "--resolution", "suspended for 30 days", env=at("2026-11-16T15:00:00Z"))


def test_interim_suspension_expires_without_a_vote(rls):
    case = open_case(rls, "alice", "sam", "--urgent", when="2026-11-16T09:00:00Z")
    rls.ok("alice", "interim", case, "--consequence", "temporary-suspension:period=2d",
           "--rationale", "spam burst", env=at("2026-11-16T10:00:00Z"))
    assert "sam" in rls.ok("bob", "sanctions", "--at", "2026-11-17T00:00:00Z").stdout
    assert "no sanctions in force" in rls.ok("bob", "sanctions", "--at", "2026-11-19T00:00:00Z").stdout
    rls.ok("bob", "close", case, "--resolution", "it expired", env=at("2026-11-19T00:00:00Z"))


def test_strike_ledger_dates_and_the_suspension_vote_falls_due(rls):
    cases = [open_case(rls, "alice", "sam", when=f"2026-11-0{1 + 3 * i}T09:00:00Z") for i in range(3)]
    for i, case in enumerate(cases):
        rls.ok("alice", "decide", case, "--consequence", "strike", "--rationale", "marketing",
               env=at(f"2026-11-0{1 + 3 * i}T10:00:00Z"))
    person = rls.ok("bob", "person", "sam", env=at("2026-11-10T00:00:00Z")).stdout
    assert f"strike: 2026-11-01 (case {cases[0]}, 1)\n" in person
    assert f"strike: 2026-11-04 (case {cases[1]}, 1), 3 day(s) after the previous" in person
    assert f"strike: 2026-11-07 (case {cases[2]}, 1), 3 day(s) after the previous" in person
    items = json.loads(rls.ok("bob", "due", "--json", env=at("2026-11-10T00:00:00Z")).stdout)["items"]
    assert [(i["case"], i["status"]) for i in items if i["kind"] == "suspension-vote"] == [(cases[2], "overdue")]
    rls.ok("alice", "propose", cases[2], "--violation", "--consequence", "temporary-suspension:period=30d",
           "--rationale", "three strikes", env=at("2026-11-10T01:00:00Z"))
    for admin in ("alice", "bob", "carol"):
        voted = rls.ok(admin, "vote", cases[2], "no", env=at("2026-11-10T02:00:00Z"))
    assert "counted: alice, bob, carol (members who read the case" in voted.stderr
    rls.ok("alice", "decide", cases[2], env=at("2026-11-10T03:00:00Z"))
    items = json.loads(rls.ok("bob", "due", "--json", env=at("2026-11-11T00:00:00Z")).stdout)["items"]
    assert "suspension-vote" not in [i["kind"] for i in items]


def test_the_reporter_hears_the_outcome_after_the_accused(rls):
    """ "When the conversation with the accused member is complete, the Administrator will share ... with the reporter"."""
    case = open_case(rls, "alice", "sam", "--reporter", "Riley")
    rls.ok("alice", "decide", case, "--consequence", "strike", "--rationale", "marketing")
    early = rls.ok("alice", "draft", case, "--to", "reporter", "--kind", "decision")
    assert "warning: the policy tells the reported person first" in early.stderr
    assert "warning" not in early.stdout
    rls.ok("alice", "draft", case, "--to", "reported", "--kind", "decision", "--sent")
    after = rls.ok("alice", "draft", case, "--to", "reporter", "--kind", "decision")
    assert "warning" not in after.stderr
