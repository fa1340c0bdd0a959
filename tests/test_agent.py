"""The agent: one passphrase entry for a day's commands and a merge, and nothing left behind."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cocctl.archive import agent
from cocctl.cli import app

from .conftest import Committee, git

PASSPHRASE = "correct horse battery"
pytestmark = pytest.mark.skipif(not hasattr(socket, "SO_PEERCRED"), reason="the agent needs Linux peer credentials")


class Dana:
    """A member with a passphrase-protected key who runs cocctl as real processes."""

    def __init__(self, key: Path, root: Path, folder: Path) -> None:
        self.key, self.root, self.folder = key, root, folder
        self.pids: list[int] = []
        script = folder / "askpass"
        script.write_text(f"#!/bin/sh\necho asked >> {folder / 'asked'}\nprintf '%s\\n' \"$ANSWER\"\n")
        script.chmod(0o700)
        self.askpass = script

    def run(self, *args: str, answer: str = PASSPHRASE, cwd: Path | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "COCCTL_ASKPASS": str(self.askpass), "ANSWER": answer,
               "COCCTL_IDENTITY": str(self.key), "COCCTL_NOW": "2026-11-20T10:00:00Z"}
        return subprocess.run([sys.executable, "-m", "cocctl", *args], cwd=cwd or self.root, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)

    def ok(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        result = self.run(*args, **kwargs)
        assert result.returncode == 0, f"{args}: {result.stderr}"
        return result

    def unlock(self, duration: str = "5m") -> int:
        status = json.loads(self.ok("unlock", "--for", duration, "--json").stdout)
        self.pids.append(status["pid"])
        return status["pid"]

    @property
    def asked(self) -> int:
        path = self.folder / "asked"
        return len(path.read_text().splitlines()) if path.exists() else 0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"


@pytest.fixture
def dana(committee: Committee, tmp_path: Path):
    """dana (passphrase-protected age key) joins, with a clone of the committee's remote."""
    key = tmp_path / "dana-key"
    made = committee.runner.invoke(app, ["keygen", "--out", str(key), "--passphrase", "--work-factor", "10"],
                                   input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert made.exit_code == 0, made.output
    committee.ok("alice", "member", "add", "dana", "--key", str(key) + ".pub")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git(committee.root, "remote", "add", "origin", str(bare))
    git(committee.root, "push", "-q", "-u", "origin", "main")
    folder = tmp_path / "dana"
    folder.mkdir()
    member = Dana(key, tmp_path / "clone-dana", folder)
    member.ok("clone", str(bare), str(member.root), cwd=tmp_path)
    assert member.asked == 0  # cloning needs no key
    yield member
    # Whatever a test did, no agent outlives it.
    for pid in member.pids:
        if alive(pid):
            os.kill(pid, signal.SIGTERM)
            pytest.fail(f"an agent (pid {pid}) was still running after the test")


def open_case(member: Dana) -> str:
    result = member.ok("open", "--summary", "Slurs in the project chat", "--kind", "complaint", "--channel", "email",
                       "--severity", "high", "--reported", "sam", "--reporter", "Riley",
                       "--reporter-contact", "riley@example.org", "--received-at", "2026-11-16T08:30:00Z")
    return result.stdout.strip().splitlines()[-1]


def test_one_passphrase_entry_serves_a_sequence_of_commands_and_a_merge(committee, dana):
    # Without the agent, every command asks.
    dana.ok("whoami")
    dana.ok("whoami")
    assert dana.asked == 2

    pid = dana.unlock()
    assert dana.asked == 3 and alive(pid)
    case = open_case(dana)
    dana.ok("amend", case, "--note", "Screenshots received")
    assert "Screenshots received" in dana.ok("show", case).stdout
    dana.ok("sync")
    # alice amends the same case and pushes; dana amends it too: the sync merges the case file.
    committee.ok("alice", "sync", env={"COCCTL_NOW": "2026-11-20T10:00:00Z"})
    committee.ok("alice", "amend", case, "--note", "Talked to the reporter", env={"COCCTL_NOW": "2026-11-20T10:05:00Z"})
    committee.ok("alice", "sync", env={"COCCTL_NOW": "2026-11-20T10:05:00Z"})
    dana.ok("amend", case, "--note", "Asked the moderators")
    synced = dana.ok("sync")
    merge = git(dana.root, "log", "--merges", "--format=%H", "-1").strip()
    assert merge, synced.stdout
    # The merge driver, run by git without a terminal, read the case through the agent:
    # it recomputed the metadata instead of marking the file for a reader's re-seal.
    merged = YAML(typ="safe").load(git(dana.root, "show", f"{merge}:cases/{case}.yaml"))
    assert not merged.get("reseal") and len(merged["seals"]) == 4
    shown = dana.ok("show", case).stdout
    assert "Talked to the reporter" in shown and "Asked the moderators" in shown
    whoami = dana.ok("whoami").stdout
    assert "held by the agent" in whoami and "agent: unlocked for another" in whoami
    assert dana.asked == 3

    assert "locked" in dana.ok("lock").stderr
    assert not alive(pid)
    assert list(agent_folder(dana).iterdir()) == []
    dana.ok("show", case)
    assert dana.asked == 4


def agent_folder(member: Dana) -> Path:
    return Path(os.environ["HOME"]) / ".cache" / "cocctl" / "agent"


def test_the_agent_stops_when_its_time_runs_out(dana):
    pid = dana.unlock("1s")
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid)
    assert list(agent_folder(dana).iterdir()) == []
    dana.ok("whoami")
    assert dana.asked == 2


