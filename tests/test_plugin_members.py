"""Members with hardware keys through age plugins (the test plugin), and an archive mixing every kind of key."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cocctl.cli import app

from .conftest import Committee
from .pluginkit import Softkey, install

AGE = shutil.which("age")
SSH_KEYGEN = shutil.which("ssh-keygen")
PASSPHRASE = "correct horse battery"


@pytest.fixture
def softkey(tmp_path, monkeypatch) -> Softkey:
    return install(tmp_path, monkeypatch)


def plugin_member(committee: Committee, softkey: Softkey, tmp_path: Path, handle: str) -> Path:
    """``handle`` makes a plugin key with the plugin's own tool, then a cocctl identity for it, and joins."""
    text, _, recipient = softkey.generate()
    source = tmp_path / f"{handle}-softkey.txt"
    source.write_text(text)
    path = tmp_path / f"{handle}-identity"
    made = committee.runner.invoke(app, ["keygen", "--plugin", "softkey", "--plugin-key", str(source),
                                         "--out", str(path)])
    assert made.exit_code == 0, made.output
    line = made.stdout.strip().splitlines()[-1]
    assert line.startswith(recipient + " ed25519:")
    committee.ok("alice", "member", "add", handle, "--key", str(path) + ".pub")
    committee.keys[handle] = path
    return path


def seals(committee: Committee, case: str) -> list[dict]:
    return YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())["seals"]


def test_a_plugin_member_reads_and_writes_and_whoami_says_what_signs(committee, softkey, tmp_path):
    plugin_member(committee, softkey, tmp_path, "dana")
    case = committee.open("alice")
    softkey.reset()
    committee.ok("dana", "amend", case, "--note", "Spoke with the reporter")
    # One run to unwrap every seal of the case (and the index key), one to wrap the new seal.
    assert (softkey.runs("identity-v1"), softkey.runs("recipient-v1")) == (1, 1)
    shown = committee.ok("bob", "show", case).stdout
    assert "Spoke with the reporter" in shown
    whoami = committee.ok("dana", "whoami").stdout.splitlines()
    assert whoami[1] == "key: age plugin softkey, signing with a software key"
    assert committee.ok(None, "verify").exit_code == 0


def test_a_rekey_of_a_hundred_cases_runs_the_plugin_once_each_way(committee, softkey, tmp_path):
    cases = [committee.open("alice") for _ in range(100)]
    softkey.reset()
    plugin_member(committee, softkey, tmp_path, "dana")
    # Adding dana re-seals every case to her: one wrap run for the 100 cases, one for her index key
    # (and the keygen check's two runs).
    assert softkey.runs("recipient-v1") == 1 + 2 and softkey.runs("identity-v1") == 1
    softkey.reset()
    new_carol = tmp_path / "carol-new"
    line = committee.runner.invoke(app, ["keygen", "--out", str(new_carol)]).stdout.strip()
    result = committee.ok("dana", "member", "rotate-key", "carol", "--key", line)
    assert "re-sealed 100 case(s)" in result.stderr
    assert (softkey.runs("identity-v1"), softkey.runs("recipient-v1")) == (1, 1)
    committee.keys["carol"] = new_carol
    assert "Unwelcome DMs" in committee.ok("carol", "show", cases[-1]).stdout
    softkey.reset()
    listed = committee.ok("dana", "due", "--json")
    assert json.loads(listed.stdout) is not None and softkey.runs() == 1


def test_keygen_plugin_refuses_a_file_without_the_key_or_a_wrong_recipient(committee, softkey, tmp_path):
    text, _, _ = softkey.generate()
    _, _, other = softkey.generate()
    source = tmp_path / "key.txt"
    source.write_text(text)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n")
    runner = committee.runner
    missing = runner.invoke(app, ["keygen", "--plugin", "softkey", "--plugin-key", str(empty), "--out",
                                  str(tmp_path / "a")])
    assert missing.exit_code == 2 and "age-plugin-softkey --generate" in missing.stderr
    wrong = runner.invoke(app, ["keygen", "--plugin", "softkey", "--plugin-key", str(source), "--recipient", other,
                                "--out", str(tmp_path / "b")])
    assert wrong.exit_code == 5 and "is not the plugin key's" in wrong.stderr
    no_file = runner.invoke(app, ["keygen", "--plugin", "softkey", "--out", str(tmp_path / "c")])
    assert no_file.exit_code == 2 and "--plugin-key" in no_file.stderr
    assert not any((tmp_path / name).exists() for name in "abc")


