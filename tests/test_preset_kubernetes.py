"""Kubernetes (seed 003) end to end: every rule of the process through the CLI.

The committee (alice, bob, carol, dana) works in separate clones of one bare
remote and syncs; the third-party mediator (mika) has a key from
``cocctl keygen`` and a clone of their own. Times come from COCCTL_NOW.
Each test names the seed's words it walks.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cocctl.cli import app
from tests.conftest import Committee, case_metadata, git, make_key
from tests.govkit import can_decrypt

MEMBERS = {"alice": None, "bob": "Acme", "carol": "Acme", "dana": "Globex"}  # alice founded it: none recorded
RECEIVED = "2026-11-16T09:00:00Z"


def at(day: int, hour: int = 9) -> dict[str, str]:
    """COCCTL_NOW on a day of November 2026."""
    return {"COCCTL_NOW": f"2026-11-{day:02d}T{hour:02d}:00:00Z"}


class Team:
    """Everyone's clone of one remote: ``team[who]`` runs cocctl as ``who`` in their own clone."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        keys = {who: tmp_path / "keys" / who for who in [*MEMBERS, "mika", "eve"]}
        self.lines = {who: make_key(_runner(), path) for who, path in keys.items()}
        root = tmp_path / "alice"
        first = _runner().invoke(app, ["--identity", str(keys["alice"]), "init", str(root), "--community", "Example",
                                       "--me", "alice", "--preset", "kubernetes", "--role", "chair"])
        assert first.exit_code == 0, first.output
        alice = Committee(root, keys, {}, _runner())
        for who in ("bob", "carol", "dana"):
            alice.ok("alice", "member", "add", who, "--key", self.lines[who], "--employer", MEMBERS[who])
        self.bare = tmp_path / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", str(self.bare)], check=True)
        git(root, "remote", "add", "origin", str(self.bare))
        git(root, "push", "-q", "-u", "origin", "main")
        self.clones = {"alice": alice}
        for who in ("bob", "carol", "dana"):
            self.clone(who)

    def clone(self, who: str) -> Committee:
        dest = self.tmp / who
        keys = self.clones["alice"].keys
        result = _runner().invoke(app, ["--identity", str(keys[who]), "clone", str(self.bare), str(dest)])
        assert result.exit_code == 0, result.output
        self.clones[who] = Committee(dest, keys, {}, _runner())
        return self.clones[who]

    def __getitem__(self, who: str) -> Committee:
        return self.clones[who]

    def run(self, who: str, *args: str, when: dict[str, str] | None = None):
        """``cocctl ARGS`` as ``who`` in their clone (the identity also in the environment, for the merge drivers)."""
        env = {"COCCTL_IDENTITY": str(self[who].keys[who]), **(when or at(20))}
        return self[who].run(who, *args, env=env)

    def ok(self, who: str, *args: str, when: dict[str, str] | None = None):
        result = self.run(who, *args, when=when)
        assert result.exit_code == 0, f"{who} {args}: {result.output}"
        return result

    def sync(self, *people: str, when: dict[str, str] | None = None) -> None:
        for who in people:
            self.ok(who, "sync", when=when)

    def open(self, who: str = "alice", reported: str = "pat", **extra: str) -> str:
        args = ["open", "--summary", "Hostile messages in #sig-docs", "--kind", "complaint", "--channel", "email",
                "--severity", "high", "--reported", reported, "--reporter", "Riley",
                "--reporter-contact", "riley@example.org", "--received-at", RECEIVED]
        case = self.ok(who, *args, when=at(16, 10)).stdout.strip().splitlines()[-1]
        self.ok(who, "sync", when=at(16, 10))
        return case

    def events(self, who: str, case: str) -> list[tuple[str, str]]:
        shown = json.loads(self.ok(who, "show", case, "--json").stdout)
        return [(event["by"], event["type"]) for event in shown["events"]]


def _runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def team(tmp_path):
    return Team(tmp_path)


