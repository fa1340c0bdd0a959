"""SSE and Enginexp end to end: interim suspension, confirmation, appeal refused before a week, accepted after.

The walk at the end takes the whole SSE process, admin by admin in separate clones."""

from __future__ import annotations

import json

import pytest

from tests.govkit import at, build, open_case
from tests.slackwalk import Team, walk_complaint_interim_triage_appeal, walk_public_channel


@pytest.mark.parametrize("preset", ["sse", "enginexp"])
def test_interim_suspension_then_appeal_window(tmp_path, preset):
    admins = build(tmp_path, preset, {"jamison": ["admin"], "mft": ["admin"], "thclpr": ["admin"]})
    case = open_case(admins, "jamison", "troll", when="2026-11-01T08:00:00Z")
    head = admins.head()
    not_urgent = admins.run("jamison", "interim", case, "--consequence", "temporary-suspension",
                            "--rationale", "threats", env=at("2026-11-01T09:00:00Z"))
    assert not_urgent.exit_code == 7 and "not urgent" in not_urgent.stderr and admins.head() == head
    admins.ok("jamison", "amend", case, "--urgent", env=at("2026-11-01T09:00:00Z"))
    result = admins.ok("jamison", "interim", case, "--consequence", "temporary-suspension",
                       "--rationale", "threats against a member", env=at("2026-11-01T09:05:00Z"))
    assert "INTERIM adopted: temporary-suspension" in result.stderr
    listed = admins.ok("mft", "sanctions", "--at", "2026-11-02T00:00:00Z").stdout
    assert "troll: temporary-suspension" in listed and "INTERIM" in listed
    # "Until they are able to triage and resolve": the measure is never made final as it is (it has no end);
    # the resolution is the committee's own decision, which ends it.
    head = admins.head()
    confirmed = admins.run("mft", "confirm", case, env=at("2026-11-01T10:00:00Z"))
    assert confirmed.exit_code == 7 and "lasts until case" in confirmed.stderr and admins.head() == head
    admins.ok("mft", "decide", case, "--consequence", "temporary-suspension:period=30d", "--rationale",
              "reviewed the logs", env=at("2026-11-01T10:00:00Z"))
    assert "INTERIM" not in admins.ok("mft", "sanctions", "--at", "2026-11-03T00:00:00Z").stdout

    head = admins.head()
    early = admins.run("mft", "appeal", case, "--reason", "it was a joke", env=at("2026-11-05T09:05:00Z"))
    assert early.exit_code == 7 and "accepted from 2026-11-08T10:00:00Z" in early.stderr and admins.head() == head
    admins.ok("mft", "appeal", case, "--reason", "it was a joke", env=at("2026-11-08T10:00:00Z"))
    twice = admins.run("mft", "appeal", case, "--reason", "again", env=at("2026-11-09T00:00:00Z"))
    assert twice.exit_code == 7 and "already has an appeal pending" in twice.stderr
    admins.ok("thclpr", "decide-appeal", case, "--overturn", "--rationale", "new context",
              env=at("2026-11-10T12:00:00Z"))
    assert "no sanctions in force" in admins.ok("mft", "sanctions", "--at", "2026-11-11T00:00:00Z").stdout
    still = admins.ok("mft", "sanctions", "--at", "2026-11-09T00:00:00Z").stdout
    # `sanctions --at` reads each decision's standing now: once overturned, a
    # decision is shown at no time, not even before the overturn.
    assert still == "no sanctions in force at 2026-11-09T00:00:00Z\n"
    shown = json.loads(admins.ok("mft", "show", case, "--json").stdout)
    assert [d["standing"] for d in shown["decisions"]] == ["lifted", "overturned"]
    assert shown["appeals"][0]["result"] == "overturned"


