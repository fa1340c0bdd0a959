"""Evidence files: attach, list, read back, re-encrypt with the case, and the checks that know them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.conftest import git

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(300)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"x" * 200


def attachment_files(committee, case: str) -> list[Path]:
    folder = committee.root / "cases" / case
    return sorted(p for p in folder.iterdir()) if folder.is_dir() else []


def test_attach_stores_each_file_encrypted_in_one_commit_and_show_lists_them(committee, tmp_path):
    case = committee.open()
    shot, report = tmp_path / "dm screenshot.png", tmp_path / "report.pdf"
    shot.write_bytes(PNG)
    report.write_bytes(PDF)
    before = committee.commits()
    result = committee.ok("alice", "attach", case, str(shot), str(report), "--description", "the DMs")
    assert "image/png" in result.output and "application/pdf" in result.output
    assert committee.commits() == before + 1
    files = attachment_files(committee, case)
    assert len(files) == 2 and all(p.name.endswith(".age") for p in files)
    for path in files:
        data = path.read_bytes()
        assert data.startswith(b"age-encryption.org/v1\n") and PNG[20:60] not in data and b"screenshot" not in data
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    log = git(committee.root, "log", "-1", "--name-only", "--format=%s")
    assert "screenshot" not in log and len([line for line in log.splitlines() if line.endswith(".age")]) == 2
    shown = committee.ok("bob", "show", case).output
    assert "dm screenshot.png" in shown and "image/png" in shown and "report.pdf" in shown
    assert committee.status() == ""
    committee.ok("alice", "validate")
    committee.ok("alice", "verify")


def test_attachment_reads_a_file_back_0600_refuses_overwrite_and_checks_the_hash(committee, tmp_path):
    case = committee.open()
    shot = tmp_path / "shot.png"
    shot.write_bytes(PNG)
    committee.ok("alice", "attach", case, str(shot))
    out = tmp_path / "out.png"
    committee.ok("bob", "attachment", case, "1", "--out", str(out))
    assert out.read_bytes() == PNG and oct(out.stat().st_mode & 0o777) == "0o600"
    again = committee.run("bob", "attachment", case, "shot.png", "--out", str(out))
    assert again.exit_code != 0 and "already exists" in again.output
    piped = committee.ok("carol", "attachment", case, "shot.png")
    assert piped.stdout_bytes == PNG
    missing = committee.run("bob", "attachment", case, "7")
    assert missing.exit_code != 0 and "no attachment" in missing.output


def test_a_replaced_attachment_fails_its_hash_check_and_leaves_no_output(committee, tmp_path):
    from cocctl import age

    case = committee.open()
    (tmp_path / "a.txt").write_text("first\n")
    committee.ok("alice", "attach", case, str(tmp_path / "a.txt"))
    stored = attachment_files(committee, case)[0]
    # Anyone with the public keys can encrypt other content to the readers: the hash tells.
    stored.write_bytes(age.encrypt(b"forged\n", list(committee.recipients.values())))
    out = tmp_path / "out.txt"
    result = committee.run("bob", "attachment", case, "1", "--out", str(out))
    assert result.exit_code != 0 and "SHA-256" in result.output and not out.exists()


def test_bad_files_give_clear_errors_and_change_nothing(committee, tmp_path):
    case = committee.open()
    head = committee.head()
    (tmp_path / "folder").mkdir()
    for args, words in (((str(tmp_path / "nope.png"),), "no file"), ((str(tmp_path / "folder"),), "is a folder")):
        result = committee.run("alice", "attach", case, *args)
        assert result.exit_code != 0 and words in result.output, result.output
    if os.geteuid() != 0:
        locked = tmp_path / "locked.png"
        locked.write_bytes(PNG)
        locked.chmod(0)
        result = committee.run("alice", "attach", case, str(locked))
        assert result.exit_code != 0 and "cannot read" in result.output
    assert committee.head() == head and committee.status() == "" and attachment_files(committee, case) == []


def test_the_size_limit_comes_from_the_policy(committee, tmp_path):
    case = committee.open()
    config = committee.root / "cocctl.yaml"
    config.write_text(config.read_text() + "policy:\n  evidence:\n    max_mib: 1\n")
    committee.ok("alice", "policy", "sign")
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * (1024 * 1024 + 1))
    head = committee.head()
    result = committee.run("alice", "attach", case, str(big))
    assert result.exit_code != 0 and "limit of 1.0 MiB" in result.output and "evidence.max_mib" in result.output
    assert committee.head() == head and attachment_files(committee, case) == []
