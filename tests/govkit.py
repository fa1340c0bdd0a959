"""Helpers for the governance tests: committees with roles, times, pyrage checks."""

from __future__ import annotations

from pathlib import Path

import pyrage
from typer.testing import CliRunner

from cocctl.cli import app
from tests.conftest import Committee, make_key


def build(tmp_path: Path, preset: str, roles: dict[str, list[str]]) -> Committee:
    """A committee whose members (in order) hold the given roles."""
    runner = CliRunner()
    handles = list(roles)
    keys = {h: tmp_path / "keys" / h for h in handles}
    lines = {h: make_key(runner, path) for h, path in keys.items()}
    recipients = {h: line.split()[0] for h, line in lines.items()}
    root = tmp_path / "archive"
    first = handles[0]
    args = ["--identity", str(keys[first]), "init", str(root), "--community", "Example", "--me", first,
            "--preset", preset]
    for role in roles[first]:
        args += ["--role", role]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    committee = Committee(root, keys, recipients, runner)
    for handle in handles[1:]:
        extra = [a for role in roles[handle] for a in ("--role", role)]
        committee.ok(first, "member", "add", handle, "--key", lines[handle], *extra)
    return committee


def at(moment: str) -> dict[str, str]:
    """The environment that sets cocctl's clock."""
    return {"COCCTL_NOW": moment}


def can_decrypt(committee: Committee, handle_or_key, case: str) -> bool:
    """Whether a member's key (or a given secret key) opens the current case file, via pyrage."""
    from ruamel.yaml import YAML

    if isinstance(handle_or_key, str) and handle_or_key.startswith("AGE-SECRET-KEY-1"):
        secret = handle_or_key
    else:
        secret = next(line for line in committee.keys[handle_or_key].read_text().splitlines()
                      if line.startswith("AGE-SECRET-KEY-1"))
    seals = YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())["seals"]
    opened = []
    for seal in seals:
        try:
            pyrage.decrypt(seal["age"].encode(), [pyrage.x25519.Identity.from_str(secret)])
            opened.append(True)
        except pyrage.DecryptError:
            opened.append(False)
    # A current file is readable by a key through every seal, or through none.
    assert all(opened) or not any(opened), f"{case}: the key opens some seals but not others"
    return all(opened)


def open_case(committee: Committee, who: str, reported: str, *extra: str, when: str = "2026-11-16T09:00:00Z") -> str:
    """Open a report about ``reported`` and return its id."""
    if "--kind" not in extra:
        extra = ("--kind", "complaint", *extra)
    result = committee.ok(
        who, "open", "--summary", "Hostile messages in a channel", "--channel", "dm", "--severity", "medium",
        "--reported", reported, *extra, env=at(when),
    )
    return result.stdout.strip().splitlines()[-1]


def can_open_index(committee: Committee, handle: str) -> bool:
    """Whether a member's key opens any copy of the archive's blinded-index key (via pyrage)."""
    secret = next(line for line in committee.keys[handle].read_text().splitlines()
                  if line.startswith("AGE-SECRET-KEY-1"))
    for path in sorted((committee.root / "index").glob("*.age")):
        try:
            pyrage.decrypt(path.read_bytes(), [pyrage.x25519.Identity.from_str(secret)])
        except pyrage.DecryptError:
            continue
        return True
    return False
