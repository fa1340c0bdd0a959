"""Output of case, roster and git text: controls shown, Rich markup printed literally, JSON exact."""

from __future__ import annotations

import json

import pytest

from cocctl.render import safe
from cocctl.service import cases

HOSTILE = "hi\x1b]0;pwned\x07\x1b[2J [red]x[/red] \u202eevil"


def test_text_shows_controls_and_escapes_markup():
    assert safe.text(HOSTILE) == "hi\\x1b]0;pwned\\x07\\x1b[2J \\[red]x\\[/red] \\u202eevil"
    assert safe.visible("one\ntwo\tthree\r") == "one\\x0atwo\tthree\\x0d"
    assert safe.visible("one\ntwo", multiline=True) == "one\ntwo"
    assert safe.visible("\x9b\u2066\u2069") == "\\x9b\\u2066\\u2069"


@pytest.fixture
def hostile_case(committee, monkeypatch):
    """A case whose summary, reported person and note hold escape sequences, as another client might write."""
    with monkeypatch.context() as patch:
        patch.setattr(cases, "_check_report_text", lambda report: None)
        patch.setattr(cases, "require_text", lambda value, what: value)
        case = committee.open("alice", "--reported", HOSTILE)
        committee.ok("alice", "amend", case, "--note", HOSTILE, "--summary", HOSTILE)
    return case


@pytest.mark.parametrize("command", [("show", "{case}"), ("log",), ("list",), ("person", HOSTILE)])
def test_no_raw_escape_reaches_the_terminal(committee, hostile_case, command):
    result = committee.ok("alice", *(part.format(case=hostile_case) for part in command))
    output = result.stdout + result.stderr
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    if command[0] in ("show", "log"):
        assert "\\x1b]0;pwned" in output and "[red]x[/red]" in output


def test_json_keeps_the_text_exact(committee, hostile_case):
    state = json.loads(committee.ok("alice", "show", hostile_case, "--json").stdout)
    assert state["summary"] == HOSTILE and state["events"][-2]["data"]["text"] == HOSTILE


def test_errors_show_controls_on_one_line(committee):
    result = committee.run("alice", "show", "2026-no\x1b[2Jsuch-case")
    assert result.exit_code != 0 and "\x1b" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_emoji_codes_in_text_print_as_written(committee):
    case = committee.open()
    committee.ok("alice", "amend", case, "--note", "flagged :fire: by :smile:")
    assert "flagged :fire: by :smile:" in committee.ok("alice", "show", case).stdout
