"""CHAOSS end to end: conflicts cut access, anonymous and escrowed reports, behaviour plan, simple majority."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.govkit import at, build, can_decrypt, open_case

ROLES = {"mary": ["chair"], "georg": [], "anita": [], "sean": []}
PLAN = ("behaviour-plan:behaviour=greeted the channel with 'hey guys',context=women are underrepresented,"
        "impact=women felt unwelcome,call-in=help us be welcoming,plan=do not use guys for the community"
        ",if-refused=a temporary ban from the chat channels")


@pytest.fixture
def chaoss(tmp_path):
    return build(tmp_path, "chaoss", ROLES)


def test_conflicted_member_never_decrypts_and_majority_decides_a_plan(chaoss):
    case = open_case(chaoss, "mary", "lee", when="2026-11-16T09:00:00Z")
    # Only the member who took the report reads it until others are cleared.
    assert can_decrypt(chaoss, "mary", case) and not can_decrypt(chaoss, "georg", case)
    chaoss.ok("mary", "recuse", case, "--member", "sean")  # no reason asked or stored
    for who in ("georg", "anita"):
        chaoss.ok("mary", "grant", case, "--member", who)
    chaoss.ok("mary", "assign", case, "--primary", "mary", "--secondary", "georg")
    chaoss.ok("georg", "propose", case, "--violation", "--consequence", PLAN, "--rationale", "first report",
              env=at("2026-11-18T09:00:00Z"))
    chaoss.ok("mary", "vote", case, "yes", env=at("2026-11-18T10:00:00Z"))
    early = chaoss.run("mary", "decide", case, env=at("2026-11-18T10:30:00Z"))
    assert early.exit_code == 7 and "quorum not reached" in early.stderr
    chaoss.ok("georg", "vote", case, "yes", env=at("2026-11-18T11:00:00Z"))
    decided = chaoss.ok("mary", "decide", case, env=at("2026-11-18T12:00:00Z"))
    assert "adopted: behaviour-plan" in decided.stderr
    shown = json.loads(chaoss.ok("anita", "show", case, "--json").stdout)
    plan = shown["decisions"][0]["consequences"][0]["params"]
    assert plan["call-in"] == "help us be welcoming" and plan["context"] == "women are underrepresented"
    assert shown["decisions"][0]["tally"]["eligible"] == ["anita", "georg", "mary"]
    assert [e["data"] for e in shown["events"] if e["type"] == "recused"] == [{"member": "sean", "hard": True}]
    # Sean could never read any version of the case file.
    path = f"cases/{case}.yaml"
    revisions = subprocess.run(["git", "log", "--format=%H", "--", path], cwd=chaoss.root,
                               capture_output=True, text=True, check=True).stdout.split()
    assert len(revisions) >= 6
    for revision in revisions:
        blob = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=chaoss.root,
                              capture_output=True, text=True, check=True).stdout
        (chaoss.root / path).write_text(blob)
        assert not can_decrypt(chaoss, "sean", case)
    subprocess.run(["git", "checkout", "--", path], cwd=chaoss.root, check=True)
    head = chaoss.head()
    assert chaoss.run("sean", "vote", case, "yes").exit_code == 4 and chaoss.head() == head


def test_anonymous_report_keeps_no_reporter(chaoss):
    head = chaoss.head()
    bad = chaoss.run("mary", "open", "--summary", "x", "--kind", "anonymous", "--channel", "in-person",
                     "--severity", "low", "--reporter", "Kim")
    assert bad.exit_code == 2 and chaoss.head() == head
    case = open_case(chaoss, "mary", "lee", "--kind", "anonymous")
    shown = json.loads(chaoss.ok("mary", "show", case, "--json").stdout)
    assert shown["kind"] == "anonymous" and shown["reporter"] is None


def test_escrowed_report_is_not_acted_on_and_is_surfaced_by_a_second_report(chaoss):
    escrow = open_case(chaoss, "mary", "Lee Park", "--kind", "escrow", when="2026-11-01T09:00:00Z")
    head = chaoss.head()
    refused = chaoss.run("mary", "propose", escrow, "--violation", "--consequence", "private-warning",
                         "--rationale", "x")
    assert refused.exit_code == 7 and "escrowed" in refused.stderr and chaoss.head() == head
    second = chaoss.run("mary", "open", "--summary", "Again", "--kind", "complaint", "--channel", "email",
                        "--severity", "medium", "--reported", "lee  park")
    assert second.exit_code == 0 and f"case {escrow} (escrowed) names the same person" in second.stderr
    # Nothing goes to the reported person while the report is escrowed.
    quiet = chaoss.run("mary", "draft", escrow, "--to", "reported", "--kind", "update")
    assert quiet.exit_code == 2 and "escrowed" in quiet.stderr
    assert chaoss.run("mary", "draft", escrow, "--to", "reported", "--kind", "update", "--sent").exit_code == 2
    # Release needs its reason: a repeat or a past pattern.
    head = chaoss.head()
    no_reason = chaoss.run("mary", "escrow", "release", escrow)
    assert no_reason.exit_code == 2 and "repeated or a past pattern" in no_reason.stderr and chaoss.head() == head
    assert chaoss.run("mary", "escrow", "release", escrow, "--ground", "repeated").exit_code == 2
    chaoss.ok("mary", "escrow", "release", escrow, "--ground", "repeated", "--reason", "behaviour repeated")
    shown = json.loads(chaoss.ok("mary", "show", escrow, "--json").stdout)
    assert shown["status"] == "open"
    released = [e["data"] for e in shown["events"] if e["type"] == "released"]
    assert released == [{"kind": "complaint", "reason": "behaviour repeated", "ground": "repeated"}]
    again = chaoss.run("mary", "escrow", "release", escrow, "--ground", "pattern", "--reason", "x")
    assert again.exit_code == 7
    other = open_case(chaoss, "mary", "someone else")
    amended = chaoss.ok("mary", "amend", other, "--reported", "LEE PARK")
    assert f"case {escrow} (open) names the same person" in amended.stderr


def test_interim_measure_in_immediate_danger_by_one_responder(chaoss):
    case = open_case(chaoss, "anita", "lee", "--urgent", "--channel", "in-person")
    chaoss.ok("anita", "interim", case, "--consequence", "leave-event:event=CHAOSScon", "--rationale", "groping",
              env=at("2026-11-16T10:00:00Z"))
    shown = json.loads(chaoss.ok("anita", "show", case, "--json").stdout)
    assert shown["decisions"][0]["interim"] is True
    person = chaoss.ok("anita", "person", "lee", env=at("2026-11-16T11:00:00Z")).stdout
    assert "interim leave-event" in person


def test_a_case_i_cannot_read_is_surfaced_without_its_content(chaoss):
    escrow = open_case(chaoss, "mary", "Lee Park", "--kind", "escrow")
    envelope = (chaoss.root / "cases" / f"{escrow}.yaml").read_text()
    assert "Lee" not in envelope and "people:" in envelope
    assert not can_decrypt(chaoss, "georg", escrow)
    second = chaoss.run("georg", "open", "--summary", "Again", "--kind", "complaint", "--channel", "email",
                        "--severity", "medium", "--reported", "@lee park")
    assert second.exit_code == 0
    assert f"a case you cannot read ({escrow}) names the same person; ask its readers: mary" in second.stderr
    other = chaoss.run("georg", "open", "--summary", "Unrelated", "--kind", "complaint", "--channel", "email",
                       "--severity", "low", "--reported", "someone else")
    assert escrow not in other.stderr


def test_index_key_follows_the_roster(chaoss):
    from tests.govkit import can_open_index

    assert can_open_index(chaoss, "sean")
    chaoss.ok("mary", "member", "remove", "sean", "--yes")
    for who in ("georg", "anita"):  # CHAOSS: a simple majority of all members removes
        chaoss.ok(who, "member", "approve", "sean", "--yes")
    assert not can_open_index(chaoss, "sean") and can_open_index(chaoss, "anita")


def test_owners_rule_flags_a_new_case_and_wants_a_secondary(chaoss):
    result = chaoss.run("mary", "open", "--summary", "x", "--kind", "complaint", "--channel", "email",
                        "--severity", "low", "--reported", "lee")
    case = result.stdout.strip().splitlines()[-1]
    assert "has no owner yet" in result.stderr
    chaoss.ok("mary", "grant", case, "--member", "georg")
    head = chaoss.head()
    alone = chaoss.run("mary", "assign", case, "--primary", "mary")
    assert alone.exit_code == 2 and "secondary owner" in alone.stderr and chaoss.head() == head
    chaoss.ok("mary", "assign", case, "--primary", "mary", "--secondary", "georg")
    person = chaoss.ok("georg", "person", "lee").stdout
    assert "1 case(s) you cannot read" not in person
    mine = chaoss.ok("anita", "person", "lee").stdout
    assert "1 case(s) you cannot read may name this person" in mine
    assert "0 case" not in chaoss.ok("anita", "person", "nobody").stdout


def test_removing_a_member_needs_a_simple_majority_of_all_members(chaoss):
    case = open_case(chaoss, "mary", "lee", when="2026-11-16T09:00:00Z")
    for who in ("georg", "anita", "sean"):
        chaoss.ok("mary", "grant", case, "--member", who)
    proposed = chaoss.ok("mary", "member", "remove", "sean", "--yes")
    assert "1 of 3 signatures" in proposed.stderr and "cocctl member approve sean" in proposed.stderr
    assert "removal of sean waiting: 1 of 3" in chaoss.ok("georg", "member", "list").stderr
    assert can_decrypt(chaoss, "sean", case)  # still a member until the majority signs
    again = chaoss.run("mary", "member", "approve", "sean", "--yes")
    assert again.exit_code != 0 and "already signed" in again.stderr
    assert "2 of 3" in chaoss.ok("georg", "member", "approve", "sean", "--yes").stderr
    assert can_decrypt(chaoss, "sean", case)
    done = chaoss.ok("anita", "member", "approve", "sean", "--yes")
    assert "removed sean" in done.stderr and "off-boarding checklist" in done.stderr
    assert not can_decrypt(chaoss, "sean", case)
    members = {m["handle"]: m for m in json.loads(chaoss.ok("mary", "member", "list", "--json").stdout)}
    assert members["sean"]["left"]
    assert chaoss.ok("mary", "verify").exit_code == 0
    missing = chaoss.run("mary", "member", "approve", "sean", "--yes")
    assert missing.exit_code != 0 and "no removal" in missing.stderr


def test_a_member_resigning_needs_no_vote(chaoss):
    chaoss.ok("sean", "member", "remove", "sean", "--yes")
    members = {m["handle"]: m for m in json.loads(chaoss.ok("mary", "member", "list", "--json").stdout)}
    assert members["sean"]["left"]


def test_settings_signed_with_a_weaker_removal_rule_are_reported(chaoss):
    from cocctl.archive import keys as key_files
    from cocctl.archive import roster as roster_file
    from cocctl.archive.roster import Entry
    from tests.conftest import git

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
    report = chaoss.run("mary", "verify")
    assert report.exit_code == 1 and "member removal 'single' where cocctl.yaml sets 'majority'" in report.stdout


def test_a_declared_conflict_is_not_undone_by_one_other_member(chaoss):
    """A conflict is its member's to withdraw, or the committee's by its vote rule; never one other member's."""
    case = open_case(chaoss, "mary", "lee", when="2026-11-16T09:00:00Z")
    for who in ("georg", "anita", "sean"):
        chaoss.ok("mary", "grant", case, "--member", who)
    chaoss.ok("georg", "recuse", case, "--member", "anita")  # recorded for her
    assert not can_decrypt(chaoss, "anita", case)
    one = chaoss.ok("georg", "grant", case, "--member", "anita")
    assert "approval to withdraw anita's conflict is recorded" in one.stderr
    assert not can_decrypt(chaoss, "anita", case)
    again = chaoss.ok("georg", "grant", case, "--member", "anita")
    assert "nothing changed" in again.stderr and not can_decrypt(chaoss, "anita", case)
    # The committee's rule (a majority of those present) withdraws it: a second member's approval.
    chaoss.ok("mary", "grant", case, "--member", "anita")
    assert can_decrypt(chaoss, "anita", case)
    # A member's own soft conflict is theirs to withdraw.
    chaoss.ok("sean", "recuse", case, "--soft")
    chaoss.ok("mary", "grant", case, "--member", "sean")
    refused = chaoss.run("sean", "vote", case, "yes")
    assert "recused yourself from voting" in refused.stderr or refused.exit_code != 0
    chaoss.ok("sean", "grant", case, "--member", "sean")
    shown = json.loads(chaoss.ok("sean", "show", case, "--json").stdout)
    assert "sean" not in shown.get("recused_soft", [])


