"""`cocctl report` and `cocctl stats`: published figures with no names, small groups merged."""

from __future__ import annotations

import json

import pytest

from cocctl.service.reports import OTHER, merge_small

SECRETS = ("Xavier", "Quillfeather", "xq@example.org", "Bartholomew", "Snodgrass", "Ottoline", "Wimble",
           "alice", "bob", "carol", "grabbed", "confidential resolution", "Peregrine")


def open_case(committee, *args, received, now):
    return committee.ok("alice", "open", *args, "--received-at", received, env={"COCCTL_NOW": now}).stdout.strip()


@pytest.fixture
def seeded(make_committee):
    """Five cases over a year: mixed kinds, areas, outcomes; distinctive names everywhere."""
    c = make_committee("rls")
    people = ("--reporter", "Xavier Quillfeather", "--reporter-contact", "xq@example.org",
              "--reported", "Bartholomew Snodgrass", "--witness", "Ottoline Wimble")
    first = open_case(c, "--summary", "Bartholomew grabbed Xavier's badge", "--area", "harassment", "--kind",
                      "complaint", "--channel", "in-person", "--severity", "high", *people,
                      received="2026-03-02T09:00:00Z", now="2026-03-02T09:30:00Z")
    c.ok("bob", "amend", first, "--contact", "reporter: acknowledged", env={"COCCTL_NOW": "2026-03-02T13:00:00Z"})
    c.ok("bob", "close", first, "--resolution", "confidential resolution about Snodgrass",
         "--public-summary", "An attendee was asked to leave the event after harassing another attendee.",
         env={"COCCTL_NOW": "2026-03-05T10:00:00Z"})
    second = open_case(c, "--summary", "Bartholomew DMs", "--area", "harassment", "--kind", "complaint",
                       "--channel", "dm", "--severity", "medium", *people,
                       received="2026-05-08T16:00:00Z", now="2026-05-11T08:00:00Z")
    c.ok("alice", "close", second, "--resolution", "confidential resolution", env={"COCCTL_NOW": "2026-05-20T10:00:00Z"})
    open_case(c, "--summary", "Peregrine spams links", "--area", "spam", "--kind", "concern", "--channel",
              "public-channel", "--severity", "low", "--reported", "Peregrine",
              received="2026-09-01T10:00:00Z", now="2026-09-01T10:05:00Z")
    fourth = open_case(c, "--summary", "slur at the meetup", "--area", "harassment", "--kind", "anonymous",
                       "--channel", "in-person", "--severity", "high", "--reported", "Bartholomew Snodgrass",
                       received="2026-10-10T10:00:00Z", now="2026-10-10T11:00:00Z")
    c.ok("alice", "close", fourth, "--resolution", "warned", "--public-summary",
         "Bartholomew Snodgrass was warned.", env={"COCCTL_NOW": "2026-10-12T10:00:00Z"})
    open_case(c, "--summary", "x", "--area", "Xavier Quillfeather's DMs", "--kind", "complaint", "--channel",
              "email", "--severity", "low", *people, received="2026-11-02T10:00:00Z", now="2026-11-02T10:00:00Z")
    # Outside the period: never counted.
    open_case(c, "--summary", "old", "--kind", "concern", "--channel", "dm", "--severity", "low",
              received="2025-12-30T10:00:00Z", now="2025-12-30T10:00:00Z")
    return c, {"first": first, "fourth": fourth}


def report(committee, *extra):
    return committee.ok("alice", "report", "--from", "2026-01-01", "--to", "2026-12-31", *extra,
                        env={"COCCTL_NOW": "2026-12-31T12:00:00Z"})


def test_report_reads_like_a_transparency_report_and_names_no_one(seeded):
    committee, cases = seeded
    result = report(committee, "--min-count", "1")
    text = result.stdout
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), secret
    assert text.startswith("# Example Code of Conduct transparency report")
    assert "received 5 report(s) in this period: 3 resolved,\n2 still open" in text
    assert "| Formal complaint | 3 |" in text and "| Anonymous report | 1 |" in text
    assert "| Harassment | 3 |" in text and "| Spam | 1 |" in text and "| Unspecified | 1 |" in text
    assert "- An attendee was asked to leave the event after harassing another attendee." in text
    assert "4 further report(s) were made; they are only counted" in text
    # A public summary naming someone is left out, and the committee is told which.
    assert cases["fourth"] in result.stderr and "Bartholomew" not in result.stderr
    # RLS: 24 hours to first response, 5 working days to decide.
    assert "| First response | 24 hours | 4.0 hours | 1 of 1 |" in text
    # Friday to the next-but-one Wednesday is late; a Saturday report decided on Monday is on time.
    assert "| Decision | 5 working days | 3.0 days | 2 of 3 |" in text


def test_small_groups_are_merged(seeded):
    committee, _ = seeded
    data = json.loads(report(committee, "--format", "json", "--min-count", "2").stdout)
    assert {g["label"]: g["count"] for g in data["by_kind"]} == {"Formal complaint": 3, OTHER: 2}
    assert {g["label"]: g["count"] for g in data["by_area"]} == {"Harassment": 3, OTHER: 2}
    assert {g["label"]: g["count"] for g in data["by_outcome"]} == {"Resolved (no consequence recorded)": 3,
                                                                   "Still open": 2}
    assert data["total"] == 5 and "owners" not in data and "withheld" not in data
    for secret in SECRETS:
        assert secret.lower() not in json.dumps(data).lower(), secret


