"""The allow-list guard: validate fails every leak shape, the pre-commit hook and the pre-push guard too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cocctl.cli import app
from tests.conftest import Committee, git, isolate
from tests.leaks import CONTENT_SHAPES, LEAKS, REPORTED, REPORTER, SECRETS, SUMMARY, Leak, Material, by_name, plant


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, built_committees):
    """A committee archive with one case, and what a member could save about it."""
    folder = tmp_path_factory.mktemp("leaks")
    source = built_committees("contributor-covenant", ("alice", "bob", "carol"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate(folder, monkeypatch)
        root, keys = folder / "archive", folder / "keys"
        shutil.copytree(source.root, root, symlinks=True)
        shutil.copytree(source.root.parent / "keys", keys, symlinks=True)
        committee = Committee(root, {h: keys / p.name for h, p in source.keys.items()}, dict(source.recipients))
        case = committee.ok(
            "alice", "open", "--summary", SUMMARY, "--kind", "complaint", "--channel", "email", "--severity",
            "high", "--reported", REPORTED, "--reporter", REPORTER, "--reporter-contact", "riley@example.org",
            "--received-at", "2026-11-16T08:30:00Z").stdout.strip().splitlines()[-1]
        buffer = folder / "buffer.yaml"
        copier = folder / "copy_editor.py"
        copier.write_text(f"import shutil, sys\nshutil.copy(sys.argv[1], {str(buffer)!r})\n")
        committee.ok("alice", "edit", case, env={"EDITOR": f"{sys.executable} {copier}"})
        material = Material(
            case=case,
            case_file=(root / "cases" / f"{case}.yaml").read_bytes(),
            document=committee.ok("alice", "show", case, "--raw").stdout.encode(),
            show=committee.ok("alice", "show", case).stdout.encode(),
            show_json=committee.ok("alice", "show", case, "--json").stdout.encode(),
            draft=committee.ok("alice", "draft", case, "--to", "reporter").stdout.encode(),
            person=committee.ok("alice", "person", REPORTED).stdout.encode(),
            edit_buffer=buffer.read_bytes(),
            identity=committee.keys["alice"],
        )
    return committee, material


@pytest.fixture
def archive(prepared, tmp_path) -> tuple[Committee, Material]:
    """A private copy of the prepared archive for one test."""
    committee, material = prepared
    root = tmp_path / "leaky"
    shutil.copytree(committee.root, root, symlinks=True)
    return Committee(root, committee.keys, committee.recipients), material


def _validate(committee: Committee, *args: str):
    result = committee.run(None, "validate", *args)
    assert "Traceback" not in result.output
    for secret in SECRETS:
        assert secret not in result.output, secret
    return result


def test_the_prepared_archive_passes(archive):
    committee, _ = archive
    result = _validate(committee)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("leak", LEAKS, ids=[leak.name for leak in LEAKS])
def test_validate_catches_every_leak_shape(archive, leak: Leak):
    committee, material = archive
    where = plant(committee.root, leak, material)
    git(committee.root, "add", "--all")
    result = _validate(committee)
    assert result.exit_code == 1, (leak.name, result.output)
    assert f"{where}: " in result.stdout, (leak.name, result.stdout)


@pytest.mark.parametrize("name", CONTENT_SHAPES)
@pytest.mark.parametrize("place", ["README.md", ".github/notes.md"])
def test_the_second_line_catches_content_in_files_the_community_may_add(archive, name, place):
    committee, material = archive
    plant(committee.root, by_name(name), material, path=place)
    result = _validate(committee, str(committee.root / place))
    assert result.exit_code == 1 and result.stdout.startswith(f"{place}: "), (name, result.output)
    assert any(word in result.stdout for word in ("looks like", "secret key")), result.stdout


def test_files_the_community_adds_pass_when_they_hold_no_case(archive):
    committee, _ = archive
    root = committee.root
    (root / "README.md").write_text("# Our Code of Conduct archive\n\nRun `cocctl list` to see open cases.\n"
                                    "The committee meets on Mondays; see CONTRIBUTING for the rota.\n")
    (root / ".gitignore").write_text("*.swp\n.DS_Store\n")
    (root / ".github" / "CODEOWNERS").parent.mkdir(parents=True, exist_ok=True)
    (root / ".github" / "CODEOWNERS").write_text("* @example/coc-committee\n")
    (root / "templates").mkdir()
    (root / "templates" / "reporter-ack.txt").write_text(
        "Subject: Thanks ($community)\n$greeting\n\nWe received your report on $received.\n")
    from cocctl.service.setup import ci_workflow

    for kind in ("github", "gitlab"):
        path, text = ci_workflow(kind)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(text)
    git(root, "add", "--all")
    result = _validate(committee)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("change", [
    ("a template name cocctl does not use", "templates/minutes.txt", b"Subject: $case\n"),
    ("an unknown index file", "index/notes.txt", b"x"),
    ("a nested folder under cases", "cases/old/2026-amber-falcon.yaml", b""),
    ("a non-empty .gitattributes line", ".gitattributes", b"* text=auto\ncases/** diff=cocctl merge=cocctl\n"),
])
def test_files_outside_the_list_or_its_grammar_fail(archive, change):
    committee, _ = archive
    _, path, content = change
    (committee.root / path).parent.mkdir(parents=True, exist_ok=True)
    (committee.root / path).write_bytes(content)
    result = _validate(committee)
    assert result.exit_code == 1 and f"{path}: " in result.stdout, (change, result.output)


def test_a_symlink_to_a_device_or_a_fifo_is_refused_without_reading_it(archive):
    committee, material = archive
    import os

    os.mkfifo(committee.root / "cases" / "pipe")
    (committee.root / "cases" / f"{material.case}.yaml").unlink()
    (committee.root / "cases" / f"{material.case}.yaml").symlink_to("/dev/zero")
    (committee.root / "cocctl.key").symlink_to(material.identity)

    def cocctl(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "cocctl", "--archive", str(committee.root), *args],
                              capture_output=True, text=True, timeout=60)

    done = cocctl("validate")
    assert done.returncode == 1, done.stderr
    assert f"cases/{material.case}.yaml: is a symbolic link" in done.stdout
    assert "cocctl.key: is a symbolic link" in done.stdout and "holds" not in done.stdout
    done = cocctl("validate", str(committee.root / "cases"))  # git never lists a FIFO; a path given can be one
    assert done.returncode == 1 and "cases/pipe: is not a regular file" in done.stdout, done.stdout
    for command in (("list",), ("due", "--check")):
        done = cocctl(*command)
        assert 0 < done.returncode < 128 and "Traceback" not in done.stderr, (command, done.stderr)


def test_the_pre_commit_hook_refuses_a_leak_and_passes_cocctls_own_commits(archive):
    committee, material = archive
    committee.ok(None, "hooks", "install")
    committee.ok("bob", "amend", material.case, "--note", "called back")  # cocctl's commit passes the hook
    plant(committee.root, by_name("comment-line"), material)
    git(committee.root, "add", "--all")
    done = subprocess.run(["git", "commit", "-q", "-m", "tidy"], cwd=committee.root, capture_output=True, text=True)
    assert done.returncode != 0
    assert f"cases/{material.case}.yaml: is not byte for byte what cocctl writes" in done.stdout + done.stderr
    assert SUMMARY not in done.stdout + done.stderr


def _bare_remote(committee: Committee, tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(committee.root, "remote", "add", "origin", str(remote))
    git(committee.root, "push", "-q", "-u", "origin", "main")
    return remote


def test_the_pre_push_guard_refuses_to_push_a_leak(archive, tmp_path):
    committee, material = archive
    remote = _bare_remote(committee, tmp_path)
    committee.ok(None, "setup")
    where = plant(committee.root, by_name("saved-show"), material)
    git(committee.root, "add", where)
    git(committee.root, "commit", "-q", "--no-verify", "-m", "notes")
    leaky = git(committee.root, "rev-parse", "--short=12", "HEAD").strip()

    def push() -> subprocess.CompletedProcess:
        return subprocess.run(["git", "push", "-q", "origin", "main"], cwd=committee.root, capture_output=True,
                              text=True)

    done = push()
    output = done.stdout + done.stderr
    assert done.returncode != 0 and f"{where}: commit {leaky}: looks like a case's report" in output, output
    assert "refusing to push" in output and SUMMARY not in output
    git(committee.root, "rm", "-q", where)
    git(committee.root, "commit", "-q", "--no-verify", "-m", "Remove the notes")
    done = push()  # the leak is still in the history the push would add
    assert done.returncode != 0 and f"{where}: commit {leaky}" in done.stdout
    git(committee.root, "reset", "-q", "--hard", "origin/main")
    committee.ok("alice", "amend", material.case, "--note", "called back")
    assert push().returncode == 0
    assert git(remote, "rev-parse", "main") == git(committee.root, "rev-parse", "HEAD")


def test_sync_refuses_to_push_a_leak_and_pushes_once_it_is_gone(archive, tmp_path):
    committee, material = archive
    remote = _bare_remote(committee, tmp_path)
    committee.ok("alice", "amend", material.case, "--note", "first")
    (committee.root / "README.md").write_bytes(material.show)
    git(committee.root, "add", "README.md")
    git(committee.root, "commit", "-q", "--no-verify", "-m", "Add a README")
    result = committee.run("alice", "sync")
    assert result.exit_code == 6 and "refusing to push: README.md: looks like" in result.stderr, result.output
    assert "nothing was pushed" in result.stderr and SUMMARY not in result.output
    assert git(remote, "rev-parse", "main") != git(committee.root, "rev-parse", "HEAD")
    git(committee.root, "reset", "-q", "--hard", "HEAD~1")  # drop the commit that added it
    result = committee.run("alice", "sync")
    assert result.exit_code == 0, result.output
    assert git(remote, "rev-parse", "main") == git(committee.root, "rev-parse", "HEAD")


def test_verify_and_log_outside_a_git_repository_fail_clearly(committee, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("cocctl.yaml", "committee.yaml"):
        shutil.copy(committee.root / name, copy / name)
    runner = CliRunner()
    for command in (("verify",), ("log",), ("validate",)):
        result = runner.invoke(app, ["--archive", str(copy), *command])
        assert result.exit_code == 3, (command, result.output)
        assert "is not a git repository" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("wrap", ["gzip", "bzip2", "xz", "zlib", "base64 of gzip", "hex", "utf-32", "utf-16 without a bom"])
def test_the_patterns_look_inside_common_wrappings(wrap):
    import base64
    import bz2
    import gzip
    import lzma
    import zlib

    from cocctl.archive import leaks

    document = b"case: 2026-amber-falcon\nevents:\n- type: opened\n  data: {summary: x}\n"
    wrapped = {"gzip": gzip.compress, "bzip2": bz2.compress, "xz": lzma.compress, "zlib": zlib.compress,
               "base64 of gzip": lambda d: base64.b64encode(gzip.compress(d)), "hex": lambda d: d.hex().encode(),
               "utf-32": lambda d: d.decode().encode("utf-32"),
               "utf-16 without a bom": lambda d: d.decode().encode("utf-16-le")}[wrap](document)
    assert [problem.split(" (")[0] for problem in leaks.content_problems(wrapped)] == ["looks like a decrypted case document"]


def test_the_patterns_stay_fast_on_hostile_text():
    import gzip
    import time

    from cocctl.archive import leaks

    bomb = gzip.compress(b"\0" * 100_000_000, compresslevel=1)  # expands past the decoding budget
    # 2 MB each: a pattern that backtracks would take hours on these, a linear one well under a second.
    for data in (b" " * 2_000_000, b"\n" * 2_000_000, b'"events" ' * 200_000, b"ab" * 1_000_000,
                 b"summary " * 250_000, bomb):
        started = time.monotonic()
        assert leaks.content_problems(data) == []
        assert time.monotonic() - started < 10, data[:20]