def test_triage_rotation_keeps_two_watching_and_no_employer_holds_a_majority(team, tmp_path):
    """"A triage rotation schedule so that there are at least two people watching"; "we may never have a
    majority of the Committee from a single employer" (checked with no key, so CI can run it)."""
    schedule = json.loads(team.ok("bob", "rotation", "--weeks", "2", "--json").stdout)
    assert [len(week["watch"]) for week in schedule] == [2, 2]
    assert sorted(h for week in schedule for h in week["watch"]) == sorted(MEMBERS)  # everyone takes a turn
    checked = team["carol"].run(None, "roster", "check", "--json", env=at(20))
    assert checked.exit_code == 0 and json.loads(checked.stdout)["on_watch"] == schedule[0]["watch"]
    # A fifth member from Acme would make three of five: the check fails until the committee fixes it.
    line = make_key(_runner(), tmp_path / "keys" / "erin")
    team.ok("alice", "member", "add", "erin", "--key", line, "--employer", "ACME ")
    team.sync("alice", "dana")
    broken = team["dana"].run(None, "roster", "check", "--json", env=at(20))
    found = [f for f in json.loads(broken.stdout)["findings"] if f["broken"]]
    assert broken.exit_code == 1 and found[0]["rule"] == "employer-majority"
    assert set(found[0]["members"]) == {"bob", "carol", "erin"}
    # Members leave: while two remain, two are watching; one alone is not a watch.
    for who in ("erin", "carol", "dana"):
        team.ok("alice", "member", "remove", who, "--yes")
    assert team["alice"].run(None, "roster", "check", env=at(20)).exit_code == 0
    team.ok("alice", "member", "remove", "bob", "--yes")
    short = team["alice"].run(None, "roster", "check", "--json", env=at(20))
    assert short.exit_code == 1 and "triage watch needs at least 2" in short.stdout


def test_a_report_is_triaged_for_severity_and_answered_within_a_few_days(team):
    """"Reviewed for severity ... severity and urgency"; "responds to all emails in a timely manner, usually
    within a few days"; no one-member interim measure and no invented decision deadline."""
    missing = team.run("bob", "open", "--summary", "x", "--kind", "complaint", "--channel", "email",
                       "--reported", "pat", "--no-interactive")
    assert missing.exit_code == 2 and "severity" in missing.stderr
    case = team.open("bob")
    team.ok("bob", "amend", case, "--severity", "critical", when=at(16, 11))
    team.sync("bob", "carol", "dana", when=at(16, 11))
    due = json.loads(team.ok("carol", "due", "--json", when=at(17)).stdout)["items"]
    assert [(i["case"], i["kind"], i["at"]) for i in due] == [(case, "first-response", "2026-11-19T09:00:00Z")]
    assert team["dana"].run(None, "due", "--check", env=at(19, 10)).exit_code == 1  # CI, no key: overdue
    interim = team.run("alice", "interim", case, "--consequence", "temporary-suspension:period=7d",
                       "--rationale", "now", when=at(17))
    assert interim.exit_code != 0 and "interim" in interim.stderr
    ack = team.ok("carol", "draft", case, "--to", "reporter", when=at(17)).stdout
    assert "Riley" in ack or "Hello" in ack
    team.ok("carol", "draft", case, "--to", "reporter", "--sent", when=at(17))
    team.sync("carol")
    assert team["carol"].run(None, "due", "--check", env=at(25)).exit_code == 0


