"""Documentation stays true: help text everywhere, and the README's quick start is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from cocctl.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands(group, prefix: str = "") -> list:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if hasattr(command, "commands"):
            found += _commands(command, prefix + name + " ")
    return found


def test_every_command_and_option_has_help_text():
    root = typer.main.get_command(app)
    missing = []
    for name, command in _commands(root):
        if command.hidden:
            continue
        if not (command.help or "").strip():
            missing.append(name)
        for parameter in command.params:
            if parameter.param_type_name == "option" and not parameter.hidden and not (parameter.help or "").strip():
                missing.append(f"{name} {parameter.opts[0]}")
    assert missing == []


def quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_readme_quick_start_is_two_commands_demo_then_tests():
    commands = quick_start()
    assert len(commands) == 2 and all("\n" not in command for command in commands)
    assert commands[0].endswith("cocctl demo")
    assert "pytest" in commands[1] and "[test]" in commands[1]


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    assert quick_start()[1] in script.splitlines()


def test_version_matches_the_package_metadata():
    import tomllib

    from cocctl import __version__

    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"] == __version__
