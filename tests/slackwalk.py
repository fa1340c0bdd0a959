"""A Slack admin team for the seed walks: one clone of a bare remote per admin, each acting with their own key."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cocctl.cli import app
from tests.conftest import Committee, git
from tests.govkit import at, build


class Team:
    """Admins each working in their own clone; ``sync`` merges through the shared bare remote."""

    def __init__(self, tmp_path: Path, preset: str, roles: dict[str, list[str]]) -> None:
        first = build(tmp_path, preset, roles)
        bare = tmp_path / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
        git(first.root, "remote", "add", "origin", str(bare))
        git(first.root, "push", "-q", "-u", "origin", "main")
        self.clones: dict[str, Committee] = {}
        for handle in roles:
            if handle == next(iter(roles)):
                self.clones[handle] = first
                continue
            dest = tmp_path / f"clone-{handle}"
            result = first.runner.invoke(app, ["--identity", str(first.keys[handle]), "clone", str(bare), str(dest)])
            assert result.exit_code == 0, result.output
            self.clones[handle] = Committee(dest, first.keys, first.recipients, first.runner)
        self.now = "2026-11-02T09:00:00Z"

    def when(self, moment: str) -> None:
        """Move the clock (COCCTL_NOW) to ``moment`` for the following steps."""
        self.now = moment

    def run(self, who: str, *args: str):
        """``cocctl ARGS`` in ``who``'s own clone, with ``who``'s identity, at the current time."""
        return self.clones[who].run(who, *args, env=at(self.now))

    def ok(self, who: str, *args: str):
        result = self.run(who, *args)
        assert result.exit_code == 0, f"{who} {args}: {result.output}"
        return result

    def refused(self, who: str, code: int, message: str, *args: str):
        """Run a command that must fail with ``code`` and ``message``, leaving ``who``'s clone unchanged."""
        head = self.clones[who].head()
        result = self.run(who, *args)
        assert result.exit_code == code and message in result.stderr, f"{who} {args}: {result.output}"
        assert self.clones[who].head() == head and self.clones[who].status() == ""
        return result

    def sync(self, *who: str) -> None:
        """Each named admin syncs in turn (fetch, verify, merge, push)."""
        for handle in who:
            clone = self.clones[handle]
            result = clone.run(handle, "sync", env={**at(self.now), "COCCTL_IDENTITY": str(clone.keys[handle])})
            assert result.exit_code == 0, f"{handle} sync: {result.output}"

    def sync_all(self) -> None:
        """Everyone's work reaches everyone: two rounds of syncs."""
        handles = list(self.clones)
        self.sync(*handles, *handles)

    def open(self, who: str, reported: str, *extra: str) -> str:
        """Open a report about ``reported`` (a complaint by DM unless ``extra`` says otherwise); return its id."""
        if "--kind" not in extra:
            extra = ("--kind", "complaint", *extra)
        if "--channel" not in extra:
            extra = ("--channel", "dm", *extra)
        result = self.ok(who, "open", "--summary", "Hostile messages in a channel", "--severity", "medium",
                         "--reported", reported, "--received-at", self.now, *extra)
        return result.stdout.strip().splitlines()[-1]

    def show(self, who: str, case: str) -> dict:
        return json.loads(self.ok(who, "show", case, "--json").stdout)

    def due(self, who: str, case: str | None = None) -> list[tuple[str, str]]:
        """``due --json`` as (kind, status) pairs, for one case or all."""
        items = json.loads(self.ok(who, "due", "--json").stdout)["items"]
        return [(i["kind"], i["status"]) for i in items if case is None or i["case"] == case]

    def draft(self, who: str, case: str, to: str, *extra: str) -> str:
        """A draft's text, with its lines joined (templates wrap sentences)."""
        return " ".join(self.ok(who, "draft", case, "--to", to, *extra).stdout.split())


