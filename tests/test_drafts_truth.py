"""Drafts tell the truth or say what they do not know (issue 11, "drafts misinform")."""

from __future__ import annotations

import json

import pytest

from tests.govkit import at, build, open_case

RLS = {"rands": ["owner", "admin"], "alice": ["admin"], "bob": ["admin"], "carol": ["admin"]}
PLAN = ("behaviour-plan:behaviour=mocked a member,context=a welcoming channel,impact=the member left,"
        "call-in=help us keep it welcoming,plan=no mocking"
        ",if-refused=a temporary ban from the chat channels")


def test_strike_count_says_when_some_cases_could_not_be_read(tmp_path):
    rls = build(tmp_path, "rls", RLS)
    cases = [open_case(rls, "alice", "sam", when=f"2026-11-1{i}T09:00:00Z") for i in range(4)]
    rls.ok("bob", "recuse", cases[0])
    for i, case in enumerate(cases):
        rls.ok("carol", "decide", case, "--consequence", "strike", "--rationale", "marketing",
               env=at(f"2026-11-1{i}T10:00:00Z"))
    carols = rls.ok("carol", "draft", cases[3], "--to", "reported", "--kind", "decision").stdout
    assert "you now hold 4." in carols and "could not be read" not in carols
    bobs = rls.ok("bob", "draft", cases[3], "--to", "reported", "--kind", "decision").stdout
    assert "you now hold 3." not in bobs
    assert "you now hold at least 3 [1 case(s) naming this person could not be read" in bobs
    assert "ask alice, carol, rands for the full count before sending]" in bobs


def test_reporter_draft_names_who_the_do_not_contact_order_protects(make_committee):
    committee = make_committee("rls")
    case = committee.open()  # reporter Riley, reported sam
    committee.ok("alice", "decide", case, "--consequence", "do-not-contact:period=30d,protect=Jo",
                 "--rationale", "sam kept messaging Jo")
    to_reporter = committee.ok("alice", "draft", case, "--to", "reporter", "--kind", "decision").stdout
    assert "may not contact you" not in to_reporter and "Jo" not in to_reporter
    assert "does not cover contact with you" in to_reporter
    committee.ok("alice", "decide", case, "--consequence", "do-not-contact:period=60d,protect=Riley+Jo",
                 "--rationale", "and Riley too")
    to_reporter = committee.ok("alice", "draft", case, "--to", "reporter", "--kind", "decision").stdout
    assert "may not contact you (nor one other person involved) in any way for 60d" in to_reporter


def test_a_rejected_decision_is_never_shown_in_force_nor_drafted(tmp_path):
    chaoss = build(tmp_path, "chaoss", {"mary": ["chair"], "georg": [], "anita": []})
    case = open_case(chaoss, "mary", "lee", "--reporter", "Riley", "--consent")
    for who in ("georg", "anita"):
        chaoss.ok("mary", "grant", case, "--member", who)
    chaoss.ok("georg", "propose", case, "--violation", "--consequence", "do-not-contact:period=30d,protect=Riley",
              "--consequence", PLAN, "--rationale", "pattern")
    for who in ("mary", "georg", "anita"):
        chaoss.ok(who, "vote", case, "no")
    decided = chaoss.ok("mary", "decide", case)
    assert "rejected" in decided.stderr
    shown = chaoss.ok("mary", "show", case).stdout
    assert "decision 1: rejected" in shown and "in-force" not in shown
    assert json.loads(chaoss.ok("mary", "show", case, "--json").stdout)["decisions"][0]["standing"] == "rejected"
    to_reported = chaoss.ok("mary", "draft", case, "--to", "reported", "--kind", "decision").stdout
    assert "Do not contact" not in to_reported and "behaviour-modification plan" not in to_reported.lower()
    to_reporter = chaoss.ok("mary", "draft", case, "--to", "reporter", "--kind", "decision").stdout
    assert "may not contact" not in to_reporter and "behaviour-modification plan" not in to_reporter
    assert chaoss.ok("mary", "sanctions").stdout.startswith("no sanctions in force")