def test_interim_lift_ends_the_measure(tmp_path):
    admins = build(tmp_path, "sse", {"jamison": ["admin"], "mft": ["admin"]})
    case = open_case(admins, "jamison", "troll", "--urgent", when="2026-11-01T08:00:00Z")
    bad = admins.run("jamison", "interim", case, "--consequence", "strike", "--rationale", "x")
    assert bad.exit_code == 2 and "unknown consequence 'strike'" in bad.stderr
    admins.ok("jamison", "interim", case, "--consequence", "temporary-suspension", "--rationale", "spam bot",
              env=at("2026-11-01T09:00:00Z"))
    admins.ok("mft", "lift", case, "--rationale", "account was hijacked", env=at("2026-11-01T12:00:00Z"))
    assert "no sanctions in force" in admins.ok("mft", "sanctions", "--at", "2026-11-02T00:00:00Z").stdout
    nothing = admins.run("mft", "appeal", case, "--reason", "x", env=at("2026-11-20T00:00:00Z"))
    assert nothing.exit_code == 3


def test_rls_has_no_appeals(tmp_path):
    admins = build(tmp_path, "rls", {"rands": ["owner"], "alice": ["admin"]})
    case = open_case(admins, "alice", "troll", "--urgent")
    admins.ok("alice", "interim", case, "--consequence", "temporary-suspension:period=7d", "--rationale", "x",
              env=at("2026-11-01T09:00:00Z"))
    result = admins.run("alice", "appeal", case, "--reason", "x", env=at("2026-11-20T00:00:00Z"))
    assert result.exit_code == 7 and "no appeals" in result.stderr


@pytest.mark.parametrize("preset", ["sse", "enginexp"])
def test_interim_suspension_only_on_a_complaint_until_resolved(tmp_path, preset):
    """SSE: "In extreme cases involving formal complaints ... suspend ... until they are able to triage and resolve".
    Enginexp: "In extreme cases, the administrator may suspend ..." (its one reporting path has no concern)."""
    admins = build(tmp_path, preset, {"jamison": ["admin"], "mft": ["admin"]})
    if preset == "sse":
        concern = open_case(admins, "jamison", "troll", "--kind", "concern", "--urgent", when="2026-11-01T08:00:00Z")
        head = admins.head()
        refused = admins.run("jamison", "interim", concern, "--consequence", "temporary-suspension",
                             "--rationale", "x", env=at("2026-11-01T09:00:00Z"))
        assert refused.exit_code == 7 and "only for a complaint" in refused.stderr and admins.head() == head

    case = open_case(admins, "jamison", "troll", "--urgent", when="2026-11-01T08:00:00Z")
    head = admins.head()
    period = admins.run("jamison", "interim", case, "--consequence", "temporary-suspension:period=30d",
                        "--rationale", "x", env=at("2026-11-01T09:00:00Z"))
    assert period.exit_code == 2 and "until the case is resolved" in period.stderr and admins.head() == head
    admins.ok("jamison", "interim", case, "--consequence", "temporary-suspension", "--rationale", "threats",
              env=at("2026-11-01T09:00:00Z"))
    listed = admins.ok("mft", "sanctions", "--at", "2026-11-05T00:00:00Z").stdout
    assert "troll: temporary-suspension" in listed and "until" not in listed.split("troll:")[1].split("\n")[0]
    # Closing the case is the resolution: the unconfirmed interim suspension ends with it.
    admins.ok("mft", "close", case, "--resolution", "triaged: a misunderstanding", env=at("2026-11-06T00:00:00Z"))
    shown = json.loads(admins.ok("mft", "show", case, "--json").stdout)
    assert shown["decisions"][0]["standing"] == "lifted" and shown["decisions"][0]["ended_at"] == "2026-11-06T00:00:00Z"
    assert "no sanctions in force" in admins.ok("mft", "sanctions", "--at", "2026-11-07T00:00:00Z").stdout


