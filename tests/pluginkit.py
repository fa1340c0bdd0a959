"""The test plugin age-plugin-softkey on PATH, and counts of its runs."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE = Path(__file__).with_name("softkey_plugin.py")


@dataclass
class Softkey:
    """The installed plugin: its bin folder, run log, and a way to make keys."""

    bin: Path
    log: Path

    def generate(self) -> tuple[str, str, str]:
        """A new key: (the identity file's text, its identity line, its recipient)."""
        text = subprocess.run([str(self.bin / "age-plugin-softkey"), "--generate"], capture_output=True, text=True,
                              check=True).stdout
        identity = next(line for line in text.splitlines() if line.startswith("AGE-PLUGIN-SOFTKEY-1"))
        recipient = text.split("Recipient: ", 1)[1].split()[0]
        return text, identity, recipient

    def runs(self, machine: str | None = None) -> int:
        """How many times the plugin started (for one state machine, or all)."""
        lines = self.log.read_text().splitlines() if self.log.exists() else []
        return sum(1 for line in lines if machine is None or line == f"--age-plugin={machine}")

    def reset(self) -> None:
        self.log.unlink(missing_ok=True)


def install(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Softkey:
    """Put age-plugin-softkey (run by this interpreter) first on PATH."""
    bin_dir = folder / "plugin-bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "age-plugin-softkey"
    wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} {SOURCE} \"$@\"\n")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    log = folder / "plugin-runs"
    monkeypatch.setenv("SOFTKEY_LOG", str(log))
    return Softkey(bin_dir, log)
