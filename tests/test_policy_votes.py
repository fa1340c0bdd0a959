"""Decision rules: eligibility, quorum, majorities, ties and their breaker, unanimity with a fallback."""

from __future__ import annotations

from cocctl.policy import votes
from cocctl.policy.settings import build

RLS_SUSPENSION = build("rls").rule_for(["temporary-suspension"])


def test_strictest_rule_among_consequences_applies():
    decisions = build("rls").decisions
    assert votes.rule_for(decisions, ["strike"]).rule == "single"
    assert votes.rule_for(decisions, ["strike", "permanent-suspension"]).rule == "majority"


def test_owner_role_is_excluded_and_soft_recusal_removes_the_vote():
    roles = {"rands": ["owner", "admin"], "a": ["admin"], "b": ["admin"]}
    assert votes.eligible_voters(RLS_SUSPENSION, ["a", "b", "rands"], roles, ["b"]) == ("a",)
    assert votes.tie_breakers(RLS_SUSPENSION, ["a", "b", "rands"], roles, []) == ("rands",)


def test_tie_after_abstention_waits_for_the_breaker_then_follows_it():
    eligible = ["a", "b", "c"]
    ballot = {"a": "yes", "b": "no", "c": "abstain"}
    waiting = votes.tally(RLS_SUSPENSION, eligible, ballot, ["rands"])
    assert waiting.outcome == votes.PENDING and waiting.tie_breaker_needed
    decided = votes.tally(RLS_SUSPENSION, eligible, {**ballot, "rands": "no"}, ["rands"])
    assert decided.outcome == votes.REJECTED and decided.tie_breaker_vote == "no"


def test_tie_without_abstention_is_no_majority():
    result = votes.tally(RLS_SUSPENSION, ["a", "b"], {"a": "yes", "b": "no"}, ["rands"])
    assert result.outcome == votes.REJECTED and not result.tie_breaker_needed


def test_quorum_of_a_majority():
    rule = votes.Rule(rule="majority")
    assert votes.tally(rule, ["a", "b", "c"], {"a": "yes"}).outcome == votes.PENDING
    assert votes.tally(rule, ["a", "b", "c"], {"a": "yes", "b": "yes"}).outcome == votes.ADOPTED


def test_present_basis_counts_abstentions():
    rule = votes.Rule(rule="majority", basis="present")
    assert votes.tally(rule, ["a", "b", "c"], {"a": "yes", "b": "abstain"}).outcome == votes.REJECTED
    assert votes.tally(rule, ["a", "b", "c"], {"a": "yes", "b": "yes", "c": "abstain"}).outcome == votes.ADOPTED


def test_two_thirds_of_eligible_stays_pending_while_it_can_still_pass():
    rule = votes.Rule(rule="two-thirds", basis="eligible")
    eligible = ["a", "b", "c"]
    assert votes.tally(rule, eligible, {"a": "yes", "b": "no"}).outcome == votes.PENDING
    assert votes.tally(rule, eligible, {"a": "yes", "b": "no", "c": "yes"}).outcome == votes.ADOPTED
    assert votes.tally(rule, eligible, {"a": "no", "b": "no"}).outcome == votes.REJECTED


def test_unanimity_falls_back_and_records_no_consensus():
    rule = votes.Rule(rule="unanimous", fallback="majority")
    result = votes.tally(rule, ["a", "b", "c"], {"a": "yes", "b": "yes", "c": "no"})
    assert result.outcome == votes.ADOPTED and result.consensus is False
    assert votes.tally(rule, ["a", "b", "c"], {"a": "yes", "b": "yes"}).outcome == votes.PENDING