def test_recusal_cuts_access_in_every_clone_and_unanimity_is_sought_with_majority_fallback(team):
    """"Members can recuse from (or refuse to pass judgement on) an incident"; "the committee strives for
    unanimous consensus before taking an action" (recorded whether it was reached; a majority then decides)."""
    case = team.open()
    team.sync("bob", "carol", "dana")
    team.ok("dana", "recuse", case, when=at(16, 12))  # no reason asked
    team.ok("carol", "recuse", case, "--soft", when=at(16, 12))  # refuses to pass judgement, keeps reading
    team.sync("dana", "carol", "alice", "bob")
    assert not can_decrypt(team["alice"], "dana", case) and can_decrypt(team["alice"], "carol", case)
    assert team.run("dana", "show", case).exit_code == 4
    assert "dana" not in case_metadata(team["alice"], case)["readers"]
    team.ok("alice", "propose", case, "--violation", "--consequence", "coaching", "--rationale", "first time",
            when=at(17))
    team.sync("alice", "bob", "carol")
    soft = team.run("carol", "vote", case, "yes", when=at(17, 10))
    assert soft.exit_code == 4 and "recused" in soft.stderr
    team.ok("bob", "vote", case, "yes", when=at(17, 10))
    team.sync("bob", "alice")
    waiting = team.run("alice", "decide", case, when=at(17, 11))
    assert waiting.exit_code == 7 and "waiting for alice" in waiting.stderr
    team.ok("alice", "vote", case, "yes", when=at(17, 12))
    decided = team.ok("alice", "decide", case, when=at(17, 13))
    assert "adopted: coaching" in decided.stderr and "unanimous" in decided.stderr
    # A second incident: one member disagrees; consensus is not reached and the majority fallback decides.
    other = team.open("bob", "quinn")
    team.sync("alice", "carol", "dana")
    team.ok("bob", "propose", other, "--violation", "--consequence", "channel-restriction:channels=kubernetes-dev",
            "--rationale", "repeated", when=at(18))
    team.sync("bob", "alice", "carol", "dana")
    for who, choice in (("alice", "yes"), ("bob", "yes"), ("carol", "yes"), ("dana", "no")):
        team.ok(who, "vote", other, choice, when=at(18, 10))
        team.sync(who, when=at(18, 10))
    team.sync("bob", when=at(18, 11))
    result = team.ok("bob", "decide", other, when=at(18, 12))
    assert "consensus was not reached" in result.stderr and "adopted" in result.stderr
    team.sync("bob", "dana", when=at(18, 12))
    shown = json.loads(team.ok("dana", "show", other, "--json").stdout)["decisions"]
    assert shown[0]["tally"]["consensus"] is False and shown[0]["tally"]["no"] == ["dana"]


def test_public_content_removal_and_a_conversation_with_an_agreed_observer_are_on_the_record(team):
    """"We may, or may request others to, delete that content"; clarifying discussions are held by "a member
    ... selected during our triaging" and may "include an observer/scribe agreed by both parties", all confidential."""
    case = team.open()
    team.ok("alice", "assign", case, "--primary", "bob")  # selected during triage
    team.sync("alice", "bob", "carol")
    assert [(i["owner"]) for i in json.loads(team.ok("bob", "due", "--json").stdout)["items"]] == ["bob"]
    team.ok("alice", "content", case, "--where", "#general thread of 2026-11-15")
    team.ok("bob", "content", case, "--where", "a forum mirror", "--requested")
    unagreed = team.run("bob", "conversation", case, "--with", "pat", "--medium", "video call", "--observer", "sam")
    assert unagreed.exit_code == 2 and "agreed by both parties" in unagreed.stderr
    team.ok("bob", "conversation", case, "--with", "pat", "--medium", "video call", "--observer", "sam",
            "--observer-agreed")
    team.sync("alice", "bob", "carol")
    events = json.loads(team.ok("carol", "show", case, "--json").stdout)["events"]
    found = [(e["by"], e["type"], e["data"]) for e in events if e["type"] in ("content-removed", "conversation")]
    assert sorted(found, key=str) == sorted([
        ("alice", "content-removed", {"where": "#general thread of 2026-11-15", "action": "deleted"}),
        ("bob", "content-removed", {"where": "a forum mirror", "action": "requested"}),
        ("bob", "conversation", {"with": "pat", "medium": "video call", "observer": "sam", "observer_agreed": True}),
    ], key=str)
    envelope = (team["carol"].root / "cases" / f"{case}.yaml").read_text()
    assert "forum" not in envelope and "sam" not in envelope and "pat" not in envelope


