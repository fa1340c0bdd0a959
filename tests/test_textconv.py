"""The git diff driver: members see decrypted YAML in git diff/log -p, others a marker; setup and init --ci."""

from __future__ import annotations

import os
import subprocess

from cocctl.archive import yamlio
from tests.conftest import git


def git_as(committee, who: str | None, *args: str) -> str:
    """Run git in the archive with ``who``'s identity in the environment, as git runs textconv."""
    env = {**os.environ, "COCCTL_IDENTITY": str(committee.keys[who]) if who else "/nonexistent/key"}
    done = subprocess.run(["git", *args], cwd=committee.root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def test_init_registers_the_drivers(committee):
    config = git(committee.root, "config", "--local", "--list")
    assert "diff.cocctl.textconv=" in config and "-m cocctl textconv" in config
    assert "diff.cocctl.cachetextconv=false" in config
    assert "merge.cocctl.driver=" in config
    git(committee.root, "config", "--local", "--unset", "diff.cocctl.textconv")
    result = committee.ok(None, "setup")
    assert "diff.cocctl.textconv" in result.stderr
    assert "-m cocctl textconv" in git(committee.root, "config", "--local", "diff.cocctl.textconv")


def test_members_see_the_decrypted_change_in_git_log(committee):
    case = committee.open()
    committee.ok("bob", "amend", case, "--note", "called back on Tuesday")
    patch = git_as(committee, "alice", "log", "-p", "-1")
    assert "+    text: called back on Tuesday" in patch
    assert "BEGIN AGE" not in patch and "-----" not in patch.replace("--- a/", "").replace("+++ b/", "")


def test_others_see_a_marker_not_ciphertext(committee):
    case = committee.open("alice", "--exclude", "carol")
    committee.ok("alice", "amend", case, "--note", "secret detail", env={"COCCTL_NOW": "2030-01-02T03:04:05Z"})
    patch = git_as(committee, "carol", "log", "-p", "-1")
    assert f"encrypted case {case}, open" in patch and "you are not a reader" in patch
    assert "secret detail" not in patch and "BEGIN AGE" not in patch
    keyless = git_as(committee, None, "diff", "HEAD~1", "HEAD")
    assert "you cannot decrypt it" in keyless and "BEGIN AGE" not in keyless


def test_textconv_output_is_canonical_yaml_with_recipients(committee, tmp_path):
    case = committee.open()
    result = committee.ok("bob", "textconv", str(committee.root / "cases" / f"{case}.yaml"))
    assert result.stdout.startswith("# readers: alice, bob, carol\n")
    document = yamlio.loads(result.stdout)
    assert document["case"] == case and document["events"][0]["type"] == "opened"
    plain = tmp_path / "plain.yaml"
    plain.write_text("case: x\nevents:\n- type: opened\n")
    assert "not an encrypted case file" in committee.ok("bob", "textconv", str(plain)).stdout


def test_init_ci_writes_the_workflow_in_the_first_commit(tmp_path):
    from typer.testing import CliRunner

    from cocctl.cli import app

    runner = CliRunner()
    key = tmp_path / "key"
    assert runner.invoke(app, ["keygen", "--out", str(key)]).exit_code == 0
    for kind, path in (("github", ".github/workflows/cocctl.yml"), ("gitlab", ".gitlab-ci.yml")):
        root = tmp_path / kind
        result = runner.invoke(app, ["-i", str(key), "init", str(root), "--community", "Ex", "--me", "ann", "--ci", kind])
        assert result.exit_code == 0, result.output
        assert path in git(root, "show", "--name-only", "--format=", "HEAD").split()
        workflow = yamlio.loads((root / path).read_bytes())
        text = (root / path).read_text()
        assert "cocctl validate" in text and "cocctl due --check" in text and "cocctl verify" in text
        if kind == "github":
            assert {"push", "pull_request", "schedule"} <= set(workflow["on"])
        else:
            assert 'merge_request_event' in text and "schedule" in workflow["due"]["rules"][0]["if"]
        assert runner.invoke(app, ["--archive", str(root), "validate"]).exit_code == 0
    bad = runner.invoke(app, ["-i", str(key), "init", str(tmp_path / "x"), "--community", "Ex", "--me", "ann",
                              "--ci", "jenkins"])
    assert bad.exit_code == 2 and not (tmp_path / "x").exists()