def test_a_missing_or_failing_plugin_is_a_clean_error_and_nothing_is_written(committee, softkey, tmp_path,
                                                                             monkeypatch):
    plugin_member(committee, softkey, tmp_path, "dana")
    case = committee.open("alice")
    before = committee.head()
    monkeypatch.setenv("SOFTKEY_FAIL", "no key plugged in")
    failed = committee.run("dana", "amend", case, "--note", "x")
    assert failed.exit_code == 5 and failed.stderr.startswith("cocctl: age-plugin-softkey: no key plugged in")
    monkeypatch.delenv("SOFTKEY_FAIL")
    monkeypatch.setenv("PATH", os.environ["PATH"].split(os.pathsep, 1)[1])
    # alice has no plugin: encrypting to dana needs it.
    gone = committee.run("alice", "amend", case, "--note", "y")
    assert gone.exit_code == 7 and "install age-plugin-softkey somewhere on PATH" in gone.stderr
    assert committee.head() == before and committee.status() == ""


def test_plugin_messages_reach_the_user(committee, softkey, tmp_path, monkeypatch):
    plugin_member(committee, softkey, tmp_path, "dana")
    case = committee.open("alice")
    monkeypatch.setenv("SOFTKEY_MSG", "touch your key")
    result = committee.ok("dana", "show", case)
    assert "age-plugin-softkey: touch your key" in result.stderr


def age_decrypts(sealed: str, *identity_args: str, pass_fds: tuple[int, ...] = ()) -> bool:
    result = subprocess.run([AGE, "-d", *identity_args], input=sealed.encode(), capture_output=True, pass_fds=pass_fds)
    return result.returncode == 0 and b'"events"' in result.stdout


def dana_identity_pipe(key: Path) -> int:
    """The passphrase-protected identity, decrypted in memory and offered to age through a pipe."""
    from cocctl import age

    inner = age.decrypt(key.read_bytes(), [age.ScryptIdentity(PASSPHRASE)])
    read, write = os.pipe()
    os.write(write, inner)
    os.close(write)
    return read


@pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen is not on PATH")
def test_ssh_plugin_and_passphrase_members_share_one_archive(committee, softkey, tmp_path, monkeypatch):
    # bob joins with his SSH key, carol with a plugin key, dana with a passphrase-protected age key.
    ssh_key = tmp_path / "bob-ssh"
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", "bob", "-f", str(ssh_key)], check=True)
    committee.ok("alice", "member", "rotate-key", "bob", "--ssh-key", str(ssh_key) + ".pub")
    committee.keys["bob"] = ssh_key
    committee.ok("alice", "member", "remove", "carol", "--yes")
    plugin_member(committee, softkey, tmp_path, "erin")
    dana_key = tmp_path / "dana-key"
    made = committee.runner.invoke(app, ["keygen", "--out", str(dana_key), "--passphrase", "--work-factor", "10"],
                                   input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert made.exit_code == 0, made.output
    committee.ok("alice", "member", "add", "dana", "--key", str(dana_key) + ".pub")
    committee.keys["dana"] = dana_key
    askpass = tmp_path / "askpass"
    askpass.write_text(f"#!/bin/sh\nprintf '%s\\n' '{PASSPHRASE}'\n")
    askpass.chmod(0o700)
    monkeypatch.setenv("COCCTL_ASKPASS", str(askpass))

    case = committee.open("bob")
    committee.ok("erin", "amend", case, "--note", "Erin read the logs")
    committee.ok("dana", "amend", case, "--note", "Dana called the reporter")
    second = committee.open("dana")
    committee.ok("erin", "recuse", second)
    for who in ("alice", "bob", "erin", "dana"):
        shown = committee.ok(who, "show", case).stdout
        assert "Erin read the logs" in shown and "Dana called the reporter" in shown
    assert committee.run("erin", "show", second).exit_code == 4

    if AGE is not None:
        erin_text = committee.keys["erin"].read_text()
        erin_file = tmp_path / "erin-for-age"  # what age reads: the cocctl identity file, plugin line included
        erin_file.write_text(erin_text)
        erin_file.chmod(0o600)
        for sealed in seals(committee, case):
            assert age_decrypts(sealed["age"], "-i", str(ssh_key))
            assert age_decrypts(sealed["age"], "-i", str(erin_file))
            pipe = dana_identity_pipe(dana_key)
            try:
                assert age_decrypts(sealed["age"], "-i", f"/dev/fd/{pipe}", pass_fds=(pipe,))
            finally:
                os.close(pipe)
        # Recused: the case is re-sealed without erin's plugin key.
        assert not any(age_decrypts(s["age"], "-i", str(erin_file)) for s in seals(committee, second))

    # erin off-boards the SSH member: the cases she reads are re-sealed without his key, the one she
    # recused from is marked for its readers, and dana's rekey (through her passphrase key) finishes it.
    removed = committee.ok("erin", "member", "remove", "bob", "--yes")
    assert second in removed.stderr
    assert committee.run("bob", "show", case).exit_code == 4
    assert committee.run("dana", "rekey", "--check").exit_code == 1
    assert "re-sealed 1 case(s)" in committee.ok("dana", "rekey").stderr
    assert committee.ok("dana", "rekey", "--check").exit_code == 0
    if AGE is not None:
        for sealed in seals(committee, case) + seals(committee, second):
            assert not age_decrypts(sealed["age"], "-i", str(ssh_key))
    assert committee.ok(None, "verify").exit_code == 0
    assert committee.ok("alice", "validate").exit_code == 0


def test_a_plugin_member_syncs_a_merge_with_one_plugin_run(committee, softkey, tmp_path):
    from .conftest import git

    plugin_member(committee, softkey, tmp_path, "dana")
    case = committee.open("alice")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git(committee.root, "remote", "add", "origin", str(bare))
    git(committee.root, "push", "-q", "-u", "origin", "main")
    clone = tmp_path / "clone-dana"
    cloned = committee.runner.invoke(app, ["--identity", str(committee.keys["dana"]), "clone", str(bare), str(clone)])
    assert cloned.exit_code == 0, cloned.output
    dana = Committee(clone, committee.keys, committee.recipients, committee.runner)
    env = {"COCCTL_NOW": "2026-11-20T10:00:00Z"}
    committee.ok("alice", "amend", case, "--note", "from alice", env=env)
    committee.ok("alice", "sync", env=env)
    dana.ok("dana", "amend", case, "--note", "from dana", env=env)
    softkey.reset()
    # git runs the merge driver without a terminal, so it never starts the plugin; sync's own pass over
    # the cases reads them all with one run (the union of seals needs no new encryption).
    dana.ok("dana", "sync", env={**env, "COCCTL_IDENTITY": str(committee.keys["dana"])})
    assert (softkey.runs("identity-v1"), softkey.runs("recipient-v1")) == (1, 0)
    shown = dana.ok("dana", "show", case).stdout
    assert "from alice" in shown and "from dana" in shown
    assert dana.ok("dana", "rekey", "--check").exit_code == 0


def test_a_passphrase_protected_plugin_identity_through_the_agent(committee, softkey, tmp_path):
    import sys

    text, _, _ = softkey.generate()
    source = tmp_path / "softkey.txt"
    source.write_text(text)
    key = tmp_path / "dana-identity"
    made = committee.runner.invoke(app, ["keygen", "--plugin", "softkey", "--plugin-key", str(source), "--passphrase",
                                         "--work-factor", "10", "--out", str(key)],
                                   input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert made.exit_code == 0, made.output
    assert b"AGE-PLUGIN-SOFTKEY" not in key.read_bytes()
    committee.ok("alice", "member", "add", "dana", "--key", str(key) + ".pub")
    case = committee.open("alice")
    askpass = tmp_path / "askpass"
    askpass.write_text(f"#!/bin/sh\necho asked >> {tmp_path / 'asked'}\nprintf '%s\\n' '{PASSPHRASE}'\n")
    askpass.chmod(0o700)
    env = {**os.environ, "COCCTL_ASKPASS": str(askpass), "COCCTL_IDENTITY": str(key)}

    def run(*args: str) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "cocctl", "--archive", str(committee.root), *args], env=env,
                                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{args}: {result.stderr}"
        return result

    pid = json.loads(run("unlock", "--json").stdout)["pid"]
    try:
        softkey.reset()
        run("amend", case, "--note", "Through the agent and the plugin")
        assert "Through the agent and the plugin" in run("show", case).stdout
        # The agent signs with the software key; the plugin, run here, decrypts: once per command.
        assert softkey.runs("identity-v1") == 2
        assert run("whoami").stdout.splitlines()[1].startswith("key: age plugin softkey")
        assert len((tmp_path / "asked").read_text().splitlines()) == 1
        assert committee.ok(None, "verify").exit_code == 0
    finally:
        run("lock")
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
