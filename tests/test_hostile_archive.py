"""An archive holding hostile files: validate, list, due --check, verify and log fail cleanly, within bounds.

Each hostile file is committed (so verify and log meet it in history) as a
case file and as committee.yaml; the five commands run in one subprocess
with a 1 GiB address-space limit, and the test asserts that the process
finished in time, never crashed, stayed under 200 MB of memory (its peak
resident size) and printed no traceback, secret or escape sequence.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import git
from tests.hostile import HOSTILE, SECRET

COMMANDS = (("validate",), ("list",), ("due", "--check"), ("verify",), ("log",))
# The commands that read every case file and so must report the loader's error.
READERS = (("validate",), ("list",), ("due", "--check"))
ADDRESS_SPACE = 1 << 30
PEAK_MEMORY = 200 * 1024 * 1024
TIME_LIMIT = 60
LOADER_ERRORS = ("invalid YAML", "not UTF-8", "too large", "symbolic link", "not a regular file")
DRIVER = Path(__file__).with_name("hostile_driver.py")
# Files that are not YAML at all: links git stores and checks out as links.
SYMLINKS = {"symlink-to-dev-zero": "/dev/zero", "symlink-to-the-identity": "{identity}"}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _run(root: Path, out: Path) -> tuple[int, int]:
    """Run COMMANDS in one child process; return its exit status and its own peak resident memory (bytes).

    os.wait4 reports the resources of exactly that child, not of every
    process the test run started.
    """
    child = subprocess.Popen([sys.executable, str(DRIVER), str(root), json.dumps(COMMANDS), str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_limit_memory)
    deadline = time.monotonic() + TIME_LIMIT
    while True:
        done, status, usage = os.wait4(child.pid, os.WNOHANG)
        if done:
            child.returncode = os.waitstatus_to_exitcode(status)
            return child.returncode, usage.ru_maxrss * 1024
        if time.monotonic() > deadline:
            child.kill()
            child.wait()
            pytest.fail(f"the commands took longer than {TIME_LIMIT} s")
        time.sleep(0.05)


@pytest.mark.parametrize("target", ["case", "committee"])
@pytest.mark.parametrize("name", [*HOSTILE, *SYMLINKS])
def test_hostile_file_fails_cleanly_within_time_and_memory(committee, tmp_path, name, target):
    case = committee.open()
    path = committee.root / ("committee.yaml" if target == "committee" else f"cases/{case}.yaml")
    path.unlink()
    if name in SYMLINKS:
        path.symlink_to(SYMLINKS[name].format(identity=committee.keys["alice"]))
    else:
        path.write_bytes(HOSTILE[name])
    git(committee.root, "add", "--all")
    git(committee.root, "commit", "-q", "--no-verify", "-m", "Hostile")
    out = tmp_path / "outcomes.json"
    status, peak = _run(committee.root, out)
    assert status == 0, f"the commands crashed (exit status {status})"
    assert peak < PEAK_MEMORY, f"peak memory {peak // (1024 * 1024)} MB"
    outcomes = json.loads(out.read_text())
    assert len(outcomes) == len(COMMANDS)
    for outcome in outcomes:
        command, output = tuple(outcome["command"]), outcome["stdout"] + outcome["stderr"]
        assert not outcome["crash"], (command, outcome["crash"], output[-2000:])
        assert 0 <= outcome["code"] < 128, (command, outcome["code"], output[-2000:])
        assert "Traceback" not in output and SECRET not in output and "\x1b" not in output, (command, output)
        assert outcome["seconds"] < 20, (command, outcome["seconds"])
        if command == ("validate",):
            assert outcome["code"] == 1, output
        if target == "case" and command in READERS:
            errors = [line for line in output.splitlines() if any(word in line for word in LOADER_ERRORS)]
            assert outcome["code"] != 0 and len(errors) == 1 and len(errors[0]) < 400, (command, output)
