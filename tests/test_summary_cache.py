"""The summary cache under $XDG_CACHE_HOME: no plaintext of a case, never stale, survives damage and a second process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocctl.archive.summaries import FORMAT
from tests.conftest import Committee
from tests.test_trust import _sync, clones  # noqa: F401  (the fixture)

NAME = "Zebulon Quartermaine"
SECRETS = (b"Zebulon", b"Quartermaine", b"zebulon", b"quartermaine", b"Ximena", b"ximena@example.org",
           b"Lurid messages")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "cocctl" / "summaries"


def _open(c: Committee, who: str = "alice") -> str:
    result = c.ok(who, "open", "--summary", f"Lurid messages from {NAME}", "--kind", "complaint", "--channel",
                  "email", "--severity", "high", "--reported", NAME, "--reporter", "Ximena",
                  "--reporter-contact", "ximena@example.org", "--received-at", "2026-11-16T08:30:00Z")
    return result.stdout.strip().splitlines()[-1]


def _outputs(c: Committee, who: str = "alice") -> tuple[str, ...]:
    return (c.ok(who, "list", "--json").stdout, c.ok(who, "due", "--json").stdout,
            c.run(None, "due", "--check").stdout, c.ok(who, "person", NAME, "--json").stdout,
            c.ok(who, "report", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json").stdout)


def _files(cache: Path) -> list[Path]:
    return [path for path in cache.rglob("*") if path.is_file()]


def test_the_cache_holds_no_plaintext_of_a_case_and_gives_the_same_answers(committee, cache):
    case = _open(committee)
    cold = _outputs(committee)
    assert NAME in cold[3] and case in cold[0] and case in cold[1]
    files = _files(cache)
    assert any(path.suffix == ".age" for path in files) and any(path.name == "envelopes.json" for path in files)
    for path in files:
        data = path.read_bytes()
        assert not any(secret in data for secret in SECRETS), path
        assert path.stat().st_mode & 0o077 == 0
    assert _outputs(committee) == cold  # warm: from the cache


def test_a_change_merged_from_another_clone_is_seen_at_once(clones, cache):  # noqa: F811
    alice, bob, _, _ = clones
    case = _open(alice)
    _sync(alice, "alice")
    _sync(bob, "bob")
    before = _outputs(alice)
    assert json.loads(before[0])[0]["status"] == "open"
    bob.ok("bob", "close", case, "--resolution", "Warned in private")
    _sync(bob, "bob")
    _sync(alice, "alice")
    listed, due, check, person, report = _outputs(alice)
    assert json.loads(listed)[0]["status"] == "closed"
    # Closing ends the response deadlines and starts the reporter's outcome one, seen with and without a key.
    assert "reporter-outcome" in due and "reporter-outcome" in check
    assert "first-response" not in due and "first-response" not in check
    assert json.loads(person) != json.loads(before[3]) and report != before[4]


def test_a_corrupt_or_truncated_cache_is_rebuilt(committee, cache):
    _open(committee)
    expected = _outputs(committee)
    for path in _files(cache):
        path.write_bytes(b"\x00garbage" if path.suffix == ".age" else b'{"format": %d, "entries": {"x": 5}' % FORMAT)
    assert _outputs(committee) == expected
    for path in _files(cache):
        if path.name == "envelopes.json":
            assert json.loads(path.read_bytes())["format"] == FORMAT
    (cache.parent.parent / "cocctl" / "summaries").mkdir(parents=True, exist_ok=True)
    for path in _files(cache):
        path.write_bytes(b"")
    assert _outputs(committee) == expected


def test_two_processes_at_once_both_answer_and_leave_a_whole_cache(committee, cache):
    for _ in range(3):
        _open(committee)
    command = [sys.executable, "-m", "cocctl", "--archive", str(committee.root), "--identity",
               str(committee.keys["alice"]), "due", "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
            for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0]
    assert json.loads(outputs[0][0]) == json.loads(committee.ok("alice", "due", "--json").stdout)
    assert not [path for path in _files(cache) if path.name.endswith(".tmp")]


def test_a_copied_archive_whose_file_stats_changed_is_cached_too(committee, cache, tmp_path):
    import shutil

    _open(committee)
    copy = Committee(tmp_path / "copy", committee.keys, committee.recipients, committee.runner)
    shutil.copytree(committee.root, copy.root, symlinks=True)  # new inodes: git must re-check the files
    copy.ok("alice", "list", "--json")
    entries = [json.loads(path.read_bytes())["entries"] for path in cache.rglob("envelopes.json")]
    assert [len(found) for found in entries] == [1]


def test_search_reads_each_case_once_then_from_the_cache(committee, cache, monkeypatch):
    from cocctl.service.workspace import Workspace

    cases = {_open(committee) for _ in range(3)}
    loads: list[str] = []
    real = Workspace.open_file  # every decryption goes through it (a cold cache fills in one pass)
    monkeypatch.setattr(Workspace, "open_file", lambda self, found, *a, **k: loads.append(found.case) or
                        real(self, found, *a, **k))
    cold = committee.ok("alice", "search", "quartermaine", "--json").stdout
    assert {found["case"] for found in json.loads(cold)["found"]} == cases and sorted(loads) == sorted(cases)
    for path in _files(cache):
        assert not any(secret in path.read_bytes() for secret in SECRETS), path
    loads.clear()
    assert committee.ok("alice", "search", "quartermaine", "--json").stdout == cold and loads == []  # warm
    committee.ok("alice", "amend", min(cases), "--note", "Zebulon wrote again")
    loads.clear()
    assert "Zebulon wrote again" in committee.ok("alice", "search", "wrote again").stdout
    assert loads == [min(cases)]  # only the changed case is read again