def test_removal_email_is_drafted_only_after_access_is_revoked(chaoss):
    """ "The vote must pass with a simple majority of all ... members" and access is revoked before the email."""
    case = open_case(chaoss, "mary", "lee")
    chaoss.ok("mary", "grant", case, "--member", "sean")
    assert can_decrypt(chaoss, "sean", case)
    early = chaoss.run("mary", "member", "notice", "sean")
    assert early.exit_code == 7 and "has not been recorded" in early.stderr
    chaoss.ok("mary", "member", "remove", "sean", "--yes")
    waiting = chaoss.run("mary", "member", "notice", "sean")
    assert waiting.exit_code == 7 and "waits for approvals (1 of 3)" in waiting.stderr
    assert can_decrypt(chaoss, "sean", case)
    chaoss.ok("georg", "member", "approve", "sean", "--yes")
    done = chaoss.ok("anita", "member", "approve", "sean", "--yes")
    # anita cannot read the case: it waits for a reader's re-seal, and so does the email.
    assert can_decrypt(chaoss, "sean", case)
    sealed = chaoss.run("georg", "member", "notice", "sean")
    assert sealed.exit_code == 7 and f"1 case(s) are still sealed to sean ({case})" in sealed.stderr
    chaoss.ok("mary", "rekey")
    assert not can_decrypt(chaoss, "sean", case)
    checklist = done.stderr
    assert checklist.index("event registration data") < checklist.index("only then")
    notice = chaoss.ok("mary", "member", "notice", "sean")
    assert notice.stdout.startswith("Subject: You have been removed from the Example Code of Conduct committee")
    assert "simple majority of all its\nmembers" in notice.stdout and "already been revoked" in notice.stdout
    assert json.loads(chaoss.ok("mary", "member", "notice", "sean", "--json").stdout)["member"] == "sean"


