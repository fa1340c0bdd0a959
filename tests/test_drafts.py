"""`cocctl draft`: messages from the case and policy, the consent gate, and `--sent`."""

from __future__ import annotations

import json

import pytest

NOW = {"COCCTL_NOW": "2026-11-20T11:00:00Z"}
REPORTER_WORDS = ("Quincy", "Zebulon", "qz@example.org", "Wendell")


@pytest.fixture
def rls(make_committee):
    return make_committee("rls")


def open_case(committee, *extra):
    return committee.ok(
        "alice", "open", "--summary", "Quincy Zebulon was mocked by sam in #general", "--kind", "complaint",
        "--channel", "email", "--severity", "medium", "--reported", "sam", "--reporter", "Quincy Zebulon",
        "--reporter-contact", "qz@example.org", "--witness", "Wendell", "--evidence", "Quincy's screenshot of #general",
        "--privacy", "Quincy fears retaliation", "--received-at", "2026-11-20T10:00:00Z", *extra, env=NOW,
    ).stdout.strip()


def draft(committee, case, *args):
    return committee.ok("alice", "draft", case, *args, env=NOW)


def test_acknowledgement_to_the_reporter_follows_the_policy(rls):
    case = open_case(rls)
    result = draft(rls, case, "--to", "reporter")
    assert result.stdout.startswith("To: qz@example.org\nSubject: We received your report (Example")
    assert "Hello Quincy Zebulon," in result.stdout
    assert "within 5 working days, by 2026-11-27 10:00 UTC" in result.stdout
    assert "--kind ack --sent" in result.stderr


def test_draft_to_the_reported_without_consent_holds_nothing_of_the_reporter(rls):
    case = open_case(rls, "--no-consent")
    rls.ok("alice", "close", case, "--resolution", "Warning to sam; no contact with Quincy for 30 days.", env=NOW)
    text = draft(rls, case, "--to", "reported").stdout
    for word in (*REPORTER_WORDS, "mocked", "screenshot", "retaliation"):
        assert word.lower() not in text.lower(), word
    assert "Hello sam," in text and "This incident is confidential" in text
    assert "no contact with the person who reported this for 30 days" in text
    assert "[describe the behaviour in general terms" in text


def test_draft_to_the_reported_with_consent_shares_the_account_but_never_the_identity(rls):
    case = open_case(rls, "--consent")
    text = draft(rls, case, "--to", "reported", "--kind", "decision").stdout
    assert "was mocked by sam in #general" in text and "screenshot of #general" in text
    for word in REPORTER_WORDS + ("retaliation",):
        assert word.lower() not in text.lower(), word


def test_anonymous_reports_get_no_reporter_messages(rls):
    case = rls.ok("alice", "open", "--summary", "slurs at the meetup", "--kind", "anonymous", "--channel",
                  "in-person", "--severity", "high", env=NOW).stdout.strip()
    before = rls.head()
    for args in (("--to", "reporter"), ("--to", "reporter", "--kind", "ack", "--sent")):
        result = rls.run("alice", "draft", case, *args, env=NOW)
        assert result.exit_code == 2 and "anonymous report" in result.stderr
    assert rls.head() == before
    text = draft(rls, case, "--to", "committee", "--kind", "ack").stdout
    assert "Hello all," in text and "First response" not in text


def test_committee_ack_names_nobody(rls):
    case = open_case(rls)
    text = draft(rls, case, "--to", "committee").stdout
    assert "who does NOT have a conflict of interest" in text and case in text
    for word in (*REPORTER_WORDS, "sam", "mocked"):
        assert word not in text


def test_sent_records_one_event_and_answers_the_deadline(rls):
    case = open_case(rls)
    commits = rls.commits()
    rls.ok("alice", "draft", case, "--to", "reporter", "--sent", env=NOW)
    assert rls.commits() == commits + 1
    state = json.loads(rls.ok("alice", "show", case, "--json").stdout)
    assert state["events"][-1]["type"] == "communicated"
    assert state["events"][-1]["data"] == {"to": "reporter", "kind": "ack"}
    kinds = [item["kind"] for item in json.loads(rls.ok("alice", "due", "--json", env=NOW).stdout)["items"]]
    assert kinds == ["decision"]
    # The next reporter message the case needs is now an update.
    assert "An update on your report" in draft(rls, case, "--to", "reporter").stdout


def test_bad_recipient_or_kind(rls):
    case = open_case(rls)
    result = rls.run("alice", "draft", case, "--to", "press")
    assert result.exit_code == 2 and "--to must be one of" in result.stderr
    result = rls.run("alice", "draft", case, "--to", "reported", "--kind", "ack")
    assert result.exit_code == 2 and "no ack message to the reported" in result.stderr


def test_a_community_overrides_a_template(rls):
    case = open_case(rls)
    (rls.root / "templates").mkdir()
    (rls.root / "templates" / "reporter-ack.txt").write_text("Subject: Got it\nThanks $greeting - $community\n")
    assert draft(rls, case, "--to", "reporter").stdout.endswith("Thanks Hello Quincy Zebulon, - Example\n")
    (rls.root / "templates" / "reporter-ack.txt").write_text("Subject: x\n$nonsense\n")
    result = rls.run("alice", "draft", case, "--to", "reporter", env=NOW)
    assert result.exit_code == 2 and "unknown placeholder $nonsense" in result.stderr


def test_decision_draft_carries_strikes_do_not_contact_and_never_the_protected_reporter(rls):
    case = open_case(rls, "--no-consent")
    rls.ok("alice", "decide", case, "--consequence", "strike", "--consequence",
           "do-not-contact:period=30d,protect=Quincy Zebulon", "--rationale", "Quincy was hurt", env=NOW)
    text = draft(rls, case, "--to", "reported").stdout
    for word in REPORTER_WORDS + ("hurt",):
        assert word.lower() not in text.lower(), word
    assert "- A strike\n- Do not contact" in text
    assert "this decision gives you 1 strike(s); you now hold 1. Under our policy, 3 strikes" in text
    assert "you may not contact the person who reported this in any way" in text and "until 2026-12-20" in text
    to_reporter = draft(rls, case, "--to", "reporter", "--kind", "decision").stdout
    assert "The person you reported may not contact you in any way for 30d, until 2026-12-20." in to_reporter
    items = json.loads(rls.ok("alice", "due", "--json", env=NOW).stdout)["items"]
    assert ("sanction-end", "2026-12-20T11:00:00Z") in [(i["kind"], i["at"]) for i in items]
    assert "decision" not in [i["kind"] for i in items]  # the adopted decision met it


def test_behaviour_plan_in_chaoss_form(make_committee):
    chaoss = make_committee("chaoss")
    case = open_case(chaoss, "--consent")
    plan = ("behaviour-plan:behaviour=You greeted people with 'hey guys',context=Women are underrepresented,"
            "impact=Women felt unwelcome,call-in=Help us be welcoming,plan=Do not say guys,"
            "if-refused=removal from the event")
    # Only alice is cleared to read the case; let one responder decide here.
    config = chaoss.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  decisions:\n    default: {rule: single}\n")
    chaoss.ok("alice", "policy", "sign")
    chaoss.ok("alice", "decide", case, "--consequence", plan, "--rationale", "x", env=NOW)
    text = draft(chaoss, case, "--to", "reported").stdout
    assert "- Behaviour: You greeted people with 'hey guys'\n- Context: Women are underrepresented" in text
    assert "- Call in: Help us be welcoming\n- Behaviour-modification plan: Do not say guys" in text
    assert "Quincy" not in text
