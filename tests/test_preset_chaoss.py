"""CHAOSS end to end: the seed's incident response plan walked rule by rule through the CLI.

Four members (the seed names three; a fourth gives a conflict and a removal to
walk) each act with their own key in their own clone of one bare remote, and the
clock (COCCTL_NOW) moves between steps. The rules walked, in the seed's order:

- intake by email (`open --from-email`); the one who takes a report makes sure it gets a primary and a
  secondary owner; "[name] has been reported by [...]. Who does not have a conflict of interest?";
- conflicts: members state one (no reason asked), those with one never get access (`access: cleared`),
  a conflict is withdrawn only by its member or by the committee's vote;
- hesitant reporters: an anonymous report keeps no reporter and gets no follow-up; an escrowed report is
  not acted on (nothing to the reported person) until the behaviour is repeated or a pattern is found;
- taking a report: the acknowledgement within 24 hours (reviewing now, no promise, updates unless they
  prefer no further involvement, thanks, anything to make them comfortable);
- immediate danger: any responder decides at once; law enforcement only at the reporter's request, and
  what was given to them is shared with the Community Manager;
- decisions by a simple majority of the members in the private meeting (the tally says who counted);
  a violation or not, a behaviour-modification plan, consequences ("not inclusive": other), and the
  response if the plan is refused or not understood;
- talking to the reported person (the plan; never the reporter's identity; an apology is relayed),
  re-evaluating after it (`plan-response`, a new decision through the vote);
- following up: the reporter hears the plan and the other steps; a decision within a week, or an email
  saying it takes longer;
- transparency report: totals, resolutions including unresolved, descriptions or only a count;
- off-boarding: the six-monthly question, a resignation, a removal by a simple majority of all members
  with access revoked before the email (`member notice`).
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from cocctl.cli import app
from tests.conftest import Committee, git
from tests.govkit import at, build, can_decrypt, can_open_index, open_case

ROLES = {"mary": ["chair"], "georg": [], "anita": [], "sean": []}
PLAN = ("behaviour-plan:behaviour=greeted the channel with 'hey guys',context=women are underrepresented,"
        "impact=women felt unwelcome,call-in=help us be welcoming,plan=do not use guys for the community"
        ",if-refused=a temporary ban from the chat channels")


class Walk:
    """One committee, each member in their own clone of a bare remote, and a clock that only moves forward."""

    def __init__(self, tmp_path: Path):
        first = build(tmp_path, "chaoss", ROLES)
        self.bare = tmp_path / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", str(self.bare)], check=True)
        git(first.root, "remote", "add", "origin", str(self.bare))
        git(first.root, "push", "-q", "-u", "origin", "main")
        self.clone = {"mary": first}
        for who in ("georg", "anita", "sean"):
            dest = tmp_path / f"clone-{who}"
            cloned = first.runner.invoke(app, ["--identity", str(first.keys[who]), "clone", str(self.bare), str(dest)])
            assert cloned.exit_code == 0, cloned.output
            self.clone[who] = Committee(dest, first.keys, first.recipients, first.runner)
        self.now = datetime(2026, 11, 16, 9, 0, tzinfo=timezone.utc)  # a Monday

    @property
    def stamp(self) -> str:
        return iso(self.now)

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def run(self, who: str, *args: str, input: str | None = None):
        """``cocctl ARGS`` as ``who`` in their own clone, one minute after the last step."""
        self.later(minutes=1)
        env = {"COCCTL_NOW": self.stamp, "COCCTL_IDENTITY": str(self.clone[who].keys[who])}
        return self.clone[who].run(who, *args, input=input, env=env)

    def ok(self, who: str, *args: str, input: str | None = None):
        result = self.run(who, *args, input=input)
        assert result.exit_code == 0, f"{who} {args}: {result.output}"
        return result

    def refused(self, who: str, code: int, *args: str) -> str:
        """Run a command that must fail with ``code`` and leave the clone's history as it was; its stderr."""
        head = self.clone[who].head()
        result = self.run(who, *args)
        assert result.exit_code == code, f"{who} {args}: {result.output}"
        assert self.clone[who].head() == head and self.clone[who].status() == ""
        return " ".join(result.stderr.split())

    def sync(self, *who: str) -> None:
        for handle in who:
            self.ok(handle, "sync")

    def show(self, who: str, case: str) -> dict:
        return json.loads(self.ok(who, "show", case, "--json").stdout)

    def due(self, who: str, case: str) -> dict[str, str]:
        items = json.loads(self.ok(who, "due", "--json").stdout)["items"]
        return {item["kind"]: item["at"] for item in items if item["case"] == case}

    def reads(self, who: str, case: str, clone: str | None = None) -> bool:
        """Whether ``who``'s key opens the case file as it is in ``clone``'s clone (default: their own)."""
        return can_decrypt(self.clone[clone or who], who, case)


