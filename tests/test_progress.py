"""Bulk work draws a progress bar on a terminal's stderr, and nothing when stderr is not a terminal or with --json."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from tests.conftest import Committee


def on_terminal(committee: Committee, who: str | None, *args: str) -> tuple[int, str, str]:
    """Run cocctl with stderr on a pseudo-terminal; return the exit code, stdout and what the terminal showed."""
    prefix = ["--archive", str(committee.root)] + (["--identity", str(committee.keys[who])] if who else [])
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cocctl", *prefix, *args], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=child)
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal's other end closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    stdout = process.stdout.read().decode() if process.stdout else ""
    return process.wait(), stdout, shown.decode("utf-8", "replace")


def test_off_boarding_rekey_and_verify_show_progress_on_a_terminal_only(committee):
    for _ in range(3):
        committee.open()
    code, _, shown = on_terminal(committee, "alice", "verify", "--full")
    assert code == 0 and "verify: checking commits" in shown
    code, out, shown = on_terminal(committee, "alice", "verify", "--full", "--json")
    assert code == 0 and json.loads(out)["full"] and "checking commits" not in shown
    code, _, shown = on_terminal(committee, "alice", "rekey", "--check")
    assert code == 0 and "rekey: reading cases" in shown and "rekey: re-sealing cases" in shown
    code, _, shown = on_terminal(committee, "alice", "member", "remove", "carol", "--yes")
    assert code == 0 and "off-boarding: re-sealing cases" in shown and "removed carol; re-sealed 3" in shown
    plain = committee.ok("alice", "verify", "--full")  # not a terminal: the output only
    assert "checking commits" not in plain.output
    removed = committee.ok("alice", "member", "remove", "bob", "--yes")
    assert "re-sealing" not in removed.output and "removed bob; re-sealed 3 case(s)" in removed.stderr


def test_a_cold_summary_cache_shows_its_progress_and_a_warm_one_nothing(committee):
    cases = sorted(committee.open() for _ in range(3))
    code, out, shown = on_terminal(committee, "alice", "list")
    assert code == 0 and "list: building the summary cache" in shown
    assert [line.split()[0] for line in out.splitlines()] == ["case", *cases]
    code, _, shown = on_terminal(committee, "alice", "list")
    assert code == 0 and "summary cache" not in shown
    code, _, shown = on_terminal(committee, "alice", "due")  # list kept no events: due decrypts each case once
    assert code == 0 and "due: building the summary cache" in shown
    code, _, shown = on_terminal(committee, "alice", "due")
    assert code == 0 and "summary cache" not in shown


def test_list_and_due_off_a_terminal_are_plain_aligned_columns_with_whole_values(committee):
    cases = sorted(committee.open() for _ in range(3))
    lines = committee.ok("alice", "list").stdout.splitlines()
    assert lines[0].split() == ["case", "status", "opened", "updated", "readers", "you"]
    starts = {line.index("open ") for line in lines[1:]}
    assert len(starts) == 1 and lines[0].index("status") in starts  # one column, under its header
    assert [line.split("  ")[0].strip() for line in lines[1:]] == cases
    assert all(line.endswith("can read") and "…" not in line for line in lines[1:])
    due = committee.ok("alice", "due").stdout.splitlines()
    assert due[0].split() == ["case", "deadline", "due", "owner"] and "…" not in "".join(due)
    assert all(line == line.rstrip() for line in due)