def _all_recuse(team: Team, case: str) -> None:
    """bob, carol and dana recuse; alice refuses to pass judgement (soft) but still reads, to hand over."""
    team.sync("bob", "carol", "dana")
    for who in ("bob", "carol", "dana"):
        team.ok(who, "recuse", case, when=at(16, 12))
        team.sync(who, when=at(16, 12))
    team.sync("alice")
    team.ok("alice", "recuse", case, "--soft", when=at(16, 13))
    team.sync("alice", "bob", "carol", "dana")


def test_when_all_members_recuse_the_mediator_acts_on_that_case_only_and_closes_it(team):
    """"If all members of the Code of Conduct Committee felt the need to recuse themselves from an incident,
    the incident would be handled by our third party mediator." The mediator alone decides then."""
    case = team.open()
    other = team.open("bob", "quinn")
    _all_recuse(team, case)
    # Nobody may act: due says a mediator is needed, for members and for key-less CI, and does not fail.
    due = json.loads(team.ok("bob", "due", "--json", when=at(17)).stdout)["items"]
    assert [(i["case"], i["kind"], i["status"]) for i in due if i["case"] == case] == [
        (case, "mediator-needed", "needed")]
    assert "grant a mediator" in team.ok("alice", "due", when=at(17)).stdout
    team.ok("bob", "draft", other, "--to", "reporter", "--sent", when=at(17))  # the other case is answered
    team.sync("bob", "alice", "dana")
    keyless = team["dana"].run(None, "due", "--check", "--json", env=at(25))
    assert keyless.exit_code == 0 and "mediator-needed" in keyless.stdout
    stuck = team.run("alice", "propose", case, "--violation", "--consequence", "coaching", "--rationale", "x")
    decided = team.run("alice", "decide", case, "--no-violation", "--rationale", "x")
    assert stuck.exit_code == 0 and decided.exit_code != 0  # alice may propose, nobody may decide
    # alice grants the mediator with the line their 'cocctl keygen' printed.
    outsider = team.run("alice", "grant", case, "--key", "age1notakey ed25519:x", "--as", "mediator")
    assert outsider.exit_code == 2 and team["alice"].status() == ""
    team.ok("alice", "grant", case, "--key", team.lines["mika"], "--as", "mediator", when=at(17, 10))
    team.sync("alice", "dana", when=at(17, 10))
    late = team["dana"].run(None, "due", "--check", "--json", env=at(19, 10))  # the case's deadlines are back
    assert late.exit_code == 1 and "mediator-needed" not in late.stdout and "first-response" in late.stdout
    team.clone("mika")
    assert "mediator (mediator, not a member) on case " + case in team.ok("mika", "whoami").stdout
    mine = json.loads(team.ok("mika", "due", "--json", when=at(17, 11)).stdout)["items"]
    assert [(i["kind"], i["owner"]) for i in mine if i["case"] == case] == [("first-response", "mediator")]
    # The mediator works the case: answers, records, proposes, decides alone under the policy, drafts, closes.
    team.ok("mika", "draft", case, "--to", "reporter", "--sent", when=at(17, 11))
    team.ok("mika", "amend", case, "--note", "spoke with both parties", when=at(17, 12))
    team.ok("mika", "conversation", case, "--with", "pat", "--medium", "video call", when=at(17, 12))
    team.ok("mika", "propose", case, "--violation", "--consequence", "private-warning", "--rationale", "first",
            when=at(18))
    vote = team.ok("mika", "vote", case, "yes", "--proposal", "2", when=at(18, 10))
    assert "counted: mediator" in vote.stderr
    decided = team.ok("mika", "decide", case, "--proposal", "2", when=at(18, 11))
    assert "adopted: private-warning" in decided.stderr and "unanimous" in decided.stderr
    assert "private warning" in team.ok("mika", "draft", case, "--to", "reported", when=at(18, 12)).stdout.lower()
    team.ok("mika", "close", case, "--resolution", "private warning given", when=at(18, 13))
    team.sync("mika", when=at(18, 13))
    # ... and nothing else: no other case, no change of who reads, no roster change.
    for args in (("amend", other, "--note", "x"), ("recuse", case), ("grant", case, "--member", "bob"),
                 ("revoke", case, "--as", "mediator"), ("member", "add", "eve", "--key", team.lines["eve"])):
        refused = team.run("mika", *args, when=at(18, 14))
        assert refused.exit_code == 4 and "mediator" in refused.stderr, args
    assert team.run("mika", "show", other).exit_code == 4
    # The members see the mediator's work, signed and verified like theirs, with and without a key.
    team.sync("alice", "bob", when=at(18, 14))
    by = team.events("alice", case)
    assert ("mediator", "decided") in by and ("mediator", "closed") in by
    assert team["bob"].run(None, "validate", env=at(18, 14)).exit_code == 0
    assert team.ok("bob", "verify", when=at(18, 14))
    assert team.run("bob", "show", case).exit_code == 4  # bob is still recused


