"""RLS end to end: concern vs complaint, three strikes, the admins' vote with a tie-breaker, do-not-contact.

The walk at the end takes the whole process, admin by admin in separate clones."""

from __future__ import annotations

import json

import pytest

from tests.govkit import at, build, open_case
from tests.slackwalk import Team

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


# ---------------------------------------------------------------------------------------------------------------
# The walk: every rule of the RLS incident process (../shared/seeds/000), through the CLI, each admin in their own
# clone with their own key, the clock moved between steps.
#
#  1. "a raised concern ... there may be no action other than Administrative awareness": the acknowledgement says so,
#     a concern ends in awareness without a strike.
#  2. "a first response within 24 hours": `due` lists it from receipt, a sent acknowledgement meets it;
#     "proactive administration" (no reporter): no first response is owed.
#  3. "Reporter consent is required before sharing any information with the accused": the accused's draft has none
#     of the report's details without it.
#  4. "an Administrator too close to a situation": a recusal cuts them out of the case and its vote; another admin
#     drives it (assign).
#  5. Strikes: one or more per decision, "three strikes" across cases, "strikes do not expire, but the period
#     between strikes will be considered": a ledger with dates and gaps; reaching three puts a suspension vote due.
#  6. "The Admins (not including @rands) will conduct a private vote ... for any suspension. Majority wins. In the
#     event of a tie due to abstention, @rands will cast the deciding vote": one admin cannot suspend, an interim
#     suspension stays interim, @rands cannot vote unless abstentions tie it.
#  7. The accused hears: what occurred, confidential, how confirmed, the decision, the strike policy and their count,
#     the do-not-contact period, deactivation and reapplying; then the reporter: resolved, the consequence, the
#     do-not-contact period; in that order (warned otherwise).
#  8. "resolving incidents within five working days": the decision deadline counts working days.
# ---------------------------------------------------------------------------------------------------------------

ADMINS = {"alice": ["admin"], "bob": ["admin"], "carol": ["admin"], "rands": ["owner", "admin"]}


def test_walk_concern_first_response_and_proactive_action(tmp_path):
    rls = Team(tmp_path, "rls", ADMINS)
    # Friday 09:00: Riley raises a concern with alice by DM.
    rls.when("2026-11-06T09:00:00Z")
    concern = rls.open("alice", "sam", "--kind", "concern", "--reporter", "Riley", "--privacy", "do not name me",
                       "--no-consent")
    assert rls.due("alice", concern) == [("first-response", "upcoming"), ("decision", "upcoming")]
    items = json.loads(rls.ok("alice", "due", "--json").stdout)["items"]
    assert {i["kind"]: i["at"][:10] for i in items if i["case"] == concern} == {
        "first-response": "2026-11-07", "decision": "2026-11-13"}  # 24 hours; five working days (Fri -> Fri)
    ack = rls.draft("alice", concern, "reporter", "--kind", "ack")
    assert "there may be no action other than the committee's awareness" in ack
    # Saturday 10:00, past the 24 hours: overdue until acknowledged.
    rls.when("2026-11-07T10:00:00Z")
    assert ("first-response", "overdue") in rls.due("alice", concern)
    rls.ok("alice", "draft", concern, "--to", "reporter", "--kind", "ack", "--sent")
    assert ("first-response", "overdue") not in rls.due("alice", concern)
    rls.sync_all()

    # A concern is context, not a charge: no strike without a violation; awareness ends it.
    rls.when("2026-11-09T09:00:00Z")
    rls.refused("bob", 2, "needs a violation", "decide", concern, "--no-violation", "--consequence", "strike",
                "--rationale", "x")
    rls.ok("bob", "decide", concern, "--no-violation", "--consequence", "awareness", "--rationale", "heads-up")
    rls.ok("bob", "close", concern, "--resolution", "noted for awareness")
    rls.sync_all()
    shown = rls.show("carol", concern)
    assert shown["status"] == "closed" and shown["decisions"][0]["consequences"] == [{"id": "awareness", "params": {}}]

    # Proactive administration: an obvious spammer, no reporter; no first response is owed.
    rls.when("2026-11-10T02:00:00Z")
    spam = rls.open("carol", "spambot", "--channel", "proactive", "--urgent", "--severity", "critical")
    assert [kind for kind, _ in rls.due("carol", spam)] == ["decision"]
    rls.ok("carol", "interim", spam, "--consequence", "temporary-suspension:period=7d",
           "--rationale", "posting links in every channel")
    interim = rls.draft("carol", spam, "reported", "--kind", "decision")
    assert "- Temporary suspension (period 7d) (interim)" in interim and "reapply" not in interim
    assert "Your account is suspended for 7d as an interim measure, until the committee decides." in interim
    # One admin's confirmation is not the admins' vote: the suspension stays interim.
    rls.sync("carol", "bob")
    rls.refused("bob", 7, "stays interim", "confirm", spam)
    rls.refused("bob", 7, "interim measure 1 awaiting the committee", "close", spam, "--resolution", "x")
    assert "spambot: temporary-suspension" in rls.ok("bob", "sanctions").stdout
    # The vote on the permanent ban, @rands excluded: a majority of those casting wins.
    rls.ok("bob", "propose", spam, "--violation", "--consequence", "permanent-suspension", "--rationale", "spam bot")
    rls.sync("bob", "alice", "carol", "rands")
    rls.refused("rands", 7, "tie caused by abstention", "vote", spam, "yes")
    for admin in ("alice", "carol"):
        rls.ok(admin, "vote", spam, "yes")
    rls.sync("alice", "carol", "bob")
    rls.ok("bob", "vote", spam, "yes")
    decided = rls.ok("bob", "decide", spam)
    assert "adopted" in decided.stderr
    assert "You are permanently removed from the community." in rls.draft("bob", spam, "reported", "--kind", "decision")
    rls.ok("bob", "close", spam, "--resolution", "banned")
    rls.sync_all()
    shown = rls.show("rands", spam)
    interim, final = shown["decisions"]
    assert interim["standing"] == "lifted" and final["standing"] == "in-force"
    assert final["tally"]["rule"] == "majority" and shown["status"] == "closed"
    assert rls.due("rands", spam) == []


