"""Issue 10's classes of bad input, each a clean one-line error with nothing changed (or a refusal at the boundary).

The hostile archive files (alias bombs, deep nesting, ...) are in
test_hostile_archive.py, the leak shapes in test_guard.py, escape sequences
in test_render_safe.py and the edit buffer's signals in test_edit.py.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading

import pytest

from cocctl.archive import lock, repo
from cocctl.cli import app
from tests.conftest import git
from tests.hostile import HOSTILE, SECRET

REPORT = "summary: s\nkind: complaint\nchannel: email\nseverity: low\n"


def _one_line(result) -> str:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("name", ["alias-bomb", "recursive-alias", "deep-brackets", "duplicate-key"])
def test_a_hostile_from_file_is_refused_quickly(committee, tmp_path, name):
    report = tmp_path / "report.yaml"
    report.write_bytes(HOSTILE[name])
    head = committee.head()
    result = committee.run("alice", "open", "--from-file", str(report))
    assert result.exit_code == 2 and "is not valid YAML" in _one_line(result)
    assert SECRET not in result.output and committee.head() == head


def test_reported_as_a_number_is_refused(committee, tmp_path):
    report = tmp_path / "report.yaml"
    report.write_text(REPORT + "reported: 5\n")
    head = committee.head()
    result = committee.run("alice", "open", "--from-file", str(report))
    assert result.exit_code == 2 and "reported must be a name or a list of names" in _one_line(result)
    assert committee.head() == head


def test_one_reported_name_is_one_person_not_its_letters(committee, tmp_path):
    report = tmp_path / "report.yaml"
    report.write_text(REPORT + "reported: samuel\n")
    case = committee.ok("alice", "open", "--from-file", str(report)).stdout.strip().splitlines()[-1]
    import json

    assert json.loads(committee.ok("alice", "show", case, "--json").stdout)["reported"] == ["samuel"]


def test_a_note_that_is_not_utf8_is_refused(committee):
    case = committee.open()
    head = committee.head()
    # The command line hands Python bytes that are not UTF-8 as surrogate escapes.
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"cocctl", b"--archive", os.fsencode(committee.root),
                           b"--identity", os.fsencode(committee.keys["alice"]), b"amend", case.encode(),
                           b"--note", b"called \xff\xfe back"], capture_output=True, timeout=60)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2 and "Traceback" not in stderr, stderr
    assert stderr.strip() == "cocctl: --note is not valid UTF-8 text (a byte that is not UTF-8 at character 8); " \
                             "check your terminal's encoding"
    assert committee.head() == head


def test_an_identity_that_is_a_folder_is_refused(committee, tmp_path):
    folder = tmp_path / "keys-folder"
    folder.mkdir(mode=0o700)
    result = committee.runner.invoke(app, ["--archive", str(committee.root), "--identity", str(folder), "whoami"])
    assert result.exit_code == 5 and f"{folder} is a folder" in _one_line(result)


def test_an_identity_that_is_a_fifo_does_not_hang(committee, tmp_path):
    fifo = tmp_path / "identity.fifo"
    os.mkfifo(fifo, 0o600)
    done = subprocess.run([sys.executable, "-m", "cocctl", "--archive", str(committee.root), "--identity", str(fifo),
                           "whoami"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 5 and done.stderr.strip() == (
        f"cocctl: {fifo} is not a regular file; point --identity / COCCTL_IDENTITY at your key file")


class _ReadOnlyOs:
    """The os module as a read-only file system shows it to the lock: creating a file fails with EROFS."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def open(path, flags, mode=0o777):
        raise OSError(errno.EROFS, "Read-only file system", str(path))


def test_a_write_on_a_read_only_file_system_is_a_clean_error(committee, monkeypatch):
    case = committee.open()
    head, before = committee.head(), (committee.root / "cases" / f"{case}.yaml").read_bytes()
    monkeypatch.setattr(lock, "os", _ReadOnlyOs())
    result = committee.run("alice", "amend", case, "--note", "x")
    assert result.exit_code == 7
    assert _one_line(result) == (f"cocctl: cannot write to this archive (Read-only file system: "
                                 f"{committee.root / '.git' / 'cocctl.lock'}); nothing was changed. "
                                 "Run cocctl where you may write to the archive")
    assert committee.head() == head and (committee.root / "cases" / f"{case}.yaml").read_bytes() == before