def test_revoking_the_mediator_ends_their_power_and_an_outsider_cannot_add_themselves(team):
    """A mediator's seals verify only through a member's grant; ``revoke`` ends them for later seals."""
    case = team.open()
    _all_recuse(team, case)
    team.ok("alice", "grant", case, "--key", team.lines["mika"], "--as", "mediator", when=at(17))
    team.sync("alice", when=at(17))
    team.clone("mika")
    team.ok("mika", "amend", case, "--note", "first meeting held", when=at(17, 10))
    team.sync("mika", "alice", when=at(17, 10))
    # alice (soft-recused, still a reader) revokes; mika, not yet synced, amends after it and pushes.
    team.ok("alice", "revoke", case, "--as", "mediator", when=at(18))
    team.sync("alice", when=at(18))
    team.ok("mika", "amend", case, "--note", "after the revoke", when=at(19))
    stopped = team.run("mika", "sync", when=at(19))  # cocctl's pre-push guard runs verify: nothing goes out
    assert stopped.exit_code == 8 and git(team["mika"].root, "rev-parse", "origin/main") == git(
        team["alice"].root, "rev-parse", "HEAD")
    git(team["mika"].root, "push", "-q", "--no-verify", "origin", "main")  # forced past the guard
    refused = team.run("alice", "sync", when=at(19, 10))
    assert refused.exit_code != 0 and "nothing was merged" in refused.stderr
    assert team.run("mika", "amend", case, "--note", "again", when=at(19, 11)).exit_code == 4
    # An outsider with push access writes a seal as "mediator", vouching for their own key: it never verifies.
    forged = _forge_seal(team, case)
    checked = team["dana"].run(None, "validate", env=at(20))
    assert checked.exit_code != 0 and forged in checked.stdout + checked.stderr


def _forge_seal(team: Team, case: str) -> str:
    """eve appends a seal signed with her key, by "mediator", vouching for herself; returns its id."""
    from dataclasses import replace

    from cocctl.archive import actors, casefile, keys
    from cocctl.archive.casefile import Seal

    dana = team["dana"]
    git(dana.root, "pull", "-q", "--no-rebase", "origin", "main")
    path = dana.root / "cases" / f"{case}.yaml"
    found = casefile.loads(path.read_bytes(), name=path.name)
    eve = keys.signing_key(keys.load(dana.keys["eve"]))
    draft = Seal("01KZZZZZZZZZZZZZZZZZZZZZZZ", "mediator", "2026-11-20T09:00:00Z", found.readers, "",
                 guests=found.guests)
    draft = actors.vouched(eve, case, draft, {"mediator": eve.public})
    event = {"id": "01KZZZZZZZZZZZZZZZZZZZZZZZ", "at": draft.at, "by": "mediator", "type": "note",
             "data": {"text": "forged"}}
    sealed = casefile.seal(eve, case, draft, [event], [keys.load(dana.keys["eve"])[0].recipient])
    path.write_bytes(casefile.dumps(replace(found, seals=(*found.seals, sealed))))
    git(dana.root, "commit", "-q", "-am", "note")
    return sealed.id