@pytest.fixture
def walk(tmp_path):
    return Walk(tmp_path)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def words(text: str) -> str:
    return " ".join(text.split())


def report_mail(tmp_path: Path) -> Path:
    message = EmailMessage()
    message["From"] = "Riley Example <riley@example.org>"
    message["To"] = "chaoss-conduct@googlegroups.com"
    message["Subject"] = "Unwelcoming greetings in the chat"
    message["Date"] = "Mon, 16 Nov 2026 08:30:00 +0000"
    message.set_content("lee keeps greeting the channel with 'hey guys' after being asked to stop.")
    path = tmp_path / "report.eml"
    path.write_bytes(bytes(message))
    return path


def test_walk_an_emailed_report_from_intake_to_the_reporters_follow_up(walk, tmp_path):
    # Intake: the email becomes a case; only the member who took it can read it until others are cleared.
    opened = walk.ok("mary", "open", "--from-email", str(report_mail(tmp_path)), "--kind", "complaint",
                     "--severity", "medium", "--reported", "lee", "--no-interactive")
    case = opened.stdout.strip().splitlines()[-1]
    assert "has no owner yet; the policy wants a primary and a secondary owner" in words(opened.stderr)
    state = walk.show("mary", case)
    assert state["channel"] == "email" and state["received_at"] == "2026-11-16T08:30:00Z"
    assert state["reporter"] == {"name": "Riley Example", "contact": "riley@example.org"}
    assert [e["data"]["text"] for e in state["events"] if e["type"] == "note"] == [
        "lee keeps greeting the channel with 'hey guys' after being asked to stop."]
    assert walk.due("mary", case)["first-response"] == "2026-11-17T08:30:00Z"  # acknowledge within 24 hours
    assert walk.due("mary", case)["decision"] == "2026-11-23T08:30:00Z"  # decide within a week
    # "[name] has been reported by [...]. Who does not have a conflict of interest?"
    asking = words(walk.ok("mary", "draft", case, "--to", "committee").stdout)
    assert "lee has been reported via email" in asking and "who does NOT have a conflict of interest" in asking
    assert "nobody will ask why" in asking and "Riley" not in asking and "hey guys" not in asking
    walk.sync("mary", "georg", "anita", "sean")
    assert walk.reads("mary", case) and not any(walk.reads(w, case) for w in ("georg", "anita", "sean"))
    assert walk.run("georg", "show", case).exit_code == 4
    # sean has a conflict: he cannot record it in a case he cannot read, so he states it and a reader records it.
    told = walk.refused("sean", 4, "recuse", case)
    assert "state your conflict to the committee" in told and f"cocctl recuse {case} --member sean" in told
    walk.ok("mary", "recuse", case, "--member", "sean")  # no reason asked, none stored
    for who in ("georg", "anita"):  # no conflict: added to the discussion and the documentation
        walk.ok("mary", "grant", case, "--member", who)
    walk.ok("mary", "assign", case, "--primary", "mary", "--secondary", "georg")
    # The acknowledgement: reviewing now, no promise of an outcome, updates unless they prefer not, thanks.
    ack = words(walk.ok("mary", "draft", case, "--to", "reporter", "--kind", "ack").stdout)
    assert ack.startswith("To: riley@example.org Subject: We received your report")
    for promise in ("Thank you for your report", "are reviewing it now", "If you would rather not be involved any "
                    "further, tell us and we will respect that", "anything we can do to make you more comfortable"):
        assert promise in ack
    walk.ok("mary", "draft", case, "--to", "reporter", "--kind", "ack", "--sent")
    assert "first-response" not in walk.due("mary", case)
    walk.sync("mary", "georg", "anita", "sean")
    assert walk.reads("georg", case) and walk.reads("anita", case) and not walk.reads("sean", case)
    shown = words(walk.ok("anita", "show", case).stdout)
    assert "recused sean (no access)" in shown and "cleared anita, georg, mary" in shown
    assert "owners mary (secondary georg)" in shown
    recusal = [e["data"] for e in walk.show("anita", case)["events"] if e["type"] == "recused"]
    assert recusal == [{"member": "sean", "hard": True}]

    # The private meeting: a simple majority of the members in it (those cleared), each voting in their clone.
    walk.later(days=1)
    walk.ok("georg", "propose", case, "--violation", "--consequence", PLAN,
            "--consequence", "other:description=no talks at CHAOSScon 2027", "--rationale", "asked to stop before")
    voted = words(walk.ok("georg", "vote", case, "yes").stderr)
    assert "waiting for anita, mary" in voted and "counted: anita, georg, mary" in voted
    early = walk.refused("georg", 7, "decide", case)
    assert "quorum not reached: 1 of 2 votes needed" in early
    walk.sync("georg", "anita")
    tally = words(walk.ok("anita", "vote", case, "yes").stderr)
    assert "adopted: 2 yes: more than half of 2 (present)" in tally
    assert "counted: anita, georg, mary (members who read the case and may vote on it)" in tally
    assert "adopted: behaviour-plan" in words(walk.ok("anita", "decide", case).stderr)
    walk.sync("anita", "sean")
    assert walk.refused("sean", 4, "vote", case, "no").startswith(f"cocctl: you cannot read case {case}")
    decision = walk.show("anita", case)["decisions"][0]
    assert decision["tally"]["eligible"] == ["anita", "georg", "mary"] and decision["violation"] is True
    assert [c["id"] for c in decision["consequences"]] == ["behaviour-plan", "other"]
    # sean never held a key to any version of the case file, in his own clone.
    path = f"cases/{case}.yaml"
    sean = walk.clone["sean"]
    revisions = git(sean.root, "log", "--format=%H", "--", path).split()
    assert len(revisions) >= 8
    for revision in revisions:
        (sean.root / path).write_text(git(sean.root, "show", f"{revision}:{path}"))
        assert not walk.reads("sean", case)
    git(sean.root, "checkout", "--", path)

    # Talking to the reported person: behaviour, context, impact, call in, plan; never who reported.
    walk.sync("mary")
    to_lee = walk.ok("mary", "draft", case, "--to", "reported").stdout
    flat = words(to_lee)
    assert to_lee.startswith("Subject: Outcome of a Code of Conduct report") and "Hello lee," in to_lee
    for line in ("- Behaviour: greeted the channel with 'hey guys'", "- Context: women are underrepresented",
                 "- Impact: women felt unwelcome", "- Call in: help us be welcoming",
                 "- Behaviour-modification plan: do not use guys for the community",
                 "- Other action: no talks at CHAOSScon 2027"):
        assert line in to_lee
    assert "we will never reveal who it was" in flat and "please do not contact the person who reported" in flat
    assert "Riley" not in to_lee and "riley@" not in to_lee
    walk.ok("mary", "draft", case, "--to", "reported", "--kind", "decision", "--sent")

    # Re-evaluating: lee refuses the plan; the response decided with it comes back, and a new decision is voted.
    walk.later(days=1)
    walk.sync("georg")
    refused = words(walk.ok("georg", "plan-response", case, "--response", "refused",
                            "--note", "says it is just a word").stderr)
    assert "re-evaluate: the response decided with the plan: a temporary ban from the chat channels" in refused
    assert "a different decision goes through 'cocctl propose" in refused
    walk.ok("georg", "propose", case, "--violation", "--consequence",
            "channel-restriction:channels=general,period=30d", "--rationale", "refused the plan")
    walk.ok("georg", "vote", case, "yes")
    walk.sync("georg", "mary")
    walk.ok("mary", "vote", case, "yes")
    walk.ok("mary", "decide", case)
    shown = words(walk.ok("mary", "show", case).stdout)
    assert "plan of decision 1: refused (2026-11-18); the response decided with the plan: a temporary ban" in shown
    state = walk.show("mary", case)
    assert state["plan_responses"][0]["note"] == "says it is just a word"  # the context lee gave, in the case
    assert [d["consequences"][0]["id"] for d in state["decisions"]] == ["behaviour-plan", "channel-restriction"]

    # Following up with the reporter: the plan given, and the other steps taken.
    follow_up = words(walk.ok("mary", "draft", case, "--to", "reporter").stdout)
    assert follow_up.startswith("To: riley@example.org Subject: Your report is resolved")
    assert "The person you reported was given a behaviour-modification plan: do not use guys for the community" \
        in follow_up
    assert "We are also taking this step: Other action: no talks at CHAOSScon 2027" in follow_up
    assert "Restriction from channels or spaces (channels general; period 30d)" in follow_up
    walk.ok("mary", "draft", case, "--to", "reporter", "--kind", "decision", "--sent")
    walk.ok("mary", "close", case, "--resolution", "plan refused; restricted from #general for 30 days",
            "--public-summary", "Unwelcoming language in a chat channel; a behaviour plan and a channel restriction")
    # The decision message sent before the close answers the outcome deadline; the restriction's end remains.
    assert set(walk.due("mary", case)) == {"sanction-end"}
    walk.sync("mary", "georg", "anita", "sean")
    for who in ("mary", "georg", "anita", "sean"):
        assert walk.ok(who, "verify").exit_code == 0


