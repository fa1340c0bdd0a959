"""An archive holding hostile files: validate, list and due --check fail cleanly, within bounds."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from tests.hostile import HOSTILE, SECRET

# The files the issue names; the rest of the corpus is covered by test_yamlio.
NAMES = ("alias-bomb", "deep-brackets", "deep-braces", "recursive-alias", "duplicate-key", "huge-scalar",
         "invalid-utf8", "utf16-bom", "tabs", "nul-bytes", "escape-sequences")
COMMANDS = (("validate",), ("list",), ("due", "--check"))
MEMORY = 1 << 30
LOADER_ERRORS = ("invalid YAML", "not UTF-8", "too large")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _cocctl(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cocctl", "--archive", str(root), *args], capture_output=True,
                          text=True, errors="backslashreplace", timeout=60, preexec_fn=_limit_memory)


@pytest.mark.parametrize("target", ["case", "committee"])
@pytest.mark.parametrize("name", NAMES)
def test_hostile_file_gives_a_clean_one_line_failure(committee, name, target):
    case = committee.open()
    path = committee.root / ("committee.yaml" if target == "committee" else f"cases/{case}.yaml")
    path.write_bytes(HOSTILE[name])
    for command in COMMANDS:
        done = _cocctl(committee.root, *command)
        output = done.stdout + done.stderr
        assert "Traceback" not in output and SECRET not in output and "\x1b" not in output, (command, output)
        if target == "committee" and command != ("validate",):
            continue  # list and due --check read the case files only, not the roster
        assert 0 < done.returncode < 128, (command, done.returncode, output[-2000:])
        errors = [line for line in output.splitlines() if any(word in line for word in LOADER_ERRORS)]
        assert len(errors) == 1 and len(errors[0]) < 300, (command, output)