# The SSE and Enginexp processes (../shared/seeds/001 and 002) are the same text for these chapters; each preset's
# walk (tests/test_preset_sse.py, tests/test_preset_enginexp.py) runs them with its own admins.

def walk_complaint_interim_triage_appeal(team: Team, first: str, second: str) -> str:
    """A formal complaint by DM, acknowledged with an estimate; an interim suspension of the accounts until the
    admins triage and resolve; the resolution told to those involved; an appeal from one week after the
    suspension; the overturned suspension's new context for the community channel, without names."""
    # Monday 09:00: Riley sends the first admin a formal complaint by DM: nature, who, material, privacy.
    team.when("2026-11-02T09:00:00Z")
    case = team.open(first, "troll", "--reported", "sock", "--reporter", "Riley", "--evidence",
                     "https://slack.example/archives/C9/p7", "--privacy", "do not tell them it was me", "--no-consent")
    ack = team.draft(first, case, "reporter", "--kind", "ack", "--estimate", "Friday")
    assert "We estimate that we will be able to triage and resolve it by Friday." in ack
    assert "24 hours" not in ack and "no action other" not in ack
    team.ok(first, "draft", case, "--to", "reporter", "--kind", "ack", "--sent")
    # No fixed deadline: the seed promises an estimate, not a number of days.
    team.when("2026-12-02T09:00:00Z")
    assert team.due(first) == []
    team.when("2026-11-02T10:00:00Z")
    # "In extreme cases": an urgent case only.
    team.refused(first, 7, "not urgent", "interim", case, "--consequence", "temporary-suspension",
                 "--rationale", "threats")
    team.ok(first, "amend", case, "--urgent", "--note", "threats against Riley in DMs")
    team.refused(first, 2, "until the case is resolved", "interim", case, "--consequence",
                 "temporary-suspension:period=30d", "--rationale", "threats")
    team.refused(first, 2, "unknown consequence", "interim", case, "--consequence", "do-not-contact:period=7d",
                 "--rationale", "threats")
    # "Suspend one or more accounts until they are able to triage and resolve."
    team.ok(first, "interim", case, "--consequence", "temporary-suspension", "--rationale", "threats")
    listed = team.ok(first, "sanctions").stdout
    assert "troll, sock: temporary-suspension no end date" in listed and "INTERIM" in listed
    # Told as what it is: interim, until the incident is resolved; no reapplying, no appeal of it yet.
    interim = team.draft(first, case, "reported", "--kind", "decision")
    assert "- Temporary suspension (interim)" in interim
    assert "Your account is suspended until we have triaged and resolved the incident." in interim
    assert "reapply" not in interim and "appeal" not in interim
    # "Reporter consent is required before sharing any information regarding the incident."
    assert "the reporter did not consent" in interim and "slack.example" not in interim and "Riley" not in interim
    # The resolution goes to the reporter once the incident is resolved: an interim measure is not that.
    early = team.run(first, "draft", case, "--to", "reporter", "--kind", "decision")
    assert early.exit_code == 0 and "is not resolved yet" in early.stderr and "warning" not in early.stdout
    team.sync(first, second)

    # Wednesday: the second admin, in their own clone, triages and resolves: troll is suspended for 30 days,
    # sock was not involved.
    team.when("2026-11-04T15:00:00Z")
    # The measure lasts until the incident is resolved: not made final as it is, with no end.
    team.refused(second, 7, "lasts until case", "confirm", case)
    team.ok(second, "amend", case, "--note", "confirmed from the DM screenshots; sock is a different person")
    team.ok(second, "decide", case, "--person", "troll", "--consequence", "temporary-suspension:period=30d",
            "--rationale", "threats confirmed")
    team.ok(second, "decide", case, "--person", "sock", "--no-violation", "--rationale", "not involved")
    to_troll = team.draft(second, case, "reported", "--kind", "decision")
    assert "Your account is deactivated for 30d." in to_troll and "reapply" not in to_troll
    assert "You may appeal this decision from 7 days after it." in to_troll
    team.ok(second, "draft", case, "--to", "reported", "--kind", "decision", "--sent")
    to_riley = team.run(second, "draft", case, "--to", "reporter", "--kind", "decision")
    assert "is resolved" in to_riley.stdout and "warning" not in to_riley.stderr
    team.ok(second, "draft", case, "--to", "reporter", "--kind", "decision", "--sent")
    team.ok(second, "close", case, "--resolution", "troll suspended for 30 days")
    team.sync(second, first)
    shown = team.show(first, case)
    assert [(d["standing"], d["interim"]) for d in shown["decisions"]] == [
        ("lifted", False), ("in-force", False), ("in-force", False)]  # the interim measure ended with the triage
    assert team.ok(first, "sanctions").stdout.startswith(
        f"troll: temporary-suspension (period=30d) until 2026-12-04T15:00:00Z (case {case}, decision 2)\n")

    # Appeals of the suspension "starting one week after the suspension", with a justification, by mail.
    team.when("2026-11-10T09:00:00Z")
    team.refused(first, 7, "accepted from 2026-11-11T15:00:00Z", "appeal", case, "--decision", "2",
                 "--reason", "I was provoked")
    team.refused(first, 3, "no decision in force that may be appealed", "appeal", case, "--decision", "3",
                 "--reason", "x")  # sock's "no violation" is no suspension
    team.when("2026-11-11T15:00:00Z")
    team.ok(first, "appeal", case, "--decision", "2", "--reason", "the DMs were a joke between us; the thread")
    team.sync(first, second)
    team.when("2026-11-12T10:00:00Z")
    team.ok(second, "decide-appeal", case, "--overturn", "--rationale",
            "troll and Riley had agreed the thread was a running joke")
    assert team.ok(second, "sanctions").stdout.startswith("no sanctions in force")
    # "If a suspension is overturned, the new context will be shared with #rands-slack-rules": without names.
    context = team.draft(second, case, "community")
    assert "overturned it" in context and "running joke" in context
    assert "troll" not in context and "Riley" not in context
    team.sync(second, first)
    assert team.show(first, case)["status"] == "closed"
    return case


