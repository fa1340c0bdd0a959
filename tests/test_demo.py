"""`cocctl demo` walks a case from report to closure without touching the user's files."""

from __future__ import annotations

from typer.testing import CliRunner

from cocctl.cli import app


def test_demo_shows_case_list_and_log_and_leaves_no_trace(isolated, tmp_path):
    # The autouse fixture points TMPDIR at tmp_path / "tmp".
    before = sorted(p.name for p in isolated.rglob("*"))
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("Open case", "Amend case", "Assign case", "Close case", "the audit trail",
                     "cocctl list", "timeline", "not one of its recipients", "riley-dm-export.txt",
                     "Attach 1 file to case"):
        assert expected in out
    assert "Riley" in out.split("cocctl show")[1]  # the member sees the case content...
    log = out.split("git log")[1]
    assert "Riley" not in log and "sam" not in log  # ...the audit trail does not
    assert "shared folder" not in out and "please stop messaging me" not in out
    assert sorted(p.name for p in isolated.rglob("*")) == before
    assert list((tmp_path / "tmp").iterdir()) == []


def test_demo_keep_leaves_an_explorable_archive(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = CliRunner().invoke(app, ["demo", "--keep"])
    assert result.exit_code == 0, result.output
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("cocctl-demo-")]
    assert len(kept) == 1 and (kept[0] / "archive" / "cocctl.yaml").is_file()
