"""Kubernetes end to end: recusal re-encrypts, unanimity sought (recorded when not reached), a mediator when all recuse."""

from __future__ import annotations

import json

import pyrage
import pytest

from tests.govkit import at, build, can_decrypt, open_case

ROLES = {"alice": ["chair"], "bob": [], "carol": [], "dana": []}


@pytest.fixture
def k8s(tmp_path):
    return build(tmp_path, "kubernetes", ROLES)


def test_recused_member_loses_access_and_vote_then_unanimous_decision(k8s):
    case = open_case(k8s, "alice", "pat")
    assert can_decrypt(k8s, "dana", case)
    k8s.ok("dana", "recuse", case)  # no reason asked
    assert not can_decrypt(k8s, "dana", case) and can_decrypt(k8s, "bob", case)
    envelope = (k8s.root / "cases" / f"{case}.yaml").read_text()
    from tests.conftest import case_metadata
    assert "dana" not in case_metadata(k8s, case)["readers"]
    k8s.ok("alice", "propose", case, "--violation", "--consequence", "coaching", "--rationale", "first time",
           env=at("2026-11-17T09:00:00Z"))
    head = k8s.head()
    denied = k8s.run("dana", "vote", case, "yes")
    assert denied.exit_code == 4 and "cannot read case" in denied.stderr and k8s.head() == head
    k8s.ok("alice", "vote", case, "yes", env=at("2026-11-17T10:00:00Z"))
    k8s.ok("bob", "vote", case, "yes", env=at("2026-11-17T10:00:00Z"))
    waiting = k8s.run("alice", "decide", case, env=at("2026-11-17T11:00:00Z"))
    assert waiting.exit_code == 7 and "waiting for carol" in waiting.stderr
    k8s.ok("carol", "vote", case, "yes", env=at("2026-11-17T12:00:00Z"))
    decided = k8s.ok("alice", "decide", case, env=at("2026-11-17T13:00:00Z"))
    assert "adopted: coaching" in decided.stderr and "unanimous" in decided.stderr
    shown = json.loads(k8s.ok("bob", "show", case, "--json").stdout)
    assert shown["decisions"][0]["tally"]["consensus"] is True
    assert shown["decisions"][0]["tally"]["eligible"] == ["alice", "bob", "carol"]


def test_consensus_not_reached_is_recorded_with_the_fallback(k8s):
    case = open_case(k8s, "alice", "pat")
    k8s.ok("alice", "propose", case, "--violation", "--consequence", "channel-restriction:channels=kubernetes-dev",
           "--rationale", "repeated", env=at("2026-11-17T09:00:00Z"))
    for who, vote in (("alice", "yes"), ("bob", "yes"), ("carol", "yes"), ("dana", "no")):
        k8s.ok(who, "vote", case, vote, env=at("2026-11-17T10:00:00Z"))
    decided = k8s.ok("alice", "decide", case, env=at("2026-11-17T11:00:00Z"))
    assert "consensus was not reached" in decided.stderr and "adopted" in decided.stderr
    shown = json.loads(k8s.ok("bob", "show", case, "--json").stdout)
    assert shown["decisions"][0]["tally"]["consensus"] is False


def test_all_members_recuse_and_a_mediator_reads_the_case(k8s, tmp_path):
    case = open_case(k8s, "alice", "pat")
    mediator = pyrage.x25519.Identity.generate()
    head = k8s.head()
    bad = k8s.run("alice", "grant", case, "--recipient", "age1notakey", "--as", "mediator")
    assert bad.exit_code == 2 and "not an age x25519 recipient" in bad.stderr.lower() and k8s.head() == head
    for who in ("bob", "carol", "dana"):
        k8s.ok(who, "recuse", case)
    last = k8s.run("alice", "recuse", case)
    assert last.exit_code == 7 and "mediator" in last.stderr and k8s.head() != head
    k8s.ok("alice", "grant", case, "--recipient", str(mediator.to_public()), "--as", "mediator")
    k8s.ok("alice", "recuse", case)
    assert can_decrypt(k8s, str(mediator), case)
    assert not any(can_decrypt(k8s, who, case) for who in ROLES)
    assert k8s.run("bob", "show", case).exit_code == 4


def test_revoke_ends_a_mediators_access(k8s):
    case = open_case(k8s, "alice", "pat")
    mediator = pyrage.x25519.Identity.generate()
    k8s.ok("alice", "grant", case, "--recipient", str(mediator.to_public()), "--as", "mediator")
    assert can_decrypt(k8s, str(mediator), case)
    k8s.ok("alice", "revoke", case, "--as", "mediator")
    assert not can_decrypt(k8s, str(mediator), case)
    assert k8s.run("alice", "revoke", case, "--as", "mediator").exit_code == 3
    # Undo a recusal with grant --member.
    k8s.ok("bob", "recuse", case)
    assert not can_decrypt(k8s, "bob", case)
    # Bob's conflict is his to withdraw or the committee's by its rule (unanimity of the others), not alice's alone.
    k8s.ok("alice", "grant", case, "--member", "bob")
    assert not can_decrypt(k8s, "bob", case)
    k8s.ok("carol", "grant", case, "--member", "bob")
    assert not can_decrypt(k8s, "bob", case)
    k8s.ok("dana", "grant", case, "--member", "bob")
    assert can_decrypt(k8s, "bob", case)


def test_public_content_removal_and_an_agreed_observer_are_on_the_record(k8s):
    """ "We may, or may request others to, delete that content"; "an observer/scribe agreed by both parties"."""
    case = open_case(k8s, "alice", "pat")
    k8s.ok("alice", "content", case, "--where", "#general thread of 2026-11-15")
    k8s.ok("alice", "content", case, "--where", "a forum mirror", "--requested")
    head = k8s.head()
    unagreed = k8s.run("bob", "conversation", case, "--with", "pat", "--medium", "video call", "--observer", "sam")
    assert unagreed.exit_code == 2 and "agreed by both parties" in unagreed.stderr and k8s.head() == head
    k8s.ok("bob", "conversation", case, "--with", "pat", "--medium", "video call", "--observer", "sam",
           "--observer-agreed")
    events = json.loads(k8s.ok("carol", "show", case, "--json").stdout)["events"]
    found = [(e["type"], e["data"]) for e in events if e["type"] in ("content-removed", "conversation")]
    assert found == [
        ("content-removed", {"where": "#general thread of 2026-11-15", "action": "deleted"}),
        ("content-removed", {"where": "a forum mirror", "action": "requested"}),
        ("conversation", {"with": "pat", "medium": "video call", "observer": "sam", "observer_agreed": True}),
    ]
    envelope = (k8s.root / "cases" / f"{case}.yaml").read_text()
    assert "forum" not in envelope and "sam" not in envelope
