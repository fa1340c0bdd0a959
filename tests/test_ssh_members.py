"""Members whose key is an SSH key: added from their .pub, signing with it, and files any age tool opens with it."""

from __future__ import annotations

import base64
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cocctl.cli import app

from .conftest import Committee

SSH_KEYGEN = shutil.which("ssh-keygen")
AGE = shutil.which("age")
pytestmark = pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen is not on PATH")
PASSPHRASE = "correct horse battery"


def ssh_key(folder: Path, name: str, *args: str, passphrase: str = "") -> Path:
    """A key made by ssh-keygen now (mode 0600), with NAME.pub beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    subprocess.run([SSH_KEYGEN, "-q", *args, "-N", passphrase, "-C", f"{name}@example.invalid", "-f", str(path)],
                   check=True)
    return path


def askpass(folder: Path, passphrase: str) -> Path:
    """A COCCTL_ASKPASS program that answers ``passphrase`` and counts how often it was asked."""
    script = folder / "askpass"
    script.write_text(f"#!/bin/sh\necho asked >> {folder / 'asked'}\nprintf '%s\\n' '{passphrase}'\n")
    script.chmod(0o700)
    return script


def asked(folder: Path) -> int:
    path = folder / "asked"
    return len(path.read_text().splitlines()) if path.exists() else 0


def seal_files(committee: Committee, case: str) -> list[bytes]:
    data = YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())
    return [seal["age"].encode() for seal in data["seals"]]


@pytest.fixture
def dana(committee: Committee, tmp_path: Path) -> Path:
    """dana joins alice's committee with nothing but her ssh-ed25519 .pub file."""
    key = ssh_key(tmp_path / "ssh", "dana", "-t", "ed25519")
    committee.ok("alice", "member", "add", "dana", "--ssh-key", str(key) + ".pub")
    committee.keys["dana"] = key
    return key


def test_an_ssh_ed25519_member_is_added_from_the_pub_file_alone_and_signs_with_that_key(committee, dana):
    from cryptography.hazmat.primitives.serialization import load_ssh_public_key

    from cocctl.archive import signing

    public = (Path(str(dana) + ".pub")).read_text().split()
    roster = YAML(typ="safe").load((committee.root / "committee.yaml").read_text())
    member = next(m for m in roster["members"] if m["handle"] == "dana")
    # The key's comment is dropped; the signing key is the SSH key's own.
    assert member["recipient"] == f"{public[0]} {public[1]}"
    raw = load_ssh_public_key(f"{public[0]} {public[1]}".encode()).public_bytes_raw()
    assert member["signing"] == signing.PUBLIC_PREFIX + base64.b64encode(raw).decode().rstrip("=")

    case = committee.open("dana")
    committee.ok("alice", "amend", case, "--note", "Second report from the same channel")
    shown = committee.ok("dana", "show", case).stdout
    assert "Second report" in shown and "opened" in shown
    data = YAML(typ="safe").load((committee.root / "cases" / f"{case}.yaml").read_text())
    first = data["seals"][0]
    assert first["by"] == "dana"
    # The seal's signature verifies under the SSH public key itself.
    from cocctl.archive.casefile import Seal

    seal = Seal.from_dict(first)
    key = load_ssh_public_key(f"{public[0]} {public[1]}".encode())
    key.verify(base64.b64decode(seal.sig + "=="), signing.SEAL_DOMAIN + signing.canonical(seal.statement(case)))
    assert committee.ok(None, "verify").exit_code == 0


def test_ssh_member_files_open_with_the_age_command_and_pyrage(committee, dana):
    import pyrage

    case = committee.open("alice")
    committee.ok("dana", "amend", case, "--note", "Checked the logs")
    identity = pyrage.ssh.Identity.from_buffer(dana.read_bytes())
    for sealed in seal_files(committee, case):
        assert b'"events"' in pyrage.decrypt(_binary(sealed), [identity])
        if AGE is not None:
            opened = subprocess.run([AGE, "-d", "-i", str(dana)], input=sealed, capture_output=True, check=True)
            assert b'"events"' in opened.stdout


def _binary(armored: bytes) -> bytes:
    from cocctl.age import armor

    return armor.decode(armored)


@pytest.mark.skipif(AGE is None, reason="the age command is not on PATH")
def test_a_file_the_age_command_encrypts_to_the_ssh_key_opens_in_cocctl(dana, tmp_path):
    from cocctl.archive import keys

    sealed = subprocess.run([AGE, "-e", "-R", str(dana) + ".pub"], input=b"secret", capture_output=True, check=True)
    from cocctl import age

    assert age.decrypt(sealed.stdout, keys.load(dana)) == b"secret"