def test_walk_a_decision_taking_longer_than_a_week_and_a_conflict_withdrawn(walk):
    """The reporter hears when it takes longer than a week; a conflict is its member's, or the committee's."""
    case = open_case(walk.clone["mary"], "mary", "lee", "--reporter", "Riley", "--reporter-contact", "r@example.org",
                     when=walk.stamp)
    for who in ("georg", "anita", "sean"):
        walk.ok("mary", "grant", case, "--member", who)
    walk.ok("mary", "draft", case, "--to", "reporter", "--kind", "ack", "--sent")
    walk.sync("mary", "georg", "anita", "sean")
    # georg records a conflict for anita (she told him); it cuts her access in every clone.
    walk.ok("georg", "recuse", case, "--member", "anita")
    walk.sync("georg", "anita")
    assert not walk.reads("anita", case) and walk.run("anita", "show", case).exit_code == 4
    # One other member cannot undo it: georg's grant is only an approval towards the committee's rule.
    one = words(walk.ok("georg", "grant", case, "--member", "anita").stderr)
    assert "approval to withdraw anita's conflict is recorded" in one
    assert not walk.reads("anita", case, clone="georg")
    assert "nothing changed" in walk.ok("georg", "grant", case, "--member", "anita").stderr
    walk.sync("georg", "sean")
    assert not walk.reads("anita", case, clone="sean")
    # A second approval (sean, in his own clone) makes a majority of those present: the conflict is withdrawn.
    walk.ok("sean", "grant", case, "--member", "anita")
    walk.sync("sean", "anita")
    assert walk.reads("anita", case)
    events = walk.show("anita", case)["events"]
    assert [(e["type"], e["by"], e["data"]) for e in events if e["data"].get("member") == "anita"][1:] == [
        ("recused", "georg", {"hard": True, "member": "anita"}), ("cleared", "georg", {"approve": True, "member": "anita"}),
        ("cleared", "sean", {"member": "anita"})]
    # A member's own conflict is theirs to withdraw, alone: sean gives up his vote, then takes it back.
    walk.ok("sean", "propose", case, "--violation", "--consequence", "private-warning", "--rationale", "x")
    walk.ok("sean", "recuse", case, "--soft")
    assert "you recused yourself from voting" in walk.refused("sean", 4, "vote", case, "yes")
    walk.ok("sean", "grant", case, "--member", "sean")
    assert "sean" not in walk.show("sean", case)["recused_soft"]
    walk.ok("sean", "vote", case, "yes")

    # A week passes without a decision: the reporter must hear that it takes more time.
    walk.later(days=7)
    due = walk.due("mary", case)
    assert due["decision"] == "2026-11-23T09:00:00Z" and "reporter-update" in due
    check = walk.run("mary", "due", "--check")
    assert check.exit_code == 1 and "overdue" in check.stderr
    update = words(walk.ok("mary", "draft", case, "--to", "reporter").stdout)
    assert update.startswith("To: r@example.org Subject: An update on your report")
    assert "taking longer than we aimed for (7 days)" in update and "We will write again by 2026-11-30" in update
    walk.ok("mary", "draft", case, "--to", "reporter", "--kind", "update", "--sent")
    told = walk.now
    assert walk.due("mary", case)["reporter-update"] == iso(told + timedelta(days=7))  # and again a week on