@pytest.mark.parametrize("preset", ["sse", "enginexp"])
def test_acknowledgement_carries_the_admins_estimate_not_an_invented_deadline(tmp_path, preset):
    """ "Respond to the reporter as quickly as possible with an estimate of when they ... triage and resolve"."""
    admins = build(tmp_path, preset, {"jamison": ["admin"]})  # one admin is a valid committee
    assert admins.run(None, "roster", "check").exit_code == 0
    case = open_case(admins, "jamison", "troll", "--reporter", "Riley", when="2026-11-01T08:00:00Z")
    assert json.loads(admins.ok("jamison", "due", "--json", env=at("2026-11-20T00:00:00Z")).stdout)["items"] == []
    gap = admins.ok("jamison", "draft", case, "--to", "reporter", "--kind", "ack").stdout
    assert "24 hours" not in gap and "7 days" not in gap
    assert "[the committee's estimate of when it will be able to triage and resolve this report]" in gap
    filled = admins.ok("jamison", "draft", case, "--to", "reporter", "--kind", "ack", "--estimate", "Friday").stdout
    assert "We estimate that we will be able to triage and resolve it by Friday." in " ".join(filled.split())


def test_a_raised_concern_is_told_there_may_be_no_action(tmp_path):
    admins = build(tmp_path, "sse", {"jamison": ["admin"]})
    concern = open_case(admins, "jamison", "troll", "--kind", "concern", "--reporter", "Riley")
    ack = " ".join(admins.ok("jamison", "draft", concern, "--to", "reporter", "--kind", "ack").stdout.split())
    assert "there may be no action other than the committee's awareness" in ack
    complaint = open_case(admins, "jamison", "troll", "--reporter", "Riley")
    assert "no action other" not in admins.ok("jamison", "draft", complaint, "--to", "reporter", "--kind", "ack").stdout


def test_a_proactive_case_without_a_reporter_has_no_first_response_deadline(tmp_path):
    admins = build(tmp_path, "rls", {"rands": ["owner", "admin"], "alice": ["admin"]})
    open_case(admins, "alice", "spambot", "--channel", "proactive", when="2026-11-01T08:00:00Z")
    items = json.loads(admins.ok("alice", "due", "--json", env=at("2026-11-03T00:00:00Z")).stdout)["items"]
    assert [i["kind"] for i in items] == ["decision"]


@pytest.mark.parametrize("preset", ["sse", "enginexp"])
def test_public_channel_incident_waits_for_those_involved_and_overturn_context_names_no_one(tmp_path, preset):
    """ "In a public channel, the administrator will consult those involved before disclosing any information";
    "if a suspension is overturned, the new context will be shared"."""
    admins = build(tmp_path, preset, {"jamison": ["admin"], "mft": ["admin"]})
    case = open_case(admins, "jamison", "Terry Troll", "--channel", "public-channel", "--urgent",
                     when="2026-11-01T08:00:00Z")
    admins.ok("jamison", "decide", case, "--consequence", "temporary-suspension:period=30d",
              "--rationale", "threats", env=at("2026-11-01T09:00:00Z"))
    admins.ok("mft", "appeal", case, "--reason", "out of context", env=at("2026-11-09T09:00:00Z"))
    admins.ok("mft", "decide-appeal", case, "--overturn", "--rationale",
              "Terry Troll was quoting a film; the thread read out of context", env=at("2026-11-10T09:00:00Z"))
    head = admins.head()
    blocked = admins.run("jamison", "draft", case, "--to", "community")
    assert blocked.exit_code == 2 and "consult them before disclosing anything" in blocked.stderr
    closing = admins.run("jamison", "close", case, "--resolution", "overturned", "--public-summary", "x",
                         env=at("2026-11-10T10:00:00Z"))
    assert closing.exit_code == 7 and "were not consulted" in closing.stderr and admins.head() == head
    admins.ok("jamison", "consulted", case, "--refused", "--note", "Terry wants no message")
    assert "did not agree" in admins.run("jamison", "draft", case, "--to", "community").stderr
    admins.ok("jamison", "consulted", case, "--agreed", "--note", "ok to share without names")
    message = admins.ok("jamison", "draft", case, "--to", "community").stdout
    assert "overturned it" in message and "quoting a film" in message
    admins.ok("jamison", "close", case, "--resolution", "overturned", "--public-summary",
              "A suspension was overturned on appeal.", env=at("2026-11-10T10:00:00Z"))