def test_an_ssh_rsa_key_alone_is_refused_and_its_keygen_line_adds_the_member(committee, tmp_path):
    key = ssh_key(tmp_path / "ssh", "erin", "-t", "rsa", "-b", "2048")
    before = committee.head()
    alone = committee.run("alice", "member", "add", "erin", "--ssh-key", str(key) + ".pub")
    assert alone.exit_code == 2 and "cocctl keygen --ssh" in alone.stderr
    assert committee.head() == before

    out = tmp_path / "erin-identity"
    made = committee.runner.invoke(app, ["keygen", "--ssh", str(key), "--out", str(out)])
    assert made.exit_code == 0, made.output
    line = made.stdout.strip().splitlines()[-1]
    assert line.startswith("ssh-rsa AAAA") and " ed25519:" in line
    assert out.is_symlink() and out.resolve() == key
    assert Path(str(out) + ".pub").read_text().strip() == line
    committee.ok("alice", "member", "add", "erin", "--ssh-key", line)
    committee.keys["erin"] = out
    case = committee.open("erin")
    assert "Unwelcome DMs" in committee.ok("bob", "show", case).stdout
    assert committee.ok("erin", "whoami").stdout.splitlines()[1] == "key: ssh-rsa"


def test_keygen_ssh_makes_the_default_identity_a_link_to_the_key(committee, dana, isolated):
    result = committee.runner.invoke(app, ["keygen", "--ssh", str(dana)])
    assert result.exit_code == 0, result.output
    default = isolated / ".config" / "cocctl" / "identity"
    assert default.is_symlink() and default.resolve() == dana
    # No --identity: the default path leads to the SSH key.
    whoami = committee.runner.invoke(app, ["--archive", str(committee.root), "whoami"])
    assert whoami.exit_code == 0, whoami.output
    assert whoami.stdout.splitlines() == [f"dana (member) in {committee.root}", "key: ssh-ed25519"]
    again = committee.runner.invoke(app, ["keygen", "--ssh", str(dana)])
    assert again.exit_code != 0 and "refusing to overwrite" in again.stderr


def test_keygen_ssh_refuses_a_public_key_or_a_passphrase(tmp_path, dana):
    public = CliRunner_invoke(["keygen", "--ssh", str(dana) + ".pub", "--out", str(tmp_path / "a")])
    assert public.exit_code != 0 and "not an OpenSSH private key" in public.stderr
    both = CliRunner_invoke(["keygen", "--ssh", str(dana), "--passphrase", "--out", str(tmp_path / "b")],
                            input="x\nx\n")
    assert both.exit_code == 2 and "ssh-keygen -p" in both.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def CliRunner_invoke(args: list[str], input: str | None = None):  # noqa: N802
    from typer.testing import CliRunner

    return CliRunner().invoke(app, args, input=input)


def test_a_passphrase_protected_ssh_key_asks_each_time_without_an_agent(committee, tmp_path, monkeypatch):
    key = ssh_key(tmp_path / "ssh", "fay", "-t", "ed25519", passphrase=PASSPHRASE)
    committee.ok("alice", "member", "add", "fay", "--ssh-key", str(key) + ".pub")
    committee.keys["fay"] = key
    refused = committee.run("fay", "whoami")
    assert refused.exit_code == 5 and "passphrase-protected" in refused.stderr and "cocctl unlock" in refused.stderr

    monkeypatch.setenv("COCCTL_ASKPASS", str(askpass(tmp_path, PASSPHRASE)))
    case = committee.open("fay")
    committee.ok("fay", "amend", case, "--note", "Follow-up call")
    assert asked(tmp_path) == 2
    whoami = committee.ok("fay", "whoami").stdout.splitlines()
    assert whoami[1] == "key: ssh-ed25519, passphrase-protected"

    monkeypatch.setenv("COCCTL_ASKPASS", str(askpass(tmp_path, "wrong")))
    wrong = committee.run("fay", "show", case)
    assert wrong.exit_code == 5 and wrong.stderr.strip() == f"cocctl: wrong passphrase for {key}"


def test_rotate_key_moves_a_member_to_their_ssh_key(committee, tmp_path):
    key = ssh_key(tmp_path / "ssh", "bob-ssh", "-t", "ed25519")
    case = committee.open("alice")
    committee.ok("alice", "member", "rotate-key", "bob", "--ssh-key", str(key) + ".pub")
    committee.keys["bob"] = key
    assert "Unwelcome DMs" in committee.ok("bob", "show", case).stdout
    committee.ok("bob", "amend", case, "--note", "Signed with the new key")
    assert committee.ok(None, "verify").exit_code == 0


def test_an_ssh_ed25519_line_with_someone_elses_signing_key_is_refused(committee, dana):
    line = (Path(str(dana) + ".pub")).read_text().split()
    alice_signing = Path(str(committee.keys["alice"]) + ".pub").read_text().split()[1]
    bad = committee.run("alice", "member", "add", "gus", "--key", f"{line[0]} {line[1]} {alice_signing}")
    assert bad.exit_code == 2 and "signs for itself" in bad.stderr
    age_key = committee.run("alice", "member", "add", "gus", "--ssh-key", committee.recipients["bob"])
    assert age_key.exit_code == 2 and "--ssh-key takes an SSH public key" in age_key.stderr


def test_identity_files_keep_their_mode_rules_for_ssh_keys(committee, dana):
    os.chmod(dana, 0o644)
    result = committee.run("dana", "whoami")
    assert result.exit_code == 5 and "chmod 600" in result.stderr
    os.chmod(dana, stat.S_IRUSR | stat.S_IWUSR)
    assert committee.run("dana", "whoami").exit_code == 0