def test_walk_hesitant_reporters_anonymous_and_escrowed(walk):
    """An anonymous report keeps no one to follow up with; an escrow waits for a repeat or a pattern."""
    mary = walk.clone["mary"]
    head = mary.head()
    named = walk.run("mary", "open", "--summary", "x", "--kind", "anonymous", "--channel", "in-person",
                     "--severity", "low", "--reporter", "Kim")
    assert named.exit_code == 2 and mary.head() == head
    anonymous = open_case(mary, "mary", "pat", "--kind", "anonymous", when=walk.stamp)
    state = walk.show("mary", anonymous)
    assert state["kind"] == "anonymous" and state["reporter"] is None
    assert "anonymous report: there is nobody to write to" in walk.refused("mary", 2, "draft", anonymous, "--to",
                                                                           "reporter")
    assert not {"first-response", "reporter-update"} & set(walk.due("mary", anonymous))

    # anita takes an escrowed report: kept, not acted on, nothing to the reported person.
    escrow = open_case(walk.clone["anita"], "anita", "Lee Park", "--kind", "escrow", when=walk.stamp)
    assert "escrowed" in walk.refused("anita", 7, "propose", escrow, "--violation", "--consequence",
                                      "private-warning", "--rationale", "x")
    for extra in ((), ("--sent",)):
        assert "escrowed" in walk.refused("anita", 2, "draft", escrow, "--to", "reported", "--kind", "update", *extra)
    envelope = (walk.clone["anita"].root / "cases" / f"{escrow}.yaml").read_text()
    assert "Lee" not in envelope
    walk.sync("anita", "georg")
    # Weeks later georg, who cannot read the escrow, takes a report about the same person: he is told whom to ask.
    walk.later(days=20)
    second = walk.ok("georg", "open", "--summary", "Again", "--kind", "complaint", "--channel", "email",
                     "--severity", "medium", "--reported", "@lee park")
    assert f"a case you cannot read ({escrow}) names the same person; ask its readers: anita" in words(second.stderr)
    walk.sync("georg", "anita")
    # Release needs its ground and its reason, recorded in the case.
    assert "repeated or a past pattern" in walk.refused("anita", 2, "escrow", "release", escrow)
    walk.refused("anita", 2, "escrow", "release", escrow, "--ground", "repeated")
    walk.ok("anita", "escrow", "release", escrow, "--ground", "repeated", "--reason", "a second report came in")
    state = walk.show("anita", escrow)
    assert state["status"] == "open"
    assert [e["data"] for e in state["events"] if e["type"] == "released"] == [
        {"kind": "complaint", "reason": "a second report came in", "ground": "repeated"}]
    walk.refused("anita", 7, "escrow", "release", escrow, "--ground", "pattern", "--reason", "x")
    assert walk.ok("anita", "draft", escrow, "--to", "reported", "--kind", "update").stdout