def test_a_wrong_passphrase_starts_no_agent(dana):
    result = dana.run("unlock", answer="wrong")
    assert result.returncode == 5 and "wrong passphrase" in result.stderr
    assert list(agent_folder(dana).iterdir()) == []
    assert "no agent" in dana.ok("lock").stderr


def test_an_unprotected_key_has_nothing_to_unlock(committee, dana):
    result = dana.run("--identity", str(committee.keys["alice"]), "unlock")
    assert result.returncode == 2 and "not passphrase-protected" in result.stderr


def test_the_key_never_reaches_the_disk_and_the_agent_signs_only_cocctl_statements(dana, tmp_path):
    from cocctl.archive import keys

    secret = keys.load(dana.key, lambda _: PASSPHRASE, agent=False)[0]
    pid = dana.unlock()
    dana.ok("whoami")
    # The decrypted identity is nowhere on disk under the test's folders (HOME, caches, sockets).
    needle = str(secret).encode()
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert needle not in path.read_bytes(), path
    client = agent.Client(dana.key)
    assert client.connect()
    with pytest.raises(Exception, match="signs cocctl statements only"):
        client.request("sign", message=agent.b64(b"SSHSIG\x00\x00\x00\x03git"))
    with pytest.raises(Exception, match="unsupported request"):
        client.request("export")
    held = client.request("hello", file=agent.file_digest(dana.key.read_bytes()))
    assert held["holds"] and "AGE-SECRET-KEY" not in json.dumps(held)
    client.close()
    # Its memory never goes to a core file either.
    limits = Path(f"/proc/{pid}/limits").read_text().splitlines()
    assert next(line for line in limits if line.startswith("Max core file size")).split()[4:6] == ["0", "0"]
    dana.ok("lock")


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to act as another user")
def test_another_user_gets_no_answer_even_through_an_open_socket(dana):
    dana.unlock()
    path = agent.socket_path(dana.key)
    folder = path.parent
    folder.chmod(0o711)
    path.chmod(0o666)
    # The other user reaches the socket through an open descriptor of its folder
    # (the test's parent folders are closed to them).
    code = (
        "import os, socket, sys\n"
        "os.setgid(65534); os.setuid(65534)\n"
        "s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(sys.argv[1])\n"
        "try:\n"
        "    s.sendall(b'{\"op\": \"hello\", \"file\": \"\"}\\n')\n"
        "    sys.stdout.write(repr(s.recv(100)))\n"
        "except (BrokenPipeError, ConnectionResetError):\n"
        "    sys.stdout.write('closed')\n"
    )
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        other = subprocess.run([sys.executable, "-c", code, f"/proc/self/fd/{descriptor}/{path.name}"],
                               capture_output=True, text=True, timeout=30, pass_fds=(descriptor,))
    finally:
        os.close(descriptor)
        folder.chmod(0o700)
        path.chmod(0o600)
    assert other.stdout in ("b''", "closed"), other.stderr
    dana.ok("lock")
