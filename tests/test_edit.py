"""`cocctl edit`: $EDITOR on a private temp file; invalid edits never break a case."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    """A private $XDG_RUNTIME_DIR, where edit buffers go."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def editor(tmp_path, body: str) -> str:
    """An $EDITOR that runs ``body`` (Python, with ``path`` and ``text``) on the file."""
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import os, stat, sys\n"
        "from pathlib import Path\n"
        "path = Path(sys.argv[1])\n"
        "Path(os.environ['EDIT_LOG']).write_text(f'{oct(stat.S_IMODE(path.stat().st_mode))} "
        "{oct(stat.S_IMODE(path.parent.stat().st_mode))} {path}')\n"
        "text = path.read_text()\n" + body + "\n"
    )
    return f"{sys.executable} {script}"


def test_edit_records_the_difference_as_an_amended_event(committee, tmp_path):
    case = committee.open()
    log = tmp_path / "edit.log"
    command = editor(tmp_path, "path.write_text(text.replace('severity: high', 'severity: critical')"
                               ".replace('reported:\\n- sam', 'reported:\\n- sam\\n- kim'))")
    commits = committee.commits()
    result = committee.run("alice", "edit", case, env={"EDITOR": command, "EDIT_LOG": str(log)})
    assert result.exit_code == 0, result.output
    assert committee.commits() == commits + 1
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    assert state["severity"] == "critical" and state["reported"] == ["sam", "kim"]
    last = state["events"][-1]
    assert last["type"] == "amended" and last["data"] == {"set": {"severity": "critical"}, "add": {"reported": ["kim"]}}
    file_mode, folder_mode, path = log.read_text().split()
    assert (file_mode, folder_mode) == ("0o600", "0o700")
    assert not __import__("pathlib").Path(path).exists()


def test_edit_without_changes_makes_no_commit(committee, tmp_path):
    case = committee.open()
    commits = committee.commits()
    result = committee.run("alice", "edit", case, env={"EDITOR": editor(tmp_path, "pass"), "EDIT_LOG": str(tmp_path / "l")})
    assert result.exit_code == 0 and "nothing changed" in result.stderr
    assert committee.commits() == commits


def test_invalid_yaml_aborts_keeps_the_file_and_leaves_the_case_alone(committee, tmp_path):
    case = committee.open()
    head = committee.head()
    log = tmp_path / "edit.log"
    result = committee.run("alice", "edit", case,
                           env={"EDITOR": editor(tmp_path, "path.write_text('summary: [broken')"), "EDIT_LOG": str(log)})
    assert result.exit_code == 2
    assert "not valid YAML" in result.stderr and "your edit is kept in" in result.stderr
    kept = log.read_text().split()[2]
    assert open(kept).read() == "summary: [broken"
    assert committee.head() == head and committee.status() == ""


def test_schema_errors_are_refused(committee, tmp_path):
    case = committee.open()
    head = committee.head()
    for body, message in (
        ("path.write_text(text.replace('severity: high', 'severity: apocalyptic'))", "severity: must be one of"),
        ("path.write_text(text + 'colour: red\\n')", "unknown fields"),
        ("path.write_text(text.replace('kind: complaint', 'kind: anonymous'))", "anonymous"),
    ):
        result = committee.run("alice", "edit", case, env={"EDITOR": editor(tmp_path, body), "EDIT_LOG": str(tmp_path / "l")})
        assert result.exit_code == 2 and message in result.stderr, result.stderr
        assert "Unwelcome" not in result.stderr
    assert committee.head() == head


def test_failing_editor_changes_nothing(committee, tmp_path):
    case = committee.open()
    head = committee.head()
    result = committee.run("alice", "edit", case, env={"EDITOR": "false"})
    assert result.exit_code == 2 and "editor exited" in result.stderr
    assert committee.head() == head


def test_kept_buffer_lives_in_the_runtime_dir_and_resume_reopens_and_removes_it(committee, tmp_path, runtime):
    case = committee.open()
    log = tmp_path / "edit.log"
    broken = editor(tmp_path, "path.write_text(text.replace('severity: high', 'severity: [critical'))")
    result = committee.run("alice", "edit", case, env={"EDITOR": broken, "EDIT_LOG": str(log)})
    assert result.exit_code == 2 and f"cocctl edit --resume {case}" in result.stderr
    kept = __import__("pathlib").Path(log.read_text().split()[2])
    assert kept.parent.parent == runtime / "cocctl" / "edits"
    assert oct(kept.parent.parent.stat().st_mode & 0o777) == "0o700"
    fix = editor(tmp_path, "assert 'severity: [critical' in text\n"
                           "path.write_text(text.replace('severity: [critical', 'severity: critical'))")
    result = committee.run("alice", "edit", case, "--resume", env={"EDITOR": fix, "EDIT_LOG": str(log)})
    assert result.exit_code == 0, result.output
    assert json.loads(committee.ok("alice", "show", case, "--json").stdout)["severity"] == "critical"
    assert list((runtime / "cocctl" / "edits").iterdir()) == []
    assert committee.run("alice", "edit", case, "--resume").exit_code == 3


