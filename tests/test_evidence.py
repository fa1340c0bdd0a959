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


def readers_can_open(committee, case: str, number: str, tmp_path: Path) -> dict[str, bool]:
    opened = {}
    for who in committee.keys:
        out = tmp_path / f"{who}-{number}.out"
        opened[who] = committee.run(who, "attachment", case, number, "--out", str(out)).exit_code == 0
        out.unlink(missing_ok=True)
    return opened


def direct_open(committee, case: str, who: str) -> bool:
    """Whether ``who``'s key alone decrypts the case's attachment file (no cocctl checks in the way)."""
    from cocctl import age
    from cocctl.archive import keys

    stored = attachment_files(committee, case)[0]
    try:
        age.decrypt(stored.read_bytes(), keys.load(committee.keys[who], None))
    except age.NoIdentityMatch:
        return False
    return True


def test_a_hard_recusal_re_encrypts_the_attachments_and_a_grant_restores_them(committee, tmp_path):
    case = committee.open()
    (tmp_path / "log.txt").write_text("moderation log\n")
    committee.ok("alice", "attach", case, str(tmp_path / "log.txt"))
    before = attachment_files(committee, case)[0].read_bytes()
    committee.ok("alice", "recuse", case, "--member", "carol", "--reason", "works with sam")
    assert attachment_files(committee, case)[0].read_bytes() != before
    assert not direct_open(committee, case, "carol") and direct_open(committee, case, "bob")
    assert readers_can_open(committee, case, "1", tmp_path) == {"alice": True, "bob": True, "carol": False}
    # A conflict recorded for carol ends by the committee's rule: here a majority of its members approve.
    for who in ("alice", "bob"):
        committee.ok(who, "grant", case, "--member", "carol")
    assert direct_open(committee, case, "carol")
    assert committee.status() == "" and not list((committee.root / "cases" / case).glob(".*"))
    committee.ok("alice", "validate")


def test_removing_a_member_and_rekeying_keep_attachments_with_their_case(committee, tmp_path):
    case = committee.open()
    (tmp_path / "a.txt").write_text("a\n")
    committee.ok("alice", "attach", case, str(tmp_path / "a.txt"))
    committee.ok("alice", "member", "remove", "carol", "--yes")
    assert not direct_open(committee, case, "carol") and direct_open(committee, case, "bob")
    committee.ok("alice", "rekey")
    assert committee.status() == ""
    committee.ok("alice", "validate")
    committee.ok("bob", "verify")


def test_rotating_a_key_re_encrypts_the_attachments_to_the_new_key(committee, tmp_path):
    from tests.conftest import make_key

    case = committee.open()
    (tmp_path / "a.txt").write_text("a\n")
    committee.ok("alice", "attach", case, str(tmp_path / "a.txt"))
    old = committee.keys["bob"]
    new = tmp_path / "bob-new"
    make_key(committee.runner, new)
    committee.ok("alice", "member", "rotate-key", "bob", "--key", str(new) + ".pub")
    committee.keys["bob"] = new
    assert direct_open(committee, case, "bob")
    committee.keys["bob"] = old
    assert not direct_open(committee, case, "bob")


def test_an_outside_party_granted_reads_the_attachments_until_revoked(committee, tmp_path):
    from cocctl import age

    case = committee.open()
    (tmp_path / "a.txt").write_text("a\n")
    committee.ok("alice", "attach", case, str(tmp_path / "a.txt"))
    mediator = age.generate_identity()
    committee.ok("alice", "grant", case, "--recipient", str(mediator.recipient), "--as", "mediator")
    stored = attachment_files(committee, case)[0]
    assert age.decrypt(stored.read_bytes(), [mediator]) == b"a\n"
    committee.ok("alice", "revoke", case, "--as", "mediator")
    with pytest.raises(age.NoIdentityMatch):
        age.decrypt(stored.read_bytes(), [mediator])


def attached(committee, tmp_path: Path) -> tuple[str, Path]:
    case = committee.open()
    (tmp_path / "a.txt").write_text("a\n")
    committee.ok("alice", "attach", case, str(tmp_path / "a.txt"))
    return case, attachment_files(committee, case)[0]


def test_validate_knows_attachments_names_seals_and_readers(committee, tmp_path):
    from cocctl import age

    case, stored = attached(committee, tmp_path)
    seal_id = stored.name.split("-")[0]
    folder = stored.parent
    recipients = list(committee.recipients.values())
    # A file named as cocctl names them, but after no seal of the case.
    (folder / f"{'0' * 26}-1.age").write_bytes(age.encrypt(b"x", recipients))
    # Another file of the same seal, encrypted to fewer keys than the seal's readers.
    (folder / f"{seal_id}-2.age").write_bytes(age.encrypt(b"x", recipients[:1]))
    # Armored where cocctl writes binary.
    (folder / f"{seal_id}-3.age").write_bytes(age.encrypt(b"x", recipients, armor=True))
    git(committee.root, "add", ".")
    result = committee.run(None, "validate")
    assert result.exit_code == 1
    assert f"{'0' * 26}-1.age: no seal of its case has this attachment's id" in result.stdout
    assert f"{seal_id}-2.age: attachment is encrypted to 1 key(s) but its seal to 3" in result.stdout
    assert f"{seal_id}-3.age: attachment is not an encrypted age file as cocctl writes it (armored" in result.stdout
    assert f"{stored.name}" not in result.stdout
    deep = committee.run("bob", "validate", "--deep")
    assert f"{seal_id}-2.age: no evidence event of the case records this file (an orphan)" in deep.stdout


