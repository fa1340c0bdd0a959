"""Single-case commands and --json output keep heavy libraries they do not need out of the process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import Committee

PROBE = """
import json, sys
from cocctl.main import main
try:
    main()
except SystemExit:
    pass
finally:
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def _modules(committee: Committee, *args: str) -> set[str]:
    command = [sys.executable, "-c", PROBE, "--archive", str(committee.root), "--identity",
               str(committee.keys["alice"]), *args]
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert done.returncode == 0, done.stderr
    line = [text for text in done.stderr.splitlines() if text.startswith("MODULES ")][-1]
    return set(json.loads(line[len("MODULES "):]))


@pytest.mark.parametrize(("args", "forbidden"), [
    (("show", "{case}"), {"git"}),
    (("list", "--json"), {"git", "rich"}),
    (("amend", "{case}", "--note", "seen again"), {"git", "rich"}),
])
def test_single_case_commands_leave_heavy_modules_unloaded(committee, args, forbidden):
    case = committee.open()
    loaded = _modules(committee, *(arg.format(case=case) for arg in args))
    assert "cocctl.service.cases" in loaded  # the probe ran the command
    assert not forbidden & loaded, sorted(forbidden & loaded)