def test_without_a_runtime_dir_buffers_go_to_the_cache_dir_not_the_system_temp(committee, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    case = committee.open()
    log = tmp_path / "edit.log"
    result = committee.run("alice", "edit", case,
                           env={"EDITOR": editor(tmp_path, "path.write_text('summary: [broken')"), "EDIT_LOG": str(log)})
    assert result.exit_code == 2
    assert log.read_text().split()[2].startswith(str(tmp_path / "cache" / "cocctl" / "edits") + "/")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_the_edit_removes_the_buffer(committee, tmp_path, runtime, signum):
    case = committee.open()
    log = tmp_path / "edit.log"
    sleeper = editor(tmp_path, "Path(os.environ['EDIT_LOG'] + '.pid').write_text(str(os.getpid()))\n"
                               "import time; time.sleep(60)")
    process = subprocess.Popen(
        [sys.executable, "-m", "cocctl", "--archive", str(committee.root), "--identity", str(committee.keys["alice"]),
         "edit", case], env={**os.environ, "EDITOR": sleeper, "EDIT_LOG": str(log)},
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pid_file = tmp_path / "edit.log.pid"
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline and process.poll() is None, process.communicate()
        time.sleep(0.05)
    buffer = __import__("pathlib").Path(log.read_text().split()[2])
    assert buffer.exists()
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signum
    assert stderr.strip() == (f"cocctl: stopped by {signal.Signals(signum).name}; "
                              "the edit buffer was removed and nothing was changed")
    assert not buffer.parent.exists() and list((runtime / "cocctl" / "edits").iterdir()) == []
    editor_pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(editor_pid, 0)


def _start_edit(committee, tmp_path, case):
    """Start `cocctl edit` in its own process group with an editor that waits; return it and its buffer."""
    log = tmp_path / "edit.log"
    # Like vi, the editor quits on Ctrl-C without a word.
    sleeper = editor(tmp_path, "import signal; signal.signal(signal.SIGINT, lambda *_: sys.exit(130))\n"
                               "Path(os.environ['EDIT_LOG'] + '.pid').write_text(str(os.getpid()))\n"
                               "import time; time.sleep(60)")
    process = subprocess.Popen(
        [sys.executable, "-m", "cocctl", "--archive", str(committee.root), "--identity", str(committee.keys["alice"]),
         "edit", case], env={**os.environ, "EDITOR": sleeper, "EDIT_LOG": str(log)}, start_new_session=True,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pid_file = tmp_path / "edit.log.pid"
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline and process.poll() is None, process.communicate()
        time.sleep(0.05)
    return process, __import__("pathlib").Path(log.read_text().split()[2])


def test_ctrl_c_during_the_edit_removes_the_buffer(committee, tmp_path, runtime):
    case = committee.open()
    head = committee.head()
    process, buffer = _start_edit(committee, tmp_path, case)
    assert buffer.exists()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does: the editor and cocctl get it
    _, stderr = process.communicate(timeout=30)
    assert process.returncode != 0 and "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1
    assert not buffer.parent.exists() and list((runtime / "cocctl" / "edits").iterdir()) == []
    assert committee.head() == head


def test_a_killed_edit_leaves_its_buffer_private_and_resume_finds_and_removes_it(committee, tmp_path, runtime):
    case = committee.open()
    process, buffer = _start_edit(committee, tmp_path, case)
    os.killpg(process.pid, signal.SIGKILL)  # nothing can clean up after SIGKILL
    process.communicate(timeout=30)
    assert buffer.exists() and buffer.parent.parent == runtime / "cocctl" / "edits"
    assert oct(buffer.stat().st_mode & 0o777) == "0o600" and oct(buffer.parent.stat().st_mode & 0o777) == "0o700"
    fix = editor(tmp_path, "path.write_text(text.replace('severity: high', 'severity: low'))")
    result = committee.run("alice", "edit", case, "--resume", env={"EDITOR": fix, "EDIT_LOG": str(tmp_path / "l")})
    assert result.exit_code == 0, result.output
    assert list((runtime / "cocctl" / "edits").iterdir()) == []
    assert json.loads(committee.ok("alice", "show", case, "--json").stdout)["severity"] == "low"