def test_overturn_context_leaves_out_the_reported_name_without_consultation(tmp_path):
    admins = build(tmp_path, "sse", {"jamison": ["admin"], "mft": ["admin"]})
    case = open_case(admins, "jamison", "Terry Troll", when="2026-11-01T08:00:00Z")
    nothing = admins.run("jamison", "draft", case, "--to", "community")
    assert nothing.exit_code == 2 and "no decision overturned" in nothing.stderr
    admins.ok("jamison", "decide", case, "--consequence", "temporary-suspension:period=30d",
              "--rationale", "threats", env=at("2026-11-01T09:00:00Z"))
    admins.ok("mft", "appeal", case, "--reason", "x", env=at("2026-11-09T09:00:00Z"))
    admins.ok("mft", "decide-appeal", case, "--overturn", "--rationale", "Terry Troll was quoting a film",
              env=at("2026-11-10T09:00:00Z"))
    message = admins.ok("jamison", "draft", case, "--to", "community").stdout
    assert "Terry" not in message and "the member was quoting a film" in message


# ---------------------------------------------------------------------------------------------------------------
# The walk: every rule of the Soft Skills Engineering Slack incident process (../shared/seeds/001), through the
# CLI, each admin in their own clone with their own key, the clock moved between steps.
#
#  1. Two paths: a formal complaint and a raised concern, with the same four answers (nature, who, material,
#     privacy); "reporter consent is required before sharing any information regarding the incident".
#  2. "Respond to the reporter as quickly as possible with an estimate": the acknowledgement carries the admins'
#     estimate; no invented deadline (`due` stays empty).
#  3. "In the case of a raised concern ... there may be no action other than administrative awareness".
#  4. "In extreme cases involving formal complaints, the Administrator may suspend one or more accounts until they
#     are able to triage and resolve an incident": urgent complaints only, no period, ends with the resolution.
#  5. "Once the incident is resolved, the Administrators will communicate the resolution to the reporter and other
#     parties relevant to the incident": the drafts, recorded as sent.
#  6. "The individual suspended may appeal ... starting one week after the suspension ... with justification";
#     "if a suspension is overturned, the new context will be shared with #rands-slack-rules".
#  7. "Where an incident occurs in a public channel, the administrator will consult those involved in the incident
#     before disclosing any information".
# ---------------------------------------------------------------------------------------------------------------

def test_walk_a_raised_concern(tmp_path):
    sse = Team(tmp_path, "sse", {"jamison": ["admin"], "dave": ["admin"]})
    sse.when("2026-11-02T09:00:00Z")
    concern = sse.open("jamison", "troll", "--kind", "concern", "--reporter", "Jo", "--urgent",
                       "--privacy", "just a heads up", "--no-consent")
    ack = sse.draft("jamison", concern, "reporter", "--kind", "ack", "--estimate", "tomorrow")
    assert "there may be no action other than the committee's awareness" in ack
    assert "We estimate that we will be able to triage and resolve it by tomorrow." in ack
    sse.ok("jamison", "draft", concern, "--to", "reporter", "--kind", "ack", "--sent")
    # Not a formal complaint: no suspension, however urgent.
    sse.refused("jamison", 7, "only for a complaint", "interim", concern, "--consequence", "temporary-suspension",
                "--rationale", "x")
    sse.sync("jamison", "dave")
    sse.when("2026-11-03T09:00:00Z")
    sse.ok("dave", "decide", concern, "--no-violation", "--consequence", "awareness", "--rationale", "noted")
    assert "is resolved" in sse.draft("dave", concern, "reporter", "--kind", "decision")
    sse.ok("dave", "draft", concern, "--to", "reporter", "--kind", "decision", "--sent")
    sse.ok("dave", "close", concern, "--resolution", "awareness")
    sse.sync("dave", "jamison")
    shown = sse.show("jamison", concern)
    assert shown["status"] == "closed" and shown["decisions"][0]["consequences"] == [{"id": "awareness", "params": {}}]
    assert sse.due("jamison") == []


def test_walk_complaint_interim_suspension_appeal_and_public_channel(tmp_path):
    sse = Team(tmp_path, "sse", {"jamison": ["admin"], "dave": ["admin"]})
    walk_complaint_interim_triage_appeal(sse, "jamison", "dave")
    walk_public_channel(sse, "dave", "jamison")
