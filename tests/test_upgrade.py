"""`cocctl upgrade`: a format-1 archive (unsigned roster, one payload per case) becomes format 2 in one commit."""

from __future__ import annotations

import json

import pyrage
from ruamel.yaml import YAML

from cocctl.archive import yamlio
from cocctl.cli import app
from tests.conftest import git, make_key

V1_EVENT = {"id": "01KA0000000000000000000000", "at": "2026-11-10T09:00:00Z", "by": "bob", "type": "opened",
            "data": {"case": "2026-amber-falcon", "summary": "Unwelcome DMs", "kind": "complaint",
                     "channel": "email", "severity": "high", "reported": ["sam"],
                     "received_at": "2026-11-10T08:00:00Z"}}


def _v1_archive(tmp_path, runner):
    keys = {h: tmp_path / "keys" / h for h in ("alice", "bob")}
    lines = {h: make_key(runner, path) for h, path in keys.items()}
    root = tmp_path / "archive"
    (root / "cases").mkdir(parents=True)
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    with (root / "cocctl.yaml").open("w") as stream:
        yaml.dump({"cocctl": 1, "community": "Example", "preset": "contributor-covenant"}, stream)
    members = [{"handle": h, "recipient": lines[h].split()[0], "joined": "2026-01-01T00:00:00Z"} for h in keys]
    with (root / "committee.yaml").open("w") as stream:
        yaml.dump({"cocctl": 1, "members": members}, stream)
    document = {"cocctl": 1, "case": "2026-amber-falcon", "status": "open", "opened": V1_EVENT["at"],
                "updated": V1_EVENT["at"], "events": [V1_EVENT]}
    recipients = [pyrage.x25519.Recipient.from_str(lines[h].split()[0]) for h in keys]
    payload = pyrage.encrypt(json.dumps(document).encode(), recipients)
    armored = "-----BEGIN AGE ENCRYPTED FILE-----\n" + "\n".join(
        __import__("base64").b64encode(payload).decode()[i:i + 64]
        for i in range(0, len(__import__("base64").b64encode(payload)), 64)) + "\n-----END AGE ENCRYPTED FILE-----\n"
    envelope = {"cocctl": 1, "case": "2026-amber-falcon", "status": "open", "opened": V1_EVENT["at"],
                "updated": V1_EVENT["at"], "recipients": ["alice", "bob"], "payload": armored}
    with (root / "cases" / "2026-amber-falcon.yaml").open("w") as stream:
        yaml.dump(envelope, stream)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Create the cocctl archive for Example\n\nCocctl-Action: init\nCocctl-Actor: alice")
    return root, keys, lines


def _run(runner, root, key, *args):
    return runner.invoke(app, ["--archive", str(root), "--identity", str(key), *args])


def test_upgrade_signs_the_roster_converts_readable_cases_and_keeps_their_events(tmp_path):
    from typer.testing import CliRunner

    runner = CliRunner()
    root, keys, lines = _v1_archive(tmp_path, runner)
    first = _run(runner, root, keys["alice"], "show", "2026-amber-falcon")
    assert first.exit_code == 0, first.output  # format 1 still reads
    refused = _run(runner, root, keys["alice"], "amend", "2026-amber-falcon", "--note", "x")
    assert refused.exit_code == 7 and "cocctl upgrade" in refused.stderr
    done = _run(runner, root, keys["alice"], "upgrade")
    assert done.exit_code == 0, done.output
    assert "1 case(s) converted" in done.stderr and "bob" in done.stderr  # bob has no signing key yet
    case = YAML(typ="safe").load((root / "cases" / "2026-amber-falcon.yaml").read_text())
    assert case["cocctl"] == 2 and case["seals"][0]["imported"] is True
    shown = json.loads(_run(runner, root, keys["bob"], "show", "2026-amber-falcon", "--json").stdout)
    assert [e["id"] for e in shown["events"]] == [V1_EVENT["id"]]
    # bob cannot write until a member records his signing key; then he can.
    assert _run(runner, root, keys["bob"], "amend", "2026-amber-falcon", "--note", "x").exit_code == 5
    assert _run(runner, root, keys["alice"], "member", "rotate-key", "bob", "--key", lines["bob"]).exit_code == 0
    assert _run(runner, root, keys["bob"], "amend", "2026-amber-falcon", "--note", "x").exit_code == 0
    verified = _run(runner, root, keys["alice"], "verify")
    assert verified.exit_code == 0, verified.output
    again = _run(runner, root, keys["alice"], "upgrade")
    assert again.exit_code == 7 and "already format 2" in again.stderr


def test_validate_accepts_a_format_1_case_file_only_as_cocctl_wrote_it(tmp_path):
    from typer.testing import CliRunner

    runner = CliRunner()
    from cocctl import age

    root, keys, lines = _v1_archive(tmp_path, runner)
    path = root / "cases" / "2026-amber-falcon.yaml"
    by_hand = path.read_bytes()  # dumped with sorted keys, and rage adds a "grease" stanza cocctl never writes
    envelope = YAML(typ="safe").load(by_hand)
    written = {key: envelope[key] for key in ("cocctl", "case", "status", "opened", "updated", "recipients")}
    document = {"cocctl": 1, "case": "2026-amber-falcon", "status": "open", "opened": V1_EVENT["at"],
                "updated": V1_EVENT["at"], "events": [V1_EVENT]}
    payload = age.encrypt(yamlio.dumps(document).encode(), [lines[h].split()[0] for h in ("alice", "bob")], armor=True)
    written["payload"] = yamlio.Literal(payload.decode())
    path.write_text(yamlio.dumps(written))  # as cocctl 0.1 wrote a format-1 file
    result = _run(runner, root, keys["alice"], "validate")
    assert result.exit_code == 0, result.output
    with path.open("w") as stream:  # the same content, dumped another way
        YAML(typ="safe").dump({**written, "payload": str(written["payload"])}, stream)
    result = _run(runner, root, keys["alice"], "validate")
    assert result.exit_code == 1
    assert "cases/2026-amber-falcon.yaml: is not byte for byte what cocctl writes" in result.stdout
    path.write_bytes(by_hand)
    result = _run(runner, root, keys["alice"], "validate")
    # rage's grease stanza is one stanza too many for two readers.
    assert result.exit_code == 1 and "(it is encrypted to 3 key(s) but lists 2 reader(s))" in result.stdout
