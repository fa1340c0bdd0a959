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
