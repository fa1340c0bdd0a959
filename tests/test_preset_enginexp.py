"""Enginexp Slack end to end: the whole incident process (../shared/seeds/002), admin by admin in separate clones.

The rules, line by line, and where the walk takes each:
 1. "The reporter needs to send an Administrator a direct message": nature, who, material, privacy; "reporter
    consent is required before sharing any information regarding the incident" (the chapter in tests/slackwalk.py).
 2. "Respond to the reporter as quickly as possible with an estimate of when they think they'll be able to triage
    and resolve": the acknowledgement carries the estimate; no invented deadline in `due`.
 3. "In extreme cases, the administrator may suspend one or more accounts until they are able to triage and resolve
    an incident": urgent cases only, whatever their kind (Enginexp has one reporting path, no concern/complaint
    condition), no period, ended by the resolution (a final decision or the close).
 4. "Once the incident is resolved, the Administrators will communicate the resolution to the reporter and other
    parties relevant to the incident": the drafts, recorded as sent.
 5. "Where an incident occurs in a public channel, the administrator will consult those involved in the incident
    before disclosing any information".
 6. "The individual suspended may appeal the decision starting one week after the suspension ... with
    justification"; "if a suspension is overturned, the new context will be shared with #rands-slack-rules".
 7. Three administrators (mft, miabot, thclpr), none with a special role: any one of them decides.
"""

from __future__ import annotations

from tests.slackwalk import Team, walk_complaint_interim_triage_appeal, walk_public_channel

ADMINS = {"mft": ["admin"], "miabot": ["admin"], "thclpr": ["admin"]}


def test_walk_complaint_interim_suspension_appeal_and_public_channel(tmp_path):
    team = Team(tmp_path, "enginexp", ADMINS)
    walk_complaint_interim_triage_appeal(team, "mft", "miabot")
    walk_public_channel(team, "thclpr", "mft")
    team.sync_all()
    assert team.due("miabot") == []


def test_walk_an_extreme_case_of_any_kind_is_suspended_until_resolved(tmp_path):
    team = Team(tmp_path, "enginexp", ADMINS)
    team.when("2026-11-02T09:00:00Z")
    # A report about a threat, passed on without the reporter's name: still an extreme case.
    case = team.open("thclpr", "spammer", "--kind", "anonymous", "--urgent", "--severity", "critical")
    team.refused("thclpr", 2, "until the case is resolved", "interim", case, "--consequence",
                 "temporary-suspension:period=7d", "--rationale", "x")
    team.ok("thclpr", "interim", case, "--consequence", "temporary-suspension", "--rationale", "threats in #general")
    team.sync("thclpr", "mft")
    assert "spammer: temporary-suspension no end date" in team.ok("mft", "sanctions").stdout
    # Triaged and resolved by another admin: closing ends the unconfirmed interim suspension.
    team.when("2026-11-03T09:00:00Z")
    team.ok("mft", "close", case, "--resolution", "account was hijacked; restored")
    team.sync("mft", "thclpr")
    shown = team.show("thclpr", case)
    assert shown["decisions"][0]["standing"] == "lifted" and shown["decisions"][0]["ended_at"] == "2026-11-03T09:00:00Z"
    assert team.ok("thclpr", "sanctions").stdout.startswith("no sanctions in force")
    # Nothing was owed to an anonymous reporter, and nothing is left due.
    assert team.due("thclpr") == []
