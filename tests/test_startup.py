"""Single-case commands and --json output keep heavy libraries (and other commands' modules) out of the process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import Committee, git

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


# No schema library, GitPython or Rich (unless the command draws a table) on these paths.
HEAVY = {"jsonschema", "referencing", "attrs", "git", "rich"}
OPEN = ("open", "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
        "--reported", "sam", "--reporter", "Riley")


@pytest.mark.parametrize(("args", "allowed"), [
    (("show", "{case}"), {"rich"}),
    (("show", "{case}", "--json"), set()),
    (("list", "--json"), set()),
    (("amend", "{case}", "--note", "seen again"), set()),
    (OPEN, set()),
])
def test_single_case_commands_leave_heavy_modules_unloaded(committee, args, allowed):
    case = committee.open()
    loaded = _modules(committee, *(arg.format(case=case) for arg in args))
    assert "cocctl.service.cases" in loaded  # the probe ran the command
    heavy = {name for name in loaded if name.split(".")[0] in HEAVY - allowed}
    assert not heavy, sorted(heavy)
    # Only the module that registers the command, so Typer builds only its commands.
    assert {name for name in loaded if name.startswith("cocctl.cli.")} <= {"cocctl.cli.base", "cocctl.cli.cases"}


def test_each_command_is_registered_by_the_modules_listed_for_it():
    """cli.COMMANDS names, for every command and group, each module that registers it (and no other)."""
    probe = """
import json
from importlib import import_module
from cocctl.cli import MODULES
from cocctl.cli.base import app
found = {}
for module in MODULES:
    commands = len(app.registered_commands)
    sizes = {group.name: len(group.typer_instance.registered_commands) for group in app.registered_groups}
    import_module("cocctl.cli." + module)
    for info in app.registered_commands[commands:]:
        found.setdefault(info.name or info.callback.__name__.lower().replace("_", "-"), []).append(module)
    for group in app.registered_groups:
        if len(group.typer_instance.registered_commands) > sizes.get(group.name, 0):
            found.setdefault(group.name, []).append(module)