def test_a_reader_only_guest_cannot_act_and_the_last_member_cannot_strand_a_case(make_committee, tmp_path):
    """``grant --recipient`` lets an outside party read, not act; without any reader left the last recusal is refused."""
    c = make_committee("kubernetes")
    case = c.open()
    c.ok("bob", "recuse", case)
    c.ok("carol", "recuse", case)
    head = c.head()
    last = c.run("alice", "recuse", case)
    assert last.exit_code == 7 and "mediator" in last.stderr and c.head() == head
    line = make_key(c.runner, tmp_path / "keys" / "reader")
    c.keys["reader"] = tmp_path / "keys" / "reader"
    c.ok("alice", "grant", case, "--recipient", line.split()[0], "--as", "counsel")
    assert c.run("reader", "show", case).exit_code == 0  # reads the case
    denied = c.run("reader", "amend", case, "--note", "x")
    assert denied.exit_code == 4 and "not an active member" in denied.stderr and c.head() != head
    assert c.run("alice", "grant", case, "--key", line, "--recipient", line.split()[0], "--as", "x").exit_code == 2


def test_a_member_joining_later_reads_the_case_once_the_mediator_acts_and_every_view_names_the_mediator(
        make_committee, tmp_path):
    """The member's vouch survives re-encryption: the mediator re-seals for a new member and stays verifiable."""
    c = make_committee("kubernetes")
    case = c.open()
    c.ok("bob", "recuse", case)
    c.ok("carol", "recuse", case)
    line = make_key(c.runner, tmp_path / "keys" / "mika")
    c.keys["mika"] = tmp_path / "keys" / "mika"
    c.ok("alice", "grant", case, "--key", line, "--as", "mediator")
    c.ok("alice", "recuse", case)
    c.ok("mika", "amend", case, "--note", "met the reporter")
    erin = make_key(c.runner, tmp_path / "keys" / "erin")
    c.keys["erin"] = tmp_path / "keys" / "erin"
    c.ok("alice", "member", "add", "erin", "--key", erin, "--employer", "Globex")
    assert c.run("erin", "show", case).exit_code != 0  # nobody but the mediator can re-seal it for her
    resealed = c.ok("mika", "rekey", env={"COCCTL_NOW": "2026-11-21T08:00:00Z"})
    assert "re-sealed 1 case(s)" in resealed.stderr and "nothing changed" in c.ok("mika", "rekey").stderr
    assert c.ok("erin", "show", case)
    c.ok("mika", "amend", case, "--note", "handing over", env={"COCCTL_NOW": "2026-11-21T09:00:00Z"})
    shown = json.loads(c.ok("erin", "show", case, "--json").stdout)
    assert [(e["by"], e["type"]) for e in shown["events"]][-2:] == [("mediator", "note"), ("mediator", "note")]
    assert "mediator" in c.ok("erin", "log", case).stdout
    assert case in c.ok("erin", "list").stdout and "1 report(s)" in c.ok("erin", "stats").stdout
    assert c.ok(None, "validate").exit_code == 0 and c.ok("erin", "verify").exit_code == 0
    # erin may vote now, so the mediator no longer decides alone.
    c.ok("mika", "propose", case, "--no-violation", "--rationale", "handled", env={"COCCTL_NOW": "2026-11-21T10:00:00Z"})
    alone = c.run("mika", "vote", case, "yes", env={"COCCTL_NOW": "2026-11-21T11:00:00Z"})
    assert alone.exit_code == 4 and "the members vote (erin)" in alone.stderr
