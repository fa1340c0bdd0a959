"""Single-line and multi-line user text: control characters refused with a message that quotes nothing."""

from __future__ import annotations

import pytest

from cocctl.errors import UsageError
from cocctl.text import require_single_line, require_text


@pytest.mark.parametrize("value", ["two\nlines", "tab\there", "esc\x1b[2J", "nul\x00", "bidi\u202e", "c1\x9b"])
def test_single_line_refuses_line_breaks_and_controls(value):
    with pytest.raises(UsageError, match=r"^--reporter must be one line without control characters \(U\+00"
                                          r"|^--reporter must be one line without control characters \(U\+202E") as caught:
        require_single_line(value, "--reporter")
    assert value not in str(caught.value) and "\n" not in str(caught.value)


def test_multi_line_text_keeps_newlines_and_tabs_but_not_escapes():
    assert require_text("line one\n\tline two", "--note") == "line one\n\tline two"
    with pytest.raises(UsageError, match=r"--note must not hold control characters \(U\+001B at character 4\)"):
        require_text("ok \x1b[2J", "--note")
    assert require_single_line("Riley <riley@example.org>", "--reporter") == "Riley <riley@example.org>"


@pytest.mark.parametrize("args", [
    ("open", "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
     "--reported", "sam\nkim"),
    ("open", "--summary", "s\x1b[2J", "--kind", "complaint", "--channel", "email", "--severity", "low"),
])
def test_open_refuses_control_characters(committee, args):
    result = committee.run("alice", *args)
    assert result.exit_code == 2 and "control characters" in result.stderr and "\x1b" not in result.stderr


def test_amend_close_and_propose_refuse_escapes_but_keep_multi_line_notes(committee):
    case = committee.open()
    committee.ok("alice", "amend", case, "--note", "first line\nsecond line")
    for args in (("amend", case, "--note", "x\x1b]0;t\x07"), ("amend", case, "--evidence", "a\nb"),
                 ("close", case, "--resolution", "done\x1b[2J"),
                 ("propose", case, "--violation", "--consequence", "private-warning", "--rationale", "r\x9b")):
        result = committee.run("alice", *args)
        assert result.exit_code == 2 and "control characters" in result.stderr, (args, result.output)
