"""cocctl export: a decrypted hand-over bundle, recorded in the case."""

from __future__ import annotations

import hashlib
import json


def test_export_writes_a_private_bundle_with_a_manifest_and_records_it(committee, tmp_path):
    case = committee.open()
    committee.ok("alice", "amend", case, "--note", "Riley called again on Tuesday.")
    (tmp_path / "dm.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 50)
    committee.ok("alice", "attach", case, str(tmp_path / "dm.png"))
    out = tmp_path / "bundle"
    committee.ok("bob", "export", case, "--out", str(out), "--reason", "the reporter asked for it for the police")
    assert oct(out.stat().st_mode & 0o777) == "0o700"
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["attachments/1-dm.png", "case.md", "manifest.json"]
    assert all(oct((out / f).stat().st_mode & 0o777) == "0o600" for f in files)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["exported_by"] == "bob" and manifest["reason"].startswith("the reporter asked")
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    text = (out / "case.md").read_text()
    assert "Riley" in text and "## Timeline" in text and "dm.png" in text
    state = json.loads(committee.ok("alice", "show", case, "--json").stdout)
    exported = [e for e in state["events"] if e["type"] == "exported"]
    assert exported[0]["by"] == "bob" and exported[0]["data"]["files"] == 3
    assert committee.status() == ""


def test_export_redacts_the_reporter_and_refuses_bad_targets(committee, tmp_path):
    case = committee.open()
    committee.ok("alice", "amend", case, "--note", "Riley (riley@example.org) sent more screenshots.")
    out = tmp_path / "bundle"
    committee.ok("alice", "export", case, "--out", str(out), "--reason", "reporter's request", "--redact-reporter")
    text = (out / "case.md").read_text()
    assert "Riley" not in text and "riley@example.org" not in text and "[reporter]" in text
    head = committee.head()
    for target, words in ((out, "not an empty folder"), (committee.root / "export", "outside the archive")):
        result = committee.run("alice", "export", case, "--out", str(target), "--reason", "x")
        assert result.exit_code != 0 and words in result.output
    missing = committee.run("alice", "export", case, "--out", str(tmp_path / "new"), "--reason", " ")
    assert missing.exit_code != 0 and "--reason" in missing.output and not (tmp_path / "new").exists()
    assert committee.head() == head
