"""keygen, whoami and identity loading through the CLI."""

from __future__ import annotations

import os
import stat

from typer.testing import CliRunner

from cocctl.cli import app

runner = CliRunner()


def test_keygen_writes_a_private_key_to_the_default_path_and_prints_the_recipient(isolated):
    result = runner.invoke(app, ["keygen"])
    assert result.exit_code == 0, result.output
    path = isolated / ".config" / "cocctl" / "identity"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    line = result.stdout.strip()
    recipient, signing = line.split()
    assert recipient.startswith("age1") and signing.startswith("ed25519:")
    text = path.read_text()
    assert f"# public key: {recipient}" in text and "AGE-SECRET-KEY-1" in text
    assert (path.parent / "identity.pub").read_text() == line + "\n"


def test_keygen_respects_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert runner.invoke(app, ["keygen"]).exit_code == 0
    assert (tmp_path / "xdg" / "cocctl" / "identity").is_file()


def test_keygen_refuses_to_overwrite(tmp_path):
    path = tmp_path / "key"
    assert runner.invoke(app, ["keygen", "--out", str(path)]).exit_code == 0
    before = path.read_bytes()
    result = runner.invoke(app, ["keygen", "--out", str(path)])
    assert result.exit_code != 0
    assert "refusing to overwrite" in result.stderr
    assert path.read_bytes() == before


def test_passphrase_protected_key_is_an_age_scrypt_file_that_pyrage_opens(tmp_path):
    import pyrage

    path = tmp_path / "key"
    result = runner.invoke(app, ["keygen", "--out", str(path), "--passphrase", "--work-factor", "10"],
                           input="correct horse\ncorrect horse\n")
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert b"AGE-SECRET-KEY" not in data
    assert b"AGE-SECRET-KEY-1" in pyrage.passphrase.decrypt(data, "correct horse")


def test_key_file_readable_by_others_is_refused_with_the_chmod_to_run(committee):
    key = committee.keys["alice"]
    os.chmod(key, 0o644)
    result = committee.run("alice", "whoami")
    assert result.exit_code == 5
    assert f"chmod 600 {key}" in result.stderr


def test_whoami_names_the_member(committee):
    result = committee.ok("bob", "whoami")
    assert result.stdout.startswith("bob ")
    assert committee.ok("alice", "whoami", "--json").stdout.count('"handle": "alice"') == 1


def test_missing_identity_says_how_to_make_one(committee, tmp_path):
    result = committee.runner.invoke(app, ["--archive", str(committee.root), "--identity", str(tmp_path / "nope"), "whoami"])
    assert result.exit_code == 5
    assert "cocctl keygen" in result.stderr


def test_identity_from_environment_variable(committee):
    result = committee.runner.invoke(app, ["--archive", str(committee.root), "whoami"],
                                     env={"COCCTL_IDENTITY": str(committee.keys["carol"])})
    assert result.stdout.startswith("carol ")


def test_stranger_is_not_a_member(committee, tmp_path):
    runner.invoke(app, ["keygen", "--out", str(tmp_path / "stranger")])
    result = committee.runner.invoke(app, ["--archive", str(committee.root), "--identity",
                                           str(tmp_path / "stranger"), "whoami"])
    assert result.exit_code == 4
    assert "not an active member" in result.stderr