def test_merge_small_folds_until_every_group_is_big_enough():
    from collections import Counter

    assert merge_small(Counter(a=5, b=1, c=1), 2)[-1].count == 2
    merged = merge_small(Counter(a=5, b=3, c=1), 3)
    assert [(g.label, g.count) for g in merged] == [("a", 5), (OTHER, 4)]
    assert [(g.label, g.count) for g in merge_small(Counter(a=1), 3)] == [("a", 1)]


def test_stats_adds_each_members_load(seeded):
    committee, cases = seeded
    committee.ok("alice", "assign", cases["first"], "--primary", "bob", env={"COCCTL_NOW": "2026-12-01T10:00:00Z"})
    data = json.loads(committee.ok("alice", "stats", "--json", env={"COCCTL_NOW": "2026-12-31T12:00:00Z"}).stdout)
    assert data["total"] == 6
    loads = {load["member"]: load for load in data["owners"]}
    assert loads["bob"]["closed_in_period"] == 1 and loads["alice"]["open_primary"] == 0
    assert "bob" in committee.ok("alice", "stats", env={"COCCTL_NOW": "2026-12-31T12:00:00Z"}).stdout


def test_bad_report_options(seeded):
    committee, _ = seeded
    result = committee.run("alice", "report", "--from", "2026-12-31", "--to", "2026-01-01")
    assert result.exit_code == 2 and "before --from" in result.stderr
    result = committee.run("alice", "report", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "pdf")
    assert result.exit_code == 2
    result = committee.run("alice", "report", "--from", "2026-01-01", "--to", "2026-12-31", "--min-count", "0")
    assert result.exit_code == 2


def test_outcomes_come_from_recorded_decisions(make_committee):
    c = make_committee("rls")
    now = {"COCCTL_NOW": "2026-04-01T10:00:00Z"}
    case = open_case(c, "--summary", "s", "--kind", "complaint", "--channel", "dm", "--severity", "low",
                     "--reported", "Bartholomew", received="2026-04-01T09:00:00Z", now="2026-04-01T09:00:00Z")
    c.ok("alice", "decide", case, "--consequence", "do-not-contact:period=30d,protect=Xavier",
         "--consequence", "strike", "--rationale", "Xavier was scared", env=now)
    c.ok("alice", "close", case, "--resolution", "done", "--public-summary", "A member was told to stop.", env=now)
    text = c.ok("alice", "report", "--from", "2026-01-01", "--to", "2026-12-31", "--min-count", "1").stdout
    assert "| Do not contact | 1 |" in text  # the most severe consequence decided
    assert "- A member was told to stop. Outcome: do not contact." in text
    assert "Xavier" not in text and "Bartholomew" not in text and "scared" not in text


def test_report_counts_cases_the_author_cannot_read_without_calling_them_resolved(make_committee):
    """CHAOSS access: the author reads few cases; counts of status come from metadata every member sees."""
    c = make_committee("chaoss")
    now = {"COCCTL_NOW": "2026-06-01T10:00:00Z"}
    ids = [open_case(c, "--summary", "x", "--kind", "complaint", "--channel", "dm", "--severity", "low",
                     "--reported", "lee", received=f"2026-05-0{i + 1}T10:00:00Z", now=f"2026-05-0{i + 1}T10:00:00Z")
           for i in range(3)]
    c.ok("alice", "grant", ids[2], "--member", "bob", env=now)
    c.ok("alice", "close", ids[0], "--resolution", "warned", "--public-summary", "A member was warned.", env=now)
    # bob reads only the third case (open); the first is closed, the second open.
    period = ("--from", "2026-01-01", "--to", "2026-12-31", "--min-count", "1", "--layout", "summary")
    bobs = c.ok("bob", "report", *period, env=now).stdout
    alices = c.ok("alice", "report", *period, env=now).stdout
    assert "received 3 report(s) in this period: 1 resolved,\n2 still open" in bobs
    assert "received 3 report(s) in this period: 1 resolved,\n2 still open" in alices
    assert "2 of these 3 report(s) could not be read by the committee member" in bobs
    assert ("Their area, response times and public descriptions come only from the 1 report(s) the author could "
            "read.") in " ".join(bobs.split())
    # Kind and outcome come from the plaintext report facts: both members count the closed case the same way.
    for text in (bobs, alices):
        assert "| Formal complaint | 3 |" in text and "| Resolved (no consequence recorded) | 1 |" in text
        assert "| Still open | 2 |" in text
    assert "Closed (outcome not known" not in bobs and "A member was warned." not in bobs
    assert "could not be read" not in alices and "A member was warned." in alices
    figures = json.loads(c.ok("bob", "stats", "--json", env=now).stdout)
    assert figures["total"] == 3 and figures["still_open"] == 2 and figures["unreadable"] == 2