def test_walk_immediate_danger_and_law_enforcement_at_the_reporters_request(walk):
    """Any responder decides at once; the police only if the reporter asks; the Community Manager is told."""
    case = open_case(walk.clone["anita"], "anita", "lee", "--urgent", "--channel", "in-person", "--reporter", "Sam",
                     "--reporter-contact", "+1 555 0100", when=walk.stamp)
    # The reporter's safety is paramount: where they will be and what they wear, in the sealed case.
    walk.ok("anita", "amend", case, "--note", "Sam stays at the registration desk; green jacket")
    # anita alone, no meeting convened: the measure is in force at once.
    walk.ok("anita", "interim", case, "--consequence", "leave-event:event=CHAOSScon", "--rationale", "groping")
    decision = walk.show("anita", case)["decisions"][0]
    assert (decision["interim"], decision["by"], decision["standing"]) == (True, "anita", "in-force")
    assert "interim leave-event" in walk.ok("anita", "person", "lee").stdout
    to_lee = walk.ok("anita", "draft", case, "--to", "reported").stdout  # lee is told the measure and its terms
    assert "- Leave the event now and not return (event CHAOSScon)" in to_lee and "Sam" not in to_lee
    # lee cannot be found at the event: the reporter hears every day while the committee searches.
    walk.ok("anita", "draft", case, "--to", "reporter", "--kind", "ack", "--sent")
    told = walk.now
    assert walk.due("anita", case)["reporter-update"] == iso(told + timedelta(days=7))
    walk.ok("anita", "searching", case, "--not-found")
    assert walk.due("anita", case)["reporter-update"] == iso(told + timedelta(days=1))
    walk.later(days=1)
    daily = words(walk.ok("anita", "draft", case, "--to", "reporter").stdout)
    assert "We have not found the person you reported at the event yet" in daily and "every day" in daily
    assert "We will write again by 2026-11-18" in daily and "taking longer" not in daily
    walk.ok("anita", "draft", case, "--to", "reporter", "--kind", "update", "--sent")
    told = walk.now
    assert walk.due("anita", case)["reporter-update"] == iso(told + timedelta(days=1))
    walk.ok("anita", "searching", case, "--found")
    assert walk.due("anita", case)["reporter-update"] == iso(told + timedelta(days=7))
    assert "searching for the reported person" in walk.ok("anita", "show", case).stdout
    assert "already says that; nothing changed" in walk.ok("anita", "searching", case, "--found").stderr
    # Law enforcement only at the reporter's request.
    asked = walk.refused("anita", 7, "law-enforcement", case, "--given", "the venue's camera footage")
    assert "only at the reporter's request" in asked
    assert "no law enforcement involvement" in walk.refused("anita", 2, "draft", case, "--to", "community-manager")
    walk.ok("anita", "law-enforcement", case, "--given", "the venue's camera footage", "--reporter-asked")
    assert "camera" not in (walk.clone["anita"].root / "cases" / f"{case}.yaml").read_text()
    message = walk.ok("anita", "draft", case, "--to", "community-manager").stdout
    assert "At the reporter's request, law" in message and "- the venue's camera footage" in message
    assert "recorded a law-enforcement message to the community-manager" in words(
        walk.ok("anita", "draft", case, "--to", "community-manager", "--sent").stderr)
    walk.sync("anita", "mary")
    assert not walk.reads("mary", case)  # not cleared: the police record stays with those who read the case
    assert "awaiting the committee" in walk.refused("anita", 7, "close", case, "--resolution", "lee left")
    walk.ok("anita", "lift", case, "--rationale", "lee left the event")
    walk.ok("anita", "close", case, "--resolution", "lee left the event and did not return")
    assert "is closed: there is no search to record" in walk.refused("anita", 2, "searching", case, "--not-found")