def test_a_refused_plan_is_recorded_and_calls_for_re_evaluation(chaoss):
    """ "Decide what response to take if the person does not understand ... or refuses" the plan."""
    case = open_case(chaoss, "mary", "lee", when="2026-11-16T09:00:00Z")
    chaoss.ok("mary", "grant", case, "--member", "georg")
    without = chaoss.run("mary", "propose", case, "--violation", "--consequence", PLAN.rsplit(",if-refused", 1)[0],
                         "--rationale", "x")
    assert without.exit_code == 2 and "if-refused" in without.stderr
    none_yet = chaoss.run("mary", "plan-response", case, "--response", "refused")
    assert none_yet.exit_code == 3 and "no behaviour-modification plan in force" in none_yet.stderr
    chaoss.ok("georg", "propose", case, "--violation", "--consequence", PLAN, "--rationale", "first report")
    for who in ("mary", "georg"):
        chaoss.ok(who, "vote", case, "yes")
    chaoss.ok("mary", "decide", case)
    refused = chaoss.ok("georg", "plan-response", case, "--response", "refused", "--note", "says it is just a word",
                        env=at("2026-11-21T09:00:00Z"))
    assert "re-evaluate: the response decided with the plan: a temporary ban from the chat channels" in refused.stderr
    shown = " ".join(chaoss.ok("mary", "show", case).stdout.split())
    assert "plan of decision 1: refused (2026-11-21); the response decided with the plan: a temporary ban" in shown
    shown = json.loads(chaoss.ok("mary", "show", case, "--json").stdout)
    assert shown["plan_responses"][0]["response"] == "refused"
    assert shown["plan_responses"][0]["note"] == "says it is just a word"
    # The re-evaluation changes the decision through the vote.
    chaoss.ok("georg", "propose", case, "--violation", "--consequence", "channel-restriction:channels=general,period=30d",
              "--rationale", "refused the plan")
    for who in ("mary", "georg"):
        chaoss.ok(who, "vote", case, "yes")
    assert "adopted" in chaoss.ok("mary", "decide", case).stderr
    to_reporter = chaoss.ok("mary", "draft", case, "--to", "reporter", "--kind", "decision").stdout
    assert "was given a behaviour-modification plan: do not use guys for the community" in " ".join(to_reporter.split())
    # The seed's list "is not inclusive": any other action, described.
    chaoss.ok("georg", "propose", case, "--violation", "--consequence", "other:description=refused alcohol at events",
              "--rationale", "pattern")
    bad = chaoss.run("mary", "plan-response", case, "--response", "maybe")
    assert bad.exit_code == 2 and "must be one of accepted, refused, not-understood" in bad.stderr