def walk_public_channel(team: Team, first: str, second: str) -> str:
    """ "Where an incident occurs in a public channel, the administrator will consult those involved in the
    incident before disclosing any information": no community message, no public summary until they agreed."""
    team.when("2026-11-16T09:00:00Z")
    case = team.open(first, "Terry Troll", "--channel", "public-channel", "--reporter", "Jo", "--consent")
    team.ok(first, "decide", case, "--consequence", "temporary-suspension:period=14d", "--rationale", "slurs")
    team.sync(first, second)
    team.when("2026-11-23T09:00:00Z")
    team.ok(second, "appeal", case, "--reason", "I was quoting a film; the thread was read out of context")
    team.ok(second, "decide-appeal", case, "--overturn", "--rationale", "Terry Troll was quoting a film")
    team.refused(second, 2, "consult them before disclosing anything", "draft", case, "--to", "community")
    team.refused(second, 7, "were not consulted", "close", case, "--resolution", "overturned", "--public-summary",
                 "A suspension was overturned on appeal.")
    team.ok(second, "consulted", case, "--refused", "--note", "Terry wants no message")
    team.sync(second, first)
    team.refused(first, 2, "those involved did not agree", "draft", case, "--to", "community")
    team.when("2026-11-24T09:00:00Z")
    team.ok(first, "consulted", case, "--agreed", "--note", "Terry and Jo agree to a short note")
    context = team.draft(first, case, "community")
    assert "overturned it" in context and "quoting a film" in context and "Jo" not in context
    team.ok(first, "close", case, "--resolution", "overturned", "--public-summary",
            "A suspension was overturned on appeal.")
    team.sync(first, second)
    events = [e["type"] for e in team.show(second, case)["events"]]
    assert events.count("consulted") == 2 and team.show(second, case)["status"] == "closed"
    return case