def test_walk_three_strikes_across_cases_vote_and_messages(tmp_path):
    rls = Team(tmp_path, "rls", ADMINS)
    # carol is too close to the first incident: she steps back; bob drives it.
    rls.when("2026-11-02T09:00:00Z")
    first = rls.open("alice", "sam", "--reporter", "Riley", "--privacy", "keep my name out", "--no-consent",
                     "--evidence", "https://slack.example/archives/C1/p1")
    rls.sync("alice", "carol")
    rls.ok("carol", "recuse", first, "--reason", "works with sam")
    rls.sync("carol", "bob")
    rls.ok("bob", "assign", first, "--primary", "bob")
    # Clarifying questions, public content, evidence from private channels, the accused's perspective.
    rls.ok("bob", "amend", first, "--note", "asked Riley which channel; confirmed from the public archive",
           "--evidence", "screenshot of the DM Riley forwarded", "--contact", "sam: says it was a one-off")
    # "Consequences include but are not limited to": a described other action goes with the strike.
    rls.refused("bob", 2, "other needs description", "decide", first, "--consequence", "other", "--rationale", "x")
    rls.ok("bob", "decide", first, "--consequence", "strike", "--consequence",
           "other:description=marketing posts moved to #promotions", "--rationale", "marketing in channels")
    # Without the reporter's consent, the accused hears none of the report's details.
    to_sam = rls.draft("bob", first, "reported", "--kind", "decision")
    assert "the reporter did not consent" in to_sam and "slack.example" not in to_sam and "Riley" not in to_sam
    assert "This incident is confidential" in to_sam and "How we confirmed it" in to_sam
    assert "- A strike - Other action: marketing posts moved to #promotions" in to_sam
    assert "this decision gives you 1 strike(s); you now hold 1." in to_sam
    assert "3 strikes lead to a temporary or permanent suspension" in to_sam
    # The reporter is told only after the accused: a warning before, none after.
    early = rls.ok("bob", "draft", first, "--to", "reporter", "--kind", "decision")
    assert "warning: the policy tells the reported person first" in early.stderr
    rls.ok("bob", "draft", first, "--to", "reported", "--kind", "decision", "--sent")
    told = rls.ok("bob", "draft", first, "--to", "reporter", "--kind", "decision")
    assert "warning" not in told.stderr and "is resolved" in told.stdout
    rls.ok("bob", "draft", first, "--to", "reporter", "--kind", "decision", "--sent")
    rls.ok("bob", "close", first, "--resolution", "one strike")
    rls.sync_all()
    rls.refused("carol", 4, "not one of its recipients", "show", first)
    assert {"note", "evidence", "contact"} <= {e["type"] for e in rls.show("alice", first)["events"]}

    # Two strikes at once, two weeks later, by alice.
    rls.when("2026-11-16T09:00:00Z")
    second = rls.open("alice", "Sam", "--reporter", "Jo")
    ack = rls.draft("alice", second, "reporter", "--kind", "ack")
    assert "no action other" not in ack  # a formal complaint, not a raised concern
    rls.ok("alice", "draft", second, "--to", "reporter", "--kind", "ack", "--sent")
    rls.ok("alice", "decide", second, "--consequence", "strike:count=2", "--consequence",
           "do-not-contact:period=30d,protect=Jo", "--rationale", "kept messaging Jo after being asked to stop")
    # Strikes do not expire: three across the two cases reach the threshold; the suspension vote falls due.
    assert ("suspension-vote", "overdue") in rls.due("alice", second)
    rls.sync("alice")
    keyless = rls.clones["rands"].run(None, "due", "--check", env=at(rls.now))  # a CI job without any key
    assert keyless.exit_code == 0  # rands has not synced: nothing overdue in his clone yet
    rls.sync("rands")
    keyless = rls.clones["rands"].run(None, "due", "--check", env=at(rls.now))
    assert keyless.exit_code == 1 and "suspension-vote" in keyless.stdout
    person = rls.ok("alice", "person", "sam").stdout
    assert f"strike: 2026-11-02 (case {first}, 1)" in person
    assert f"strike: 2026-11-16 (case {second}, 2), 14 day(s) after the previous" in person
    assert "strikes: 3 of 3" in person
    rls.refused("alice", 2, "majority vote", "decide", second, "--consequence", "temporary-suspension:period=30d",
                "--rationale", "three strikes")
    rls.ok("alice", "propose", second, "--violation", "--consequence", "temporary-suspension:period=30d",
           "--rationale", "three strikes")
    rls.sync_all()
    # The private vote, each admin in their own clone: one yes, one no, one abstention.
    rls.when("2026-11-16T12:00:00Z")
    for admin, ballot in (("alice", "yes"), ("bob", "no"), ("carol", "abstain")):
        rls.ok(admin, "vote", second, ballot)
        rls.sync(admin)
    rls.refused("rands", 7, "tie caused by abstention", "vote", second, "yes")  # rands has not synced yet
    rls.sync("rands", "alice")
    tied = rls.refused("alice", 7, "tied 1 to 1 after abstention", "decide", second)
    assert "rands" in tied.stderr
    rls.ok("rands", "vote", second, "yes")
    rls.sync("rands", "alice")
    rls.when("2026-11-17T09:00:00Z")
    assert "the owner voted yes" in rls.ok("alice", "decide", second).stderr
    assert [kind for kind, _ in rls.due("alice", second)] == ["sanction-end", "sanction-end"]

    # The accused first: the decision, the strike policy and count, the do-not-contact period, deactivation.
    to_sam = rls.draft("alice", second, "reported", "--kind", "decision")
    assert "you now hold 3." in to_sam and "3 strikes lead to a temporary or permanent suspension" in to_sam
    assert ("you may not contact the person who reported this in any way, publicly or privately (messages or emoji "
            "included), for 30d, until 2026-12-16.") in to_sam and "Jo" not in to_sam
    assert "Your account is deactivated for 30d. After that you may reapply for membership" in to_sam
    assert "case by case" in to_sam
    rls.ok("alice", "draft", second, "--to", "reported", "--kind", "decision", "--sent")
    # Then the reporter: resolved, determined by the admins, the do-not-contact period.
    to_jo = rls.draft("alice", second, "reporter", "--kind", "decision")
    assert "is resolved" in to_jo and "The consequence was determined by" in to_jo
    assert "may not contact you in any way for 30d, until 2026-12-16" in to_jo
    rls.ok("alice", "draft", second, "--to", "reporter", "--kind", "decision", "--sent")
    rls.ok("alice", "close", second, "--resolution", "suspended 30 days")
    rls.sync_all()
    sanctions = rls.ok("carol", "sanctions", "--at", "2026-11-20T00:00:00Z").stdout
    assert "temporary-suspension" in sanctions and "do-not-contact" in sanctions
    # carol, recused from the first case, counts at least what she can read and says so.
    ledger = rls.ok("carol", "person", "sam").stdout
    assert "1 case(s) you cannot read may name this person" in ledger
    assert "strikes: at least 2 of 3 (not counting the cases you cannot read)" in ledger
    # ... and the plaintext report facts tell her that the case she cannot read records a strike.
    assert "1 case(s) you cannot read name this person and record a strike" in ledger
    flagged = json.loads(rls.ok("carol", "person", "sam", "--json").stdout)
    assert flagged["strike_cases_unread"] == 1 and flagged["strikes"] == 2