def test_a_lock_file_that_cannot_be_created_is_a_clean_error(committee):
    case = committee.open()
    (committee.root / ".git" / "cocctl.lock").unlink(missing_ok=True)
    (committee.root / ".git" / "cocctl.lock").mkdir()
    result = committee.run("alice", "amend", case, "--note", "x")
    assert result.exit_code == 7 and "cannot write to this archive (Is a directory" in _one_line(result)


def _full_disk_after(monkeypatch, writes: int) -> None:
    """Let ``writes`` atomic writes through, then fail every later one as a full disk does."""
    real = repo.write_atomic
    count = {"n": 0}
    guard = threading.Lock()

    def write(path, data, *args, **kwargs):
        with guard:
            count["n"] += 1
            if count["n"] > writes:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data, *args, **kwargs)

    monkeypatch.setattr(repo, "write_atomic", write)


def test_a_full_disk_while_writing_leaves_the_case_as_it_was(committee, monkeypatch):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    head, before = committee.head(), path.read_bytes()
    _full_disk_after(monkeypatch, 1)  # the commit's journal is written, the case file is not
    result = committee.run("alice", "amend", case, "--note", "x")
    assert result.exit_code == 1
    assert _one_line(result) == f"cocctl: could not write {case}.yaml (No space left on device); nothing was committed"
    assert committee.head() == head and path.read_bytes() == before and committee.status() == ""


def test_a_full_disk_during_rollback_says_what_to_restore(committee, monkeypatch):
    case = committee.open()
    path = committee.root / "cases" / f"{case}.yaml"
    head, before = committee.head(), path.read_bytes()
    hook = committee.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o700)
    _full_disk_after(monkeypatch, 2)  # the journal and the case file are written, the commit fails, putting it back fails
    result = committee.run("alice", "amend", case, "--note", "x")
    assert result.exit_code == 8
    line = _one_line(result)
    assert line.endswith(f"; 1 file(s) could not be put back as they were: once there is room, the next cocctl "
                         f"write puts them back (or run 'git checkout -- cases/{case}.yaml')"), line
    assert committee.head() == head and path.read_bytes() != before
    monkeypatch.undo()  # there is room again
    hook.unlink()
    committee.ok("alice", "amend", case, "--note", "y")
    assert committee.commits() == 1 + int(git(committee.root, "rev-list", "--count", head).strip())
    assert committee.status() == ""


def test_a_handle_with_a_trailing_newline_is_refused(committee):
    before = (committee.root / "committee.yaml").read_bytes()
    result = committee.run("alice", "member", "add", "eve\n", "--key", str(committee.keys["bob"]) + ".pub")
    assert result.exit_code == 2 and "is not a valid handle" in _one_line(result)
    assert (committee.root / "committee.yaml").read_bytes() == before


@pytest.mark.parametrize("community", ["Example\nCommunity", "Example\x1b[2J", "Example\u202e"])
def test_a_community_name_with_a_newline_or_control_is_refused(committee, tmp_path, community):
    result = committee.run("alice", "init", str(tmp_path / "new"), "--community", community, "--me", "alice")
    assert result.exit_code == 2 and "\x1b" not in result.stderr
    _one_line(result)
    assert not (tmp_path / "new" / "cocctl.yaml").exists()


def test_nothing_is_left_in_the_temp_directory(committee, tmp_path):
    temp = tmp_path / "tmp"  # conftest points TMPDIR here, as the system temp directory
    assert temp.is_dir() and list(temp.iterdir()) == []
    case = committee.open()
    broken = tmp_path / "break.py"
    broken.write_text("import sys\nfrom pathlib import Path\nPath(sys.argv[1]).write_text('summary: [broken')\n")
    result = committee.run("alice", "edit", case, env={"EDITOR": f"{sys.executable} {broken}"})
    assert result.exit_code == 2 and "--resume" in result.stderr  # the buffer is kept, but not in the temp folder
    assert committee.runner.invoke(app, ["demo"]).exit_code == 0
    assert list(temp.iterdir()) == []