def test_reporter_who_prefers_no_involvement_gets_no_updates(chaoss):
    """ "Let the reporter know we'll notify them on updates unless they would prefer not to be involved"."""
    case = open_case(chaoss, "mary", "lee", "--reporter", "Riley", "--reporter-contact", "r@example.org",
                     when="2026-11-16T09:00:00Z")
    kinds = lambda: [i["kind"] for i in json.loads(chaoss.ok("mary", "due", "--json",
                                                               env=at("2026-11-17T00:00:00Z")).stdout)["items"]]
    assert "reporter-update" in kinds()
    chaoss.ok("mary", "reporter-involvement", case, "--uninvolved", "--note", "wants to move on",
              env=at("2026-11-16T10:00:00Z"))
    assert "reporter-update" not in kinds()
    assert chaoss.ok("mary", "draft", case, "--to", "reporter", "--kind", "ack").stdout
    refused = chaoss.run("mary", "draft", case, "--to", "reporter", "--kind", "update")
    assert refused.exit_code == 2 and "prefers not to be involved any further" in refused.stderr
    not_sent = chaoss.run("mary", "draft", case, "--to", "reporter", "--kind", "decision", "--sent")
    assert not_sent.exit_code == 2
    chaoss.ok("mary", "close", case, "--resolution", "warned", env=at("2026-11-18T10:00:00Z"))
    items = json.loads(chaoss.ok("mary", "due", "--json", env=at("2026-11-18T11:00:00Z")).stdout)["items"]
    assert "reporter-outcome" not in [i["kind"] for i in items]


def test_law_enforcement_only_at_the_reporters_request_and_shared_with_the_community_manager(chaoss):
    case = open_case(chaoss, "mary", "lee")
    head = chaoss.head()
    unasked = chaoss.run("mary", "law-enforcement", case, "--given", "the screenshots")
    assert unasked.exit_code == 7 and "only at the reporter's request" in unasked.stderr and chaoss.head() == head
    early = chaoss.run("mary", "draft", case, "--to", "community-manager")
    assert early.exit_code == 2 and "no law enforcement involvement" in early.stderr
    chaoss.ok("mary", "law-enforcement", case, "--given", "the screenshots of the threats", "--reporter-asked")
    envelope = (chaoss.root / "cases" / f"{case}.yaml").read_text()
    assert "screenshots" not in envelope  # confidential: only inside the sealed case
    message = chaoss.ok("mary", "draft", case, "--to", "community-manager").stdout
    assert "At the reporter's request, law" in message and "- the screenshots of the threats" in message
    sent = chaoss.ok("mary", "draft", case, "--to", "community-manager", "--sent")
    assert "recorded a law-enforcement message to the community-manager" in sent.stderr
