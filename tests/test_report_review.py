"""Adversarial review of the report facts: forged or hostile metadata and events never reach what is published."""

from __future__ import annotations

import json
import re

from ruamel.yaml import YAML

from tests.conftest import case_metadata, git
from tests.test_report_layouts import LATE, PERIOD, open_case

SLUG = "bartholomew-snodgrass"


def closed_case(c):
    case = open_case(c, "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
                     "--reported", "Bartholomew Snodgrass", at="2026-07-06T10:00:00Z")
    now = {"COCCTL_NOW": "2026-07-07T10:00:00Z"}
    c.ok("alice", "propose", case, "--violation", "--consequence", "private-warning", "--rationale", "r", env=now)
    for who in ("alice", "bob", "carol"):
        c.ok(who, "vote", case, "yes", env=now)
    c.ok("alice", "decide", case, env=now)
    c.ok("alice", "close", case, "--resolution", "done", env=now)
    return case


def forge(c, case, change):
    """An outsider with push access rewrites a case file's plaintext metadata and commits it."""
    path = c.root / "cases" / f"{case}.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text())
    change(data)
    with path.open("w") as out:
        yaml.dump(data, out)
    git(c.root, "commit", "-qam", "forged", "--no-verify")


def test_forged_action_ids_in_metadata_are_never_published(make_committee):
    c = make_committee("kubernetes")
    case = closed_case(c)
    forge(c, case, lambda d: d["report"].__setitem__("actions", [SLUG]))
    for layout in ("summary", "chaoss", "kubernetes", "django"):
        for form in ("markdown", "json", "html"):
            result = c.run("alice", "report", *PERIOD, "--min-count", "1", "--layout", layout, "--format", form,
                           env=LATE)
            assert result.exit_code == 0, result.output
            assert "snodgrass" not in result.output.lower(), (layout, form)
    result = c.run("alice", "stats", "--json", env=LATE)
    assert "snodgrass" not in result.output.lower()
    assert "report actions" in c.run(None, "validate", env=LATE).output


def test_a_hostile_consequence_id_in_a_members_event_never_reaches_plaintext(make_committee, tmp_path):
    from cocctl.service.workspace import Session, Workspace

    c = make_committee("kubernetes")
    case = open_case(c, "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
                     "--reported", "Bartholomew Snodgrass", at="2026-07-06T10:00:00Z")
    # bob, a member, writes a decision by hand with a consequence id no catalogue has.
    work = Workspace(Session(archive=c.root, identity=c.keys["bob"]))
    work.change_case(case, "decide", f"Record decision on case {case}", lambda s: [("decided", {
        "outcome": "adopted", "violation": True, "consequences": [{"id": SLUG}, {"id": "ban2-x"}],
        "rationale": "r"})])
    assert SLUG not in json.dumps(case_metadata(c, case))
    # An honest member's next action rewrites the metadata: still no free text, and no error naming it.
    result = c.run("alice", "close", case, "--resolution", "done", env={"COCCTL_NOW": "2026-07-08T10:00:00Z"})
    assert "snodgrass" not in result.output.lower() and "ban2" not in result.output
    assert result.exit_code == 0, result.output
    meta = json.dumps(case_metadata(c, case))
    assert SLUG not in meta and "ban2" not in meta
    deep = c.run("alice", "validate", "--deep", env=LATE)
    assert deep.exit_code == 0, deep.output


def test_kubernetes_does_not_state_a_small_open_count_its_table_hides(make_committee):
    c = make_committee("kubernetes")
    closed_case(c)
    for at in ("2026-08-03T10:00:00Z", "2026-08-04T10:00:00Z"):
        c.ok("alice", "close", open_case(c, "--summary", "s", "--kind", "complaint", "--channel", "email",
                                         "--severity", "low", at=at), "--resolution", "r", env={"COCCTL_NOW": at})
    open_case(c, "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
              at="2026-09-03T10:00:00Z")
    text = c.ok("alice", "report", *PERIOD, env=LATE).stdout
    assert "Still open: 1" not in text


def test_forged_outcome_on_an_open_case_and_a_huge_count_are_caught_not_crashed_on(make_committee):
    c = make_committee("django")
    case = open_case(c, "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
                     at="2026-07-06T10:00:00Z")
    forge(c, case, lambda d: d["report"].update({"outcome": "action", "actions": ["permanent-suspension"],
                                                   "named": 10 ** 400}))
    checked = c.run(None, "validate", env=LATE)
    assert checked.exit_code != 0 and "outcome while the case is not closed" in checked.output
    for form in ("markdown", "json", "html"):
        result = c.run("bob", "report", *PERIOD, "--min-count", "1", "--format", form, env=LATE)
        assert result.exit_code == 0, result.output
        assert "snodgrass" not in result.output.lower() and "0" * 300 not in result.output
    text = c.ok("bob", "report", *PERIOD, "--min-count", "1", env=LATE).stdout
    assert "| Banned | 0 |" in text and "| Still open | 1 |" in text  # bob reads the log, not the forgery
    assert c.run("bob", "stats", env=LATE).exit_code == 0


def test_summary_markdown_carries_no_raw_html_from_a_public_summary_or_the_promotion(committee):
    c = committee  # contributor-covenant: cocctl's own summary layout
    case = open_case(c, "--summary", "s", "--kind", "complaint", "--channel", "email", "--severity", "low",
                     at="2026-07-06T10:00:00Z")
    c.ok("alice", "close", case, "--resolution", "r", "--public-summary",
         "Spam removed <img src=x onerror=alert(1)> [click](javascript:alert(2))",
         env={"COCCTL_NOW": "2026-07-07T10:00:00Z"})
    text = c.ok("alice", "report", *PERIOD, "--min-count", "1", "--promotion", "<script>alert(3)</script>",
                env=LATE).stdout
    assert "Spam removed" in text
    # Every markup character is backslash-escaped, so markdown shows it as text.
    assert not re.search(r"(?<!\\)[<>\[\]]", text.split("## Reports")[0] + text.split("Spam removed")[1])
