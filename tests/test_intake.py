"""Reports from email: an .eml file or standard input becomes a case, its body a note, its files evidence."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

from tests.conftest import git

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def report_mail(tmp_path: Path, **extra) -> Path:
    message = EmailMessage()
    message["From"] = "Riley Example <riley@example.org>"
    message["To"] = "conduct@example.org"
    message["Subject"] = extra.get("subject", "Unwelcome DMs from sam")
    message["Date"] = "Mon, 16 Nov 2026 09:30:00 +0100"
    message.set_content(extra.get("body", "sam keeps messaging me after I asked them to stop.\nScreenshots attached."))
    message.add_alternative("<p>sam keeps messaging me</p>", subtype="html")
    message.add_attachment(PNG, maintype="image", subtype="png", filename="dm-1.png")
    message.add_attachment(b"%PDF-1.4\nlog", maintype="application", subtype="pdf", filename="chat log.pdf")
    path = tmp_path / "report.eml"
    path.write_bytes(bytes(message))
    return path


def test_open_from_an_eml_file_takes_subject_sender_date_body_and_files(committee, tmp_path):
    mail = report_mail(tmp_path)
    result = committee.ok("alice", "open", "--from-file", str(mail), "--kind", "complaint", "--severity", "high",
                          "--no-interactive")
    case = result.stdout.strip().splitlines()[-1]
    state = json.loads(committee.ok("bob", "show", case, "--json").stdout)
    assert state["summary"] == "Unwelcome DMs from sam" and state["channel"] == "email"
    assert state["reporter"] == {"name": "Riley Example", "contact": "riley@example.org"}
    assert state["received_at"] == "2026-11-16T08:30:00Z"
    notes = [e["data"]["text"] for e in state["events"] if e["type"] == "note"]
    assert notes == ["sam keeps messaging me after I asked them to stop.\nScreenshots attached."]
    names = [(a["name"], a["media_type"]) for a in state["attachments"]]
    assert names == [("message.eml", "message/rfc822"), ("dm-1.png", "image/png"), ("chat log.pdf", "application/pdf")]
    out = tmp_path / "dm.png"
    committee.ok("carol", "attachment", case, "dm-1.png", "--out", str(out))
    assert out.read_bytes() == PNG
    subjects = git(committee.root, "log", "-2", "--format=%s").splitlines()
    assert subjects == [f"Attach 3 files to case {case}", f"Open case {case}"]
    assert "Riley" not in git(committee.root, "log", "-p", "-2", "--format=%B", "--", "cases/")
    assert committee.status() == ""
    committee.ok(None, "validate")


def test_open_from_standard_input_and_an_html_only_mail(committee, tmp_path):
    raw = (b"From: someone@example.org\nSubject: =?utf-8?q?Harassment_in_=C3=A9vent_chat?=\n"
           b"Date: not a date\nContent-Type: text/html; charset=utf-8\n\n"
           b"<html><body><p>They said <b>awful</b> things.</p><script>x()</script></body></html>\n")
    result = committee.ok("alice", "open", "--from-email", "-", "--kind", "concern", "--severity", "low",
                          "--no-interactive", input=raw.decode())
    case = result.stdout.strip().splitlines()[-1]
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert state["summary"] == "Harassment in évent chat"
    assert state["received_at"] == "2026-11-20T09:00:00Z"  # no readable date: now
    assert [e["data"]["text"] for e in state["events"] if e["type"] == "note"] == ["They said awful things."]


def test_amend_adds_a_follow_up_mail(committee, tmp_path):
    case = committee.open()
    mail = report_mail(tmp_path, body="Another message arrived today.")
    committee.ok("alice", "amend", case, "--from-email", str(mail))
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert "Another message arrived today." in [e["data"]["text"] for e in state["events"] if e["type"] == "note"]
    assert len(state["attachments"]) == 3


def test_malformed_and_hostile_mail_gives_clear_errors_and_changes_nothing(committee, tmp_path):
    head = committee.head()
    cases = {
        "empty.eml": b"",
        "not-mail.eml": b"just some words without any header\n",
        "deep.eml": b"From: a@example.org\nSubject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n"
                    + b"".join(f"--b{i}\nContent-Type: multipart/mixed; boundary=b{i + 1}\n\n".encode()
                               for i in range(60)) + b"text\n",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = committee.run("alice", "open", "--from-email", str(path), "--kind", "concern", "--severity", "low",
                               "--summary", "x", "--no-interactive")
        assert result.exit_code != 0, name
        message = result.output.strip()
        assert message.startswith("cocctl: ") and "\n" not in message and "Traceback" not in message, message
    missing = committee.run("alice", "open", "--from-email", str(tmp_path / "nope.eml"), "--no-interactive")
    assert missing.exit_code != 0 and "no file" in missing.output
    assert committee.head() == head and committee.status() == ""


def test_a_mail_with_a_wrong_charset_and_no_subject_still_opens_with_flags(committee, tmp_path):
    path = tmp_path / "odd.eml"
    path.write_bytes(b"From: =?bogus?q?x?= <a@example.org>\nContent-Type: text/plain; charset=klingon\n\n"
                     b"caf\xe9 \x1b[31mred\n")
    result = committee.ok("alice", "open", "--from-email", str(path), "--summary", "odd mail", "--kind", "concern",
                          "--severity", "low", "--no-interactive")
    case = result.stdout.strip().splitlines()[-1]
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    note = [e["data"]["text"] for e in state["events"] if e["type"] == "note"][0]
    assert "\x1b" not in note and "red" in note
