"""The pre-commit hook, the pre-commit framework entry, and signed commits required by policy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cocctl.archive import yamlio
from tests.conftest import git

PROJECT = Path(__file__).resolve().parent.parent


def ssh_signing(root: Path, tmp_path: Path) -> bool:
    """Configure real ssh commit signing in ``root``; False when ssh-keygen is missing."""
    if shutil.which("ssh-keygen") is None:
        return False
    key = tmp_path / "signing_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", str(key)], check=True)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"tests@example.invalid namespaces=\"git\" {key.with_suffix('.pub').read_text()}")
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(key)),
                        ("gpg.ssh.allowedSignersFile", str(allowed)), ("commit.gpgsign", "true")):
        git(root, "config", name, value)
    return True


def require_signing(committee) -> None:
    config = committee.root / "cocctl.yaml"
    data = yamlio.loads(config.read_bytes())
    data["policy"] = {"require_signed_commits": True}
    config.write_text(yamlio.dumps(data))
    committee.ok("alice", "policy", "sign")


def test_hook_install_runs_keyless_validation_on_staged_files(committee):
    result = committee.ok(None, "hooks", "install")
    hook = committee.root / ".git" / "hooks" / "pre-commit"
    assert "installed the cocctl pre-commit hook" in result.stderr and hook.stat().st_mode & 0o100
    assert "already installed" in committee.ok(None, "hooks", "install").stderr
    case = committee.open()  # cocctl's own commits pass the hook
    (committee.root / "copy.yaml").write_text("case: x\nevents:\n- type: opened\n")
    git(committee.root, "add", "copy.yaml")
    done = subprocess.run(["git", "commit", "-q", "-m", "oops"], cwd=committee.root, capture_output=True, text=True)
    assert done.returncode != 0 and "copy.yaml: looks like a decrypted case document" in done.stdout + done.stderr
    assert git(committee.root, "log", "-1", "--format=%s").strip() == f"Open case {case}"


def test_hook_install_refuses_to_overwrite_another_hook(committee):
    hook = committee.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    result = committee.run(None, "hooks", "install")
    assert result.exit_code == 7 and "--force" in result.stderr
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"
    assert "replaced the old one" in committee.ok(None, "hooks", "install", "--force").stderr
    assert "validate --staged" in hook.read_text()


def test_pre_commit_framework_entry():
    hooks = yamlio.loads((PROJECT / ".pre-commit-hooks.yaml").read_bytes())
    entry = next(hook for hook in hooks if hook["id"] == "cocctl-validate")
    assert entry["entry"] == "cocctl validate" and entry["language"] == "python"


def test_required_signing_refuses_to_write_unsigned(committee):
    case = committee.open()
    require_signing(committee)
    before = committee.head()
    result = committee.run("alice", "amend", case, "--note", "x")
    assert result.exit_code == 2 and "requires signed commits" in result.stderr
    assert committee.head() == before and committee.status() == ""


def test_required_signing_writes_signed_commits_and_verify_checks_them(committee, tmp_path):
    case = committee.open()
    require_signing(committee)
    if not ssh_signing(committee.root, tmp_path):
        pytest.skip("ssh-keygen is not installed")
    committee.ok("alice", "amend", case, "--note", "signed")
    assert git(committee.root, "log", "-1", "--format=%G?").strip() == "G"
    assert committee.ok("alice", "verify").exit_code == 0  # the unsigned commits predate the rule
    git(committee.root, "config", "commit.gpgsign", "false")
    path = committee.root / "cases" / f"{case}.yaml"
    path.write_text(path.read_text() + "\n")
    git(committee.root, "commit", "-q", "-a", "-m",
        f"Amend case {case}\n\nCocctl-Action: amend\nCocctl-Case: {case}\nCocctl-Actor: alice")
    result = committee.run("alice", "verify")
    assert result.exit_code == 1 and "is not signed, but the policy requires signed commits" in result.stdout
