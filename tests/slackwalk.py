"""A Slack admin team for the seed walks: one clone of a bare remote per admin, each acting with their own key."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cocctl.cli import app
from tests.conftest import Committee, git
from tests.govkit import at, build


class Team:
    """Admins each working in their own clone; ``sync`` merges through the shared bare remote."""

    def __init__(self, tmp_path: Path, preset: str, roles: dict[str, list[str]]) -> None:
        first = build(tmp_path, preset, roles)
        bare = tmp_path / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
        git(first.root, "remote", "add", "origin", str(bare))
        git(first.root, "push", "-q", "-u", "origin", "main")
        self.clones: dict[str, Committee] = {}
        for handle in roles:
            if handle == next(iter(roles)):
                self.clones[handle] = first
                continue
            dest = tmp_path / f"clone-{handle}"
            result = first.runner.invoke(app, ["--identity", str(first.keys[handle]), "clone", str(bare), str(dest)])
            assert result.exit_code == 0, result.output
            self.clones[handle] = Committee(dest, first.keys, first.recipients, first.runner)
        self.now = "2026-11-02T09:00:00Z"

    def when(self, moment: str) -> None:
        """Move the clock (COCCTL_NOW) to ``moment`` for the following steps."""
        self.now = moment

    def run(self, who: str, *args: str):
        """``cocctl ARGS`` in ``who``'s own clone, with ``who``'s identity, at the current time."""
        return self.clones[who].run(who, *args, env=at(self.now))

    def ok(self, who: str, *args: str):
        result = self.run(who, *args)
        assert result.exit_code == 0, f"{who} {args}: {result.output}"
        return result

    def refused(self, who: str, code: int, message: str, *args: str):
        """Run a command that must fail with ``code`` and ``message``, leaving ``who``'s clone unchanged."""
        head = self.clones[who].head()
        result = self.run(who, *args)
        assert result.exit_code == code and message in result.stderr, f"{who} {args}: {result.output}"
        assert self.clones[who].head() == head and self.clones[who].status() == ""
        return result

    def sync(self, *who: str) -> None:
        """Each named admin syncs in turn (fetch, verify, merge, push)."""
        for handle in who:
            clone = self.clones[handle]
            result = clone.run(handle, "sync", env={**at(self.now), "COCCTL_IDENTITY": str(clone.keys[handle])})
            assert result.exit_code == 0, f"{handle} sync: {result.output}"

    def sync_all(self) -> None:
        """Everyone's work reaches everyone: two rounds of syncs."""
        handles = list(self.clones)
        self.sync(*handles, *handles)

    def open(self, who: str, reported: str, *extra: str) -> str:
        """Open a report about ``reported`` (a complaint by DM unless ``extra`` says otherwise); return its id."""
        if "--kind" not in extra:
            extra = ("--kind", "complaint", *extra)
        if "--channel" not in extra:
            extra = ("--channel", "dm", *extra)
        result = self.ok(who, "open", "--summary", "Hostile messages in a channel", "--severity", "medium",
                         "--reported", reported, "--received-at", self.now, *extra)
        return result.stdout.strip().splitlines()[-1]

    def show(self, who: str, case: str) -> dict:
        return json.loads(self.ok(who, "show", case, "--json").stdout)

    def due(self, who: str, case: str | None = None) -> list[tuple[str, str]]:
        """``due --json`` as (kind, status) pairs, for one case or all."""
        items = json.loads(self.ok(who, "due", "--json").stdout)["items"]
        return [(i["kind"], i["status"]) for i in items if case is None or i["case"] == case]

    def draft(self, who: str, case: str, to: str, *extra: str) -> str:
        """A draft's text, with its lines joined (templates wrap sentences)."""
        return " ".join(self.ok(who, "draft", case, "--to", to, *extra).stdout.split())