print(json.dumps(found))
"""
    from cocctl.cli import COMMANDS, MODULES

    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    found = {name: tuple(modules) for name, modules in json.loads(done.stdout).items()}
    assert found == COMMANDS
    assert set(MODULES) == {module for modules in COMMANDS.values() for module in modules}


@pytest.mark.parametrize(("argv", "command"), [
    (["show", "2026-a-b"], "show"),
    (["--identity", "k", "-C", "there", "amend", "x"], "amend"),
    (["--archive=there", "-ik", "member", "list"], "member"),
    (["-i", "show", "list"], "list"),  # "show" is the identity file's name here
    (["--help"], None), (["--version"], None), ([], None), (["--bogus", "show"], None),
])
def test_the_command_is_found_past_the_global_options(argv, command):
    from cocctl.cli import command_of

    assert command_of(argv) == command


def test_help_still_lists_every_command_in_order():
    from typer.testing import CliRunner

    from cocctl.cli import app

    def names(text: str) -> list[str]:
        return [line.split()[0] for line in text.split("Commands:")[1].splitlines() if line.startswith("  ")]

    done = subprocess.run([sys.executable, "-m", "cocctl", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert names(done.stdout) == names(CliRunner().invoke(app, ["--help"]).output)
    assert {"show", "member", "stats"} <= set(names(done.stdout))


def _git_commands(committee: Committee, tmp_path, *args: str) -> list[str]:
    """The git commands (built-ins, children included) one ``cocctl ARGS`` process runs, from GIT_TRACE."""
    trace = tmp_path / "git-trace.txt"
    trace.unlink(missing_ok=True)
    command = [sys.executable, "-m", "cocctl", "--archive", str(committee.root), "--identity",
               str(committee.keys["alice"]), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GIT_TRACE": str(trace)})
    assert done.returncode == 0, done.stderr
    lines = trace.read_text().splitlines() if trace.exists() else []
    return [line.split("trace: built-in: git ", 1)[1] for line in lines if "trace: built-in: git " in line]


def test_a_write_runs_few_git_processes_and_the_pin_follows_it(committee, tmp_path):
    case = committee.open()
    committee.ok("alice", "amend", case, "--note", "first")
    amend = _git_commands(committee, tmp_path, "amend", case, "--note", "seen again")
    # One status (roster, settings and the case file at once) and the commit: HEAD and the pin are read from
    # .git, the pin already follows cocctl's own last commit, and the commit starts no maintenance.
    assert [line.split()[0] for line in amend] == ["status", "commit"], amend
    listed = (committee.root / ".git" / "cocctl" / "roster-pin").read_text().split()
    assert listed[-1] == git(committee.root, "rev-parse", "HEAD").strip()  # the pin, then cocctl's own commits
    opened = _git_commands(committee, tmp_path, *OPEN)
    assert [line.split()[0] for line in opened] == ["status", "add", "commit", "grep"], opened  # grep: same person
    assert _git_commands(committee, tmp_path, "show", case) == []


def test_packed_refs_and_a_commit_made_outside_cocctl_are_read_through_git(committee, tmp_path):
    case = committee.open()
    (committee.root / "notes.txt").write_text("minutes\n")
    git(committee.root, "add", "notes.txt")
    git(committee.root, "commit", "-q", "-m", "minutes")
    git(committee.root, "pack-refs", "--all")  # HEAD's branch now has no loose ref file: git is asked
    amend = [line.split()[0] for line in _git_commands(committee, tmp_path, "amend", case, "--note", "after the minutes")]
    assert "rev-list" in amend and "rev-parse" in amend  # the outside commit is walked, not trusted
    assert committee.ok("alice", "show", case, "--json").stdout.count("after the minutes") == 1
    listed = (committee.root / ".git" / "cocctl" / "roster-pin").read_text().split()
    assert listed[-1] == git(committee.root, "rev-parse", "HEAD").strip()


def test_undoing_cocctls_own_commits_is_not_taken_for_rewritten_history(committee):
    case = committee.open()
    for note in ("one", "two", "three"):
        committee.ok("alice", "amend", case, "--note", note)
    git(committee.root, "reset", "-q", "--hard", "HEAD~3")
    committee.ok("alice", "amend", case, "--note", "instead")
    git(committee.root, "checkout", "-q", "-b", "side", "HEAD~1")
    committee.ok("alice", "amend", case, "--note", "on a side branch")
    git(committee.root, "checkout", "-q", "main")
    committee.ok("alice", "amend", case, "--note", "back on main")
    git(committee.root, "reset", "-q", "--hard", "HEAD~1")
    committee.ok("alice", "amend", case, "--note", "still fine")
    shown = committee.ok("alice", "show", case, "--json").stdout
    assert '"instead"' in shown and '"still fine"' in shown and '"three"' not in shown and '"back on main"' not in shown


def test_a_run_holds_only_its_command_and_a_full_load_puts_the_others_back():
    from cocctl.cli import load

    try:
        assert [info.callback.__name__ for info in load(["-C", "x", "show", "a"]).registered_commands] == ["show"]
        assert load(["member", "list"]).registered_commands  # a group: every top-level command stays
    finally:
        full = load().registered_commands
    names = [info.name or info.callback.__name__ for info in full]
    assert {"show", "amend", "open", "keygen", "stats"} <= set(names) and len(names) == len(set(names))


def test_files_holding_a_token_are_found_by_git_grep_untracked_ones_too(committee, tmp_path):
    from cocctl.archive.repo import Archive

    first = committee.open()
    second = committee.open()
    archive = Archive(committee.root)
    token = (committee.root / "cases" / f"{first}.yaml").read_text().split("people:\n- ")[1][:32]
    assert archive.case_ids_holding([token]) == sorted([first, second])  # both report sam
    (committee.root / "cases" / "2026-stray-file.yaml").write_text(f"people:\n- {token}\n")  # untracked
    (committee.root / "cases" / "notes.yaml").write_text(token)  # not a case id
    assert archive.case_ids_holding([token, "0" * 32]) == sorted([first, second, "2026-stray-file"])
    assert archive.case_ids_holding(["f" * 32]) == [] and archive.case_ids_holding([]) == []
    copy = tmp_path / "copy"  # no git repository: the files are read one by one, with the same answer
    (copy / "cases").mkdir(parents=True)
    for path in (committee.root / "cases").iterdir():
        (copy / "cases" / path.name).write_bytes(path.read_bytes())
    assert Archive(copy).case_ids_holding([token]) == sorted([first, second, "2026-stray-file"])