def test_walk_a_reporter_who_prefers_no_further_involvement(walk):
    case = open_case(walk.clone["mary"], "mary", "lee", "--reporter", "Riley", "--reporter-contact", "r@example.org",
                     when=walk.stamp)
    walk.later(hours=2)
    assert "reporter-update" in walk.due("mary", case)
    walk.ok("mary", "draft", case, "--to", "reporter", "--kind", "ack", "--sent")  # the ack still goes out
    walk.ok("mary", "reporter-involvement", case, "--uninvolved", "--note", "wants to move on")
    assert "reporter-update" not in walk.due("mary", case)
    told = walk.refused("mary", 2, "draft", case, "--to", "reporter", "--kind", "update")
    assert "prefers not to be involved any further" in told
    walk.refused("mary", 2, "draft", case, "--to", "reporter", "--kind", "decision", "--sent")
    walk.later(days=2)
    walk.ok("mary", "close", case, "--resolution", "warned")
    assert not {"reporter-outcome", "reporter-update"} & set(walk.due("mary", case))
    # They may ask again: then updates resume.
    walk.ok("mary", "reporter-involvement", case, "--involved")
    assert walk.ok("mary", "draft", case, "--to", "reporter", "--kind", "decision").stdout


def test_walk_off_boarding_six_monthly_question_resignation_and_removal_by_all_members_majority(walk):
    mary = walk.clone["mary"]
    case = open_case(mary, "mary", "lee", when=walk.stamp)
    walk.ok("mary", "grant", case, "--member", "sean")
    walk.ok("mary", "grant", case, "--member", "georg")
    assert "on triage watch" not in walk.ok("mary", "roster", "check").stdout  # not a CHAOSS rule
    # Six months on, every member is asked whether they wish to continue; each answers for themself.
    walk.now = datetime(2027, 5, 21, 9, 0, tzinfo=timezone.utc)
    asked = walk.run("mary", "roster", "check")
    assert asked.exit_code == 1
    assert {line.split("(")[-1].rstrip(")") for line in asked.stdout.splitlines() if "BROKEN" in line} == {
        "mary", "georg", "anita", "sean"}
    assert "only georg can confirm" in walk.refused("mary", 4, "member", "confirm", "georg")
    walk.ok("mary", "member", "confirm", "mary")
    walk.sync("mary", "georg")
    walk.ok("georg", "member", "confirm", "georg")
    walk.sync("georg", "mary")
    still = walk.run("mary", "roster", "check").stdout
    assert "confirm mary" not in still and "confirm georg" not in still and "confirm anita" in still
    # anita does not wish to continue: she resigns, no vote needed, and is off-boarded.
    walk.sync("anita")
    left = walk.ok("anita", "member", "remove", "anita", "--yes")
    assert "off-boarding checklist" in left.stderr
    walk.sync("anita", "mary")
    assert not can_open_index(mary, "anita")

    # sean's removal: proposed by mary, it needs a simple majority of all members (2 of 3 after anita left).
    assert "has not been recorded" in walk.refused("mary", 7, "member", "notice", "sean")
    proposed = words(walk.ok("mary", "member", "remove", "sean", "--yes").stderr)
    assert "1 of 2 signatures" in proposed and "cocctl member approve sean" in proposed
    assert "waits for approvals (1 of 2)" in walk.refused("mary", 7, "member", "notice", "sean")
    walk.sync("mary", "georg", "sean")
    assert "removal of sean waiting: 1 of 2" in words(walk.ok("georg", "member", "list").stderr)
    assert walk.reads("sean", case, clone="georg")  # still a member until the majority signs
    done = walk.ok("georg", "member", "approve", "sean", "--yes").stderr
    assert "removed sean" in done and "off-boarding checklist" in done
    checklist = words(done)
    for resource in ("mailing lists", "private channels", "report documents", "event registration data"):
        assert checklist.index(resource) < checklist.index("only then")
    walk.sync("georg", "mary")
    assert not walk.reads("sean", case, clone="mary") and not can_open_index(mary, "sean")
    # Access is revoked before the email: only now does mary get the draft.
    notice = walk.ok("mary", "member", "notice", "sean").stdout
    assert notice.startswith("Subject: You have been removed from the Example Code of Conduct committee")
    assert "simple majority of all its members" in words(notice) and "already been revoked" in notice
    walk.sync("sean")
    assert walk.run("sean", "show", case).exit_code == 4
    assert walk.run("sean", "amend", case, "--note", "x").exit_code != 0
    members = {m["handle"]: m for m in json.loads(walk.ok("mary", "member", "list", "--json").stdout)}
    assert members["sean"]["left"] and members["anita"]["left"] and not members["georg"]["left"]
    for who in ("mary", "georg"):
        assert walk.ok(who, "verify").exit_code == 0


