"""Shared fixtures: an isolated environment, the CLI runner, and a committee archive."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cocctl.cli import app

HANDLES = ("alice", "bob", "carol")

# Every test runs at this time unless it sets COCCTL_NOW itself, so no test
# depends on the machine's clock (the tests' dates are in late November 2026).
NOW = "2026-11-20T09:00:00Z"


@pytest.fixture(scope="session", autouse=True)
def no_trace_in_system_temp(tmp_path_factory: pytest.TempPathFactory):
    """Remove this run's temporary folders when it ends, so the suite leaves nothing in the system temp folder."""
    yield
    base = tmp_path_factory.getbasetemp()
    shutil.rmtree(base, ignore_errors=True)
    parent = base.parent
    current = parent / "pytest-current"
    if parent.name.startswith("pytest-of-"):
        if current.is_symlink() and not current.exists():
            current.unlink()
        try:
            parent.rmdir()  # only when no other run keeps folders there
        except OSError:
            pass


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test sees the developer's keys, git config, cocctl settings, clock or temp folders."""
    return isolate(tmp_path, monkeypatch)


def isolate(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give the process a fresh home, git config, clock and temp folders under ``folder``; return the home."""
    home = folder / "home"
    home.mkdir()
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[user]\n\tname = Test Runner\n\temail = tests@example.invalid\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("COCCTL_IDENTITY", "COCCTL_ARCHIVE", "COCCTL_NOW", "GIT_DIR", "GIT_WORK_TREE", "EDITOR", "VISUAL",
                 "XDG_RUNTIME_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COCCTL_NOW", NOW)
    # Temporary files stay inside the folder; kept `cocctl edit` buffers go
    # to the cache folder under HOME (no XDG_RUNTIME_DIR here).
    temp = folder / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.chdir(folder)
    return home


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` and return its output."""
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@dataclass
class Committee:
    """An archive with members alice (chair), bob and carol, each with their own key."""

    root: Path
    keys: dict[str, Path]
    recipients: dict[str, str]
    runner: CliRunner = field(default_factory=CliRunner)

    def run(self, who: str | None, *args: str, input: str | None = None, env: dict[str, str] | None = None):
        """Run ``cocctl ARGS`` in the archive as ``who`` (None: no identity given)."""
        prefix = ["--archive", str(self.root)]
        if who is not None:
            prefix += ["--identity", str(self.keys[who])]
        return self.runner.invoke(app, [*prefix, *args], input=input, env=env)

    def ok(self, who: str | None, *args: str, **kwargs):
        """Run and assert success; return the result."""
        result = self.run(who, *args, **kwargs)
        assert result.exit_code == 0, f"{args}: {result.output}"
        return result

    def open(self, who: str = "alice", *extra: str) -> str:
        """Open a complete report and return its case id."""
        result = self.ok(
            who, "open", "--summary", "Unwelcome DMs after being asked to stop", "--kind", "complaint",
            "--channel", "email", "--severity", "high", "--reported", "sam", "--reporter", "Riley",
            "--reporter-contact", "riley@example.org", "--received-at", "2026-11-16T08:30:00Z", *extra,
        )
        return result.stdout.strip().splitlines()[-1]

    def head(self) -> str:
        return git(self.root, "rev-parse", "HEAD").strip()

    def commits(self) -> int:
        return int(git(self.root, "rev-list", "--count", "HEAD"))

    def status(self) -> str:
        return git(self.root, "status", "--porcelain")


def case_metadata(committee: Committee, case: str) -> dict:
    """A case file's plaintext metadata (everything but the seals)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())
    return {key: value for key, value in data.items() if key != "seals"}


def make_key(runner: CliRunner, path: Path) -> str:
    """Create an identity at ``path``; return its public line (age recipient and signing key)."""
    result = runner.invoke(app, ["keygen", "--out", str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def build_committee(folder: Path, preset: str, handles: tuple[str, ...]) -> Committee:
    """Keys for ``handles`` under ``folder / "keys"`` and their archive at ``folder / "archive"``."""
    runner = CliRunner()
    keys = {handle: folder / "keys" / handle for handle in handles}
    lines = {handle: make_key(runner, path) for handle, path in keys.items()}
    recipients = {handle: line.split()[0] for handle, line in lines.items()}
    root = folder / "archive"
    first = handles[0]
    result = runner.invoke(app, ["--identity", str(keys[first]), "init", str(root), "--community", "Example",
                                 "--me", first, "--preset", preset, "--role", "chair"])
    assert result.exit_code == 0, result.output
    committee = Committee(root, keys, recipients, runner)
    for handle in handles[1:]:
        committee.ok(first, "member", "add", handle, "--key", str(keys[handle]) + ".pub")
    return committee


@pytest.fixture(scope="session")
def built_committees(tmp_path_factory: pytest.TempPathFactory):
    """Committees built once per session, per (preset, handles); tests get copies.

    Keygen (scrypt) and git make a committee slow to build, and every build at
    the fixed clock gives the same archive, so one build serves every test.
    """
    built: dict[tuple[str, tuple[str, ...]], Committee] = {}

    def get(preset: str, handles: tuple[str, ...]) -> Committee:
        key = (preset, tuple(handles))
        if key not in built:
            folder = tmp_path_factory.mktemp(f"committee-{preset}")
            with pytest.MonkeyPatch.context() as monkeypatch:  # the test's own environment comes back after
                isolate(folder, monkeypatch)
                built[key] = build_committee(folder, preset, key[1])
        return built[key]

    return get


@pytest.fixture
def make_committee(tmp_path: Path, built_committees):
    """Factory: a committee archive with a given preset, a private copy for this test."""

    def build(preset: str = "contributor-covenant", handles: tuple[str, ...] = HANDLES) -> Committee:
        source = built_committees(preset, handles)
        root, keys = tmp_path / "archive", tmp_path / "keys"
        # copytree copies modes too: the key files stay 0600.
        shutil.copytree(source.root, root, symlinks=True)
        shutil.copytree(source.root.parent / "keys", keys, symlinks=True)
        return Committee(root, {handle: keys / path.name for handle, path in source.keys.items()},
                         dict(source.recipients), CliRunner())

    return build


@pytest.fixture
def committee(make_committee) -> Committee:
    """The default committee archive (committee access)."""
    return make_committee()