def test_validate_deep_reports_a_missing_attachment(committee, tmp_path):
    case, stored = attached(committee, tmp_path)
    git(committee.root, "rm", "-q", str(stored.relative_to(committee.root)))
    result = committee.run("bob", "validate", "--deep")
    assert result.exit_code == 1 and f"{stored.name}: attachment is missing" in result.stdout


def test_verify_rejects_attachments_changed_or_deleted_outside_cocctl(committee, tmp_path):
    from cocctl import age

    case, stored = attached(committee, tmp_path)
    committee.ok(None, "verify")
    stored.write_bytes(age.encrypt(b"forged\n", list(committee.recipients.values())))
    git(committee.root, "commit", "-qam", "swap evidence", "--no-verify")
    result = committee.run(None, "verify")
    assert result.exit_code != 0 and "without adding or re-encrypting the seal that records it" in result.output
    git(committee.root, "rm", "-q", str(stored.relative_to(committee.root)))
    git(committee.root, "commit", "-qm", "drop evidence", "--no-verify")
    assert "deletes an attachment" in committee.run(None, "verify").output


def test_a_large_file_is_streamed_in_and_out_without_holding_it_in_memory(committee, tmp_path):
    import tracemalloc

    case = committee.open()
    big = tmp_path / "talk recording.mp4"
    block = b"\x00\x00\x00\x18ftypmp42" + os.urandom(1024 * 1024 - 12)
    digest = hashlib.sha256()
    with open(big, "wb") as out:
        for index in range(24):
            piece = block if index == 0 else os.urandom(1024 * 1024)
            digest.update(piece)
            out.write(piece)
    tracemalloc.start()
    try:
        result = committee.run("alice", "attach", case, str(big))
        _, attach_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        back = tmp_path / "back.mp4"
        committee.ok("bob", "attachment", case, "1", "--out", str(back))
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.output
    assert "video/mp4" in result.output
    assert attach_peak < 8 * 1024 * 1024 and read_peak < 8 * 1024 * 1024, (attach_peak, read_peak)
    check = hashlib.sha256()
    with open(back, "rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            check.update(chunk)
    assert check.hexdigest() == digest.hexdigest()


def test_binary_attachments_are_not_written_to_a_terminal(committee, tmp_path, monkeypatch):
    from cocctl.service import evidence
    from cocctl.service.workspace import Session

    case = committee.open()
    (tmp_path / "shot.png").write_bytes(PNG)
    committee.ok("alice", "attach", case, str(tmp_path / "shot.png"))
    session = Session(archive=committee.root, identity=committee.keys["bob"])
    import io

    with pytest.raises(Exception, match="not text to show on a terminal; pass --out PATH"):
        evidence.save(session, case, "1", None, io.BytesIO(), terminal=True)


def test_attachments_pass_the_pre_commit_hook_and_a_recusal_with_it(committee, tmp_path):
    committee.ok(None, "hooks", "install")
    case, stored = attached(committee, tmp_path)
    committee.ok("alice", "recuse", case, "--member", "carol")
    assert committee.status() == ""
    assert "Attach 1 file to case" in git(committee.root, "log", "--format=%s")


def test_two_clones_attaching_to_one_case_merge_with_both_files(committee, tmp_path):
    from tests.test_merge import clone, pull

    case = committee.open()
    first, second = clone(committee, tmp_path, "first"), clone(committee, tmp_path, "second")
    (tmp_path / "one.txt").write_text("from alice\n")
    (tmp_path / "two.txt").write_text("from bob\n")
    committee.ok("alice", "--archive", str(first), "attach", case, str(tmp_path / "one.txt"))
    committee.ok("bob", "--archive", str(second), "attach", case, str(tmp_path / "two.txt"),
                 env={"COCCTL_NOW": "2026-11-20T09:05:00Z"})
    done = pull(first, second, committee.keys["alice"])
    assert done.returncode == 0, done.stderr
    shown = committee.ok("carol", "--archive", str(first), "show", case).output
    assert "one.txt" in shown and "two.txt" in shown
    out = tmp_path / "two.out"
    committee.ok("carol", "--archive", str(first), "attachment", case, "two.txt", "--out", str(out))
    assert out.read_text() == "from bob\n"
    committee.ok(None, "--archive", str(first), "validate")
    committee.ok(None, "--archive", str(first), "verify")
    stored = attachment_files(committee, case) + sorted((first / "cases" / case).iterdir())
    marker = committee.ok("alice", "textconv", str(stored[-1])).stdout
    assert marker.startswith("(encrypted attachment, ") and "from" not in marker