def test_walk_the_yearly_transparency_report(walk):
    """Totals and types, resolutions including unresolved ones, a generalised description or only a count."""
    mary = walk.clone["mary"]
    described = open_case(mary, "mary", "lee", when=walk.stamp)
    counted = open_case(mary, "mary", "pat", when=walk.stamp)
    unresolved = open_case(mary, "mary", "kim", when=walk.stamp)
    walk.ok("mary", "close", described, "--resolution", "lee was warned",
            "--public-summary", "Unwelcoming language in a chat channel; the person was warned")
    walk.ok("mary", "close", counted, "--resolution", "pat apologised")
    walk.sync("mary", "georg")
    walk.now = datetime(2027, 1, 5, 9, 0, tzinfo=timezone.utc)
    report = walk.ok("mary", "report", "--from", "2026-01-01", "--to", "2026-12-31", "--min-count", "1").stdout
    flat = words(report)
    assert "promoted" in flat  # a place for how the Code was promoted
    assert "3 report(s)" in flat and "Still open" in flat
    assert "Unwelcoming language in a chat channel; the person was warned" in flat
    assert "A report was made." in flat  # a case with no public description is only counted
    for name in ("lee", "pat", "kim", "Riley", "apologised", unresolved):
        assert name not in report
    # georg can read none of them: his report still counts all three from what every member sees.
    theirs = words(walk.ok("georg", "report", "--from", "2026-01-01", "--to", "2026-12-31").stdout)
    assert "3 report(s)" in theirs and "could not be read by the committee member who produced this report" in theirs


# Details of single rules on one archive.

@pytest.fixture
def chaoss(tmp_path):
    return build(tmp_path, "chaoss", ROLES)


def test_a_plan_without_its_response_if_refused_is_refused(chaoss):
    """ "Decide what response to take if the person does not understand ... or refuses" the plan."""
    case = open_case(chaoss, "mary", "lee")
    chaoss.ok("mary", "grant", case, "--member", "georg")
    head = chaoss.head()
    without = chaoss.run("mary", "propose", case, "--violation", "--consequence", PLAN.rsplit(",if-refused", 1)[0],
                         "--rationale", "x")
    assert without.exit_code == 2 and "if-refused" in without.stderr and chaoss.head() == head
    none_yet = chaoss.run("mary", "plan-response", case, "--response", "refused")
    assert none_yet.exit_code == 3 and "no behaviour-modification plan in force" in none_yet.stderr
    bad = chaoss.run("mary", "plan-response", case, "--response", "maybe")
    assert bad.exit_code == 2 and "must be one of accepted, refused, not-understood" in bad.stderr
    other = chaoss.run("mary", "propose", case, "--violation", "--consequence", "other", "--rationale", "x")
    assert other.exit_code == 2 and "description" in other.stderr and chaoss.head() == head


def test_a_case_i_cannot_read_is_surfaced_without_its_content(chaoss):
    escrow = open_case(chaoss, "mary", "Lee Park", "--kind", "escrow")
    envelope = (chaoss.root / "cases" / f"{escrow}.yaml").read_text()
    assert "Lee" not in envelope and "people:" in envelope
    assert not can_decrypt(chaoss, "georg", escrow)
    other = chaoss.run("mary", "open", "--summary", "Unrelated", "--kind", "complaint", "--channel", "email",
                       "--severity", "low", "--reported", "someone else")
    assert other.exit_code == 0 and escrow not in other.stderr
    amended = chaoss.ok("mary", "amend", other.stdout.strip().splitlines()[-1], "--reported", "LEE PARK")
    assert f"case {escrow} (escrowed) names the same person" in amended.stderr


def test_owners_rule_wants_a_secondary_and_person_counts_what_i_cannot_read(chaoss):
    case = open_case(chaoss, "mary", "lee")
    chaoss.ok("mary", "grant", case, "--member", "georg")
    head = chaoss.head()
    alone = chaoss.run("mary", "assign", case, "--primary", "mary")
    assert alone.exit_code == 2 and "secondary owner" in alone.stderr and chaoss.head() == head
    chaoss.ok("mary", "assign", case, "--primary", "mary", "--secondary", "georg")
    assert "1 case(s) you cannot read" not in chaoss.ok("georg", "person", "lee").stdout
    assert "1 case(s) you cannot read may name this person" in chaoss.ok("anita", "person", "lee").stdout
    assert "0 case" not in chaoss.ok("anita", "person", "nobody").stdout


def test_removal_approvals_are_signed_once_each(chaoss):
    chaoss.ok("mary", "member", "remove", "sean", "--yes")
    again = chaoss.run("mary", "member", "approve", "sean", "--yes")
    assert again.exit_code != 0 and "already signed" in again.stderr
    chaoss.ok("georg", "member", "approve", "sean", "--yes")
    chaoss.ok("anita", "member", "approve", "sean", "--yes")
    missing = chaoss.run("mary", "member", "approve", "sean", "--yes")
    assert missing.exit_code != 0 and "no removal" in missing.stderr


def test_removal_email_waits_for_a_readers_reseal(chaoss):
    """The last approver cannot read the case: it stays sealed to the removed member, and so the email waits."""
    case = open_case(chaoss, "mary", "lee")
    chaoss.ok("mary", "grant", case, "--member", "sean")
    chaoss.ok("mary", "member", "remove", "sean", "--yes")
    chaoss.ok("georg", "member", "approve", "sean", "--yes")
    chaoss.ok("anita", "member", "approve", "sean", "--yes")
    assert can_decrypt(chaoss, "sean", case)
    sealed = chaoss.run("georg", "member", "notice", "sean")
    assert sealed.exit_code == 7 and f"1 case(s) are still sealed to sean ({case})" in sealed.stderr
    chaoss.ok("mary", "rekey")
    assert not can_decrypt(chaoss, "sean", case)
    assert json.loads(chaoss.ok("mary", "member", "notice", "sean", "--json").stdout)["member"] == "sean"


def test_settings_signed_with_a_weaker_removal_rule_are_reported(chaoss):
    from cocctl.archive import keys as key_files
    from cocctl.archive import roster as roster_file
    from cocctl.archive.roster import Entry

    # mary signs the same cocctl.yaml but claims removals need one signature.
    roster = roster_file.loads((chaoss.root / "committee.yaml").read_bytes())
    identity = key_files.signing_key(key_files.load(chaoss.keys["mary"]))
    config = (chaoss.root / "cocctl.yaml").read_bytes()
    last = roster.entries[-1]
    entry = roster_file.sign_entry(identity, Entry(
        "01M90000000000000000000000", "2026-11-21T00:00:00Z", "mary", last.id, roster_file.CONFIG,
        config=roster_file.config_hash(config), removal="single"))
    weakened = roster.with_entry(entry)
    assert weakened.removal == "single"
    (chaoss.root / "committee.yaml").write_bytes(roster_file.dumps(weakened))
    git(chaoss.root, "commit", "-q", "-am", "Change the committee's settings")
    report = chaoss.run("mary", "verify", env=at("2026-11-21T01:00:00Z"))
    assert report.exit_code == 1 and "member removal 'single' where cocctl.yaml sets 'majority'" in report.stdout
