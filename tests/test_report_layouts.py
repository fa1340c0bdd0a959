"""`cocctl report --layout chaoss|kubernetes|django --format markdown|json|html`: the reports communities publish."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import case_metadata

NAMES = ("Xavier", "Quillfeather", "xq@example.org", "Bartholomew", "Snodgrass", "Peregrine", "confidential",
         "alice", "bob", "carol")
PERIOD = ("--from", "2026-07-01", "--to", "2026-12-31")
LATE = {"COCCTL_NOW": "2026-12-31T12:00:00Z"}


def open_case(c, *args, at, who="alice"):
    return c.ok(who, "open", *args, "--received-at", at, env={"COCCTL_NOW": at}).stdout.strip()


def seed(c, *, voters=("alice", "bob", "carol"), hide_from_bob: bool = False):
    """Two cases in the first half of 2026, five in the second: sources, actions, outcomes of every class."""
    people = ("--reporter", "Xavier Quillfeather", "--reporter-contact", "xq@example.org",
              "--reported", "Bartholomew Snodgrass")
    ids = {}

    def case(name, kind, channel, at, *extra):
        ids[name] = open_case(c, "--summary", f"{name} by Bartholomew", "--kind", kind, "--channel", channel,
                              "--severity", "low", *people, *extra, at=at)
        return ids[name]

    def close(name, at, *extra):
        c.ok("alice", "close", ids[name], "--resolution", "confidential resolution", *extra, env={"COCCTL_NOW": at})

    def decide(name, at, *consequences, violation=True):
        now = {"COCCTL_NOW": at}
        args = [a for k in consequences for a in ("--consequence", k)]
        c.ok("alice", "propose", ids[name], "--violation" if violation else "--no-violation", *args,
             "--rationale", "Snodgrass, confidential", env=now)
        for who in voters:
            c.ok(who, "vote", ids[name], "yes", env=now)
        c.ok("alice", "decide", ids[name], env=now)

    case("early-email", "complaint", "email", "2026-02-02T10:00:00Z")
    case("early-dm", "concern", "dm", "2026-03-02T10:00:00Z")
    case("warned", "complaint", "email", "2026-07-06T10:00:00Z")
    decide("warned", "2026-07-07T10:00:00Z", "private-warning")
    close("warned", "2026-07-08T10:00:00Z", "--public-summary", "A contributor was warned about rude reviews.")
    case("banned", "complaint", "in-person", "2026-08-03T10:00:00Z")
    decide("banned", "2026-08-04T10:00:00Z", "permanent-suspension", "recommendation:to=event staff")
    close("banned", "2026-08-05T10:00:00Z", "--public-summary", "Bartholomew was banned.")
    case("cleared", "concern", "email", "2026-09-07T10:00:00Z")
    decide("cleared", "2026-09-08T10:00:00Z", "no-action", violation=False)
    close("cleared", "2026-09-09T10:00:00Z")
    case("coached", "complaint", "dm", "2026-10-05T10:00:00Z", "--reported", "Peregrine")
    decide("coached", "2026-10-06T10:00:00Z", "coaching:topic=reviews")
    close("coached", "2026-10-07T10:00:00Z", "--public-summary", "A maintainer was offered coaching.")
    case("open", "complaint", "public-channel", "2026-11-02T10:00:00Z")
    if hide_from_bob:
        for name in ("warned", "banned", "cleared", "coached"):
            c.ok("bob", "recuse", ids[name], env={"COCCTL_NOW": "2026-11-03T10:00:00Z"})
    return ids


@pytest.fixture
def kubernetes(make_committee):
    c = make_committee("kubernetes")
    return c, seed(c)


def run_report(c, *extra, who="alice"):
    return c.ok(who, "report", *PERIOD, *extra, env=LATE)


def table(text: str, title_row: str) -> dict[str, list[str]]:
    """The rows of the markdown table whose header row starts with ``title_row``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {title_row} |"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = cells[1:]
    return rows


def test_case_files_carry_report_facts_in_plaintext(kubernetes):
    c, ids = kubernetes
    assert case_metadata(c, ids["banned"])["report"] == {
        "kind": "complaint", "source": "in-person", "named": 1, "outcome": "action",
        "actions": ["permanent-suspension", "recommendation"]}
    assert case_metadata(c, ids["cleared"])["report"]["outcome"] == "not-violation"
    # An open case shows no outcome: its interim measures are not one.
    assert case_metadata(c, ids["open"])["report"] == {"kind": "complaint", "source": "public-channel", "named": 1}
    assert c.ok("alice", "validate", "--deep").exit_code == 0



def test_kubernetes_half_year_tables_compare_with_the_previous_period(kubernetes):
    c, _ = kubernetes
    text = run_report(c, "--min-count", "1").stdout  # the kubernetes preset's own layout
    for name in NAMES:
        assert name.lower() not in text.lower(), name
    assert text.startswith("# Example Code of Conduct Committee report")
    assert "received 5 report(s) in this period, 2 in the previous period of the same length (+3)" in text
    sources = table(text, "Source")
    assert sources["Email"] == ["2", "1", "+1"] and sources["Direct message"] == ["1", "1", "0"]
    assert sources["In person"] == ["1", "0", "+1"] and sources["Public channel"] == ["1", "0", "+1"]
    bodies = table(text, "Action")
    assert bodies["Committee: Permanent suspension"] == ["1", "0", "+1"]
    assert bodies["Other bodies (recommended): Recommendation to other bodies"] == ["1", "0", "+1"]
    assert bodies["Committee: Private warning"][0] == "1" and bodies["Committee: Coaching or education"][0] == "1"
    responses = table(text, "Response")
    assert responses["Restorative"] == ["2", "0", "+2"] and responses["Punitive"] == ["1", "0", "+1"]
    assert responses["No action taken"] == ["1", "0", "+1"] and responses["Still open"] == ["1", "2", "-1"]


def test_small_counts_are_not_published_exactly(kubernetes):
    c, _ = kubernetes
    text = run_report(c).stdout  # --min-count 3 by default
    assert table(text, "Source")["Email"] == ["fewer than 3", "fewer than 3", ""]
    assert "Counts of 1 to 2 in the tables are shown as fewer than 3; totals are exact." in text
    data = json.loads(run_report(c, "--format", "json").stdout)
    rows = {r["label"]: r for s in data["sections"] for t in s["tables"] for r in t["rows"]}
    assert rows["Email"] == {"label": "Email", "count": None, "previous": None, "fewer_than": 3}
    assert data["layout"] == "kubernetes" and "cases" not in json.dumps(data)


def test_django_statistics_fields(make_committee):
    c = make_committee("django")
    ids = seed(c)
    other = open_case(c, "--summary", "spam by a bot", "--kind", "concern", "--channel", "email", "--severity", "low",
                      at="2026-11-10T10:00:00Z")
    c.ok("alice", "close", other, "--resolution", "not our space", "--out-of-scope",
         env={"COCCTL_NOW": "2026-11-11T10:00:00Z"})
    assert case_metadata(c, other)["report"]["outcome"] == "out-of-scope"
    text = run_report(c, "--min-count", "1").stdout
    assert text.startswith("# Example Code of Conduct statistics")
    fields = {label: cells[0] for label, cells in table(text, "Field").items()}
    # Two distinct people named (Bartholomew in every case, Peregrine once): blinded tokens, no names.
    assert fields == {"Reports": "6", "People named": "2", "Not a violation": "1", "Out of scope": "1",
                      "No action": "0", "Warned": "1", "Suspended": "0", "Banned": "1", "Other": "1",
                      "Still open": "1"}
    assert ids and not any(name.lower() in text.lower() for name in NAMES)


def test_chaoss_layout_describes_each_incident_or_says_a_report_was_made(make_committee):
    c = make_committee("chaoss")
    seed(c, voters=("alice",))
    text = run_report(c, "--min-count", "1", "--promotion", "We linked the Code from every event page.").stdout
    for name in NAMES:
        assert name.lower() not in text.lower(), name
    assert "## How the Code of Conduct was promoted\n\nWe linked the Code from every event page." in text
    assert "4 incident(s) resolved, 1 unresolved" in text
    assert table(text, "Type") == {"Formal complaint": ["4"], "Concern raised": ["1"]}
    resolutions = table(text, "Resolution")
    assert resolutions["Still open"] == ["1"] and resolutions["Permanent suspension"] == ["1"]
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert items == ["- A contributor was warned about rude reviews. Outcome: private warning.",
                     "- A report was made.",  # its summary names the reported person
                     "- A report was made.",  # no public summary
                     "- A maintainer was offered coaching. Outcome: coaching or education.",
                     "- A report was made."]  # still open


def test_a_member_who_cannot_read_counts_the_same_and_is_told_what_is_missing(make_committee):
    """CHAOSS access: only cleared members read a case; bob is cleared for none, yet counts the same."""
    c = make_committee("chaoss")
    seed(c, voters=("alice",))
    alices = run_report(c, "--layout", "django", "--min-count", "1").stdout
    bobs = c.ok("bob", "report", *PERIOD, "--layout", "django", "--min-count", "1", env=LATE)
    assert table(bobs.stdout, "Field") == table(alices, "Field")
    assert table(alices, "Field")["Banned"] == ["1"] and "could not be read" not in alices
    assert "5 of these 5 report(s) could not be read by the committee member" in bobs.stdout
    assert "cannot read are counted from their metadata" in bobs.stderr
    chaoss = c.ok("bob", "report", *PERIOD, "--min-count", "1", env=LATE).stdout
    assert table(chaoss, "Resolution") == table(run_report(c, "--min-count", "1").stdout, "Resolution")
    assert "warned about rude reviews" not in chaoss and chaoss.count("- A report was made.") == 5
    assert "public descriptions come only from the 0 report(s) the author could read" in chaoss


def test_old_case_files_without_report_facts_still_validate_and_are_counted(kubernetes):
    c, ids = kubernetes
    from dataclasses import replace

    from cocctl.archive import casefile

    path = c.root / "cases" / f"{ids['banned']}.yaml"
    found = casefile.loads(path.read_bytes(), name=path.name)
    path.write_bytes(casefile.dumps(replace(found, report=None)))  # as cocctl wrote it before the facts existed
    subprocess.run(["git", "commit", "-qam", "an older file"], cwd=c.root, check=True)
    assert "report" not in case_metadata(c, ids["banned"])
    c.ok("alice", "validate", "--deep")
    # alice reads it: its facts come from its events.
    assert table(run_report(c, "--min-count", "1").stdout, "Response")["Punitive"][0] == "1"
    # An edited fact is caught by a reader.
    path.write_bytes(casefile.dumps(replace(found, report={"kind": "concern", "source": "email", "named": 0,
                                                          "outcome": "no-action"})))
    result = c.run("alice", "validate", "--deep")
    assert result.exit_code != 0 and "report facts differ" in result.output


def test_bad_layout_and_format(kubernetes):
    c, _ = kubernetes
    result = c.run("alice", "report", *PERIOD, "--layout", "pycon")
    assert result.exit_code == 2 and "--layout must be one of summary, chaoss, kubernetes, django" in result.stderr
    result = c.run("alice", "report", *PERIOD, "--format", "pdf")
    assert result.exit_code == 2 and "--format must be markdown, json or html" in result.stderr


def test_names_index_matches_like_a_scan_of_every_name():
    from cocctl.service.mentions import Names

    names = Names(["Ann Lee", "al bo", "xq@example.org", "Bartholomew Snodgrass", "", "lee"])
    assert names.mentioned("Joann leeway came")  # a phrase inside words, as before
    assert names.mentioned("said al bo.") and names.mentioned("Snodgrass left") and names.mentioned("write x@y")
    assert not names.mentioned("a member was warned") and not names.mentioned("al  bo")
    assert not names.mentioned("example org")  # an address's domain names no one


def test_summaries_are_checked_in_linear_time():
    """10,000 known names and 10,000 summaries: one index, not a scan of every name per summary."""
    import time

    from cocctl.service.mentions import Names

    names = Names([f"Person{i} Family{i}" for i in range(10_000)] + [f"p{i} q{i}" for i in range(10_000)])
    summaries = [f"A member was warned about behaviour number {i} in a channel." for i in range(10_000)]
    started = time.perf_counter()
    assert not any(names.mentioned(text) for text in summaries)
    assert time.perf_counter() - started < 2.0
    assert names.mentioned("seen with p9999 q9999 today")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def render_dom(page: Path, profile: Path) -> str:
    """The page's DOM after headless Chromium has rendered it (nothing is fetched: the page asks for nothing)."""
    import os
    import tempfile

    browser = chromium()
    assert browser is not None
    # Chromium's singleton socket must have a short path (a Unix socket's limit), which
    # tmp_path is not: a private folder in /tmp, removed afterwards.
    short = tempfile.mkdtemp(prefix="cocctl-cr-", dir="/tmp")
    # The browser keeps the real clock (CI also runs the suite under faketime).
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME")} | {"TMPDIR": short}
    try:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, env=env)
    finally:
        shutil.rmtree(short, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_html_page_is_self_contained_and_escaped(kubernetes, tmp_path):
    c, ids = kubernetes
    hostile = open_case(c, "--summary", "x", "--kind", "complaint", "--channel", "email", "--severity", "low",
                        at="2026-11-20T10:00:00Z")
    c.ok("alice", "close", hostile, "--resolution", "r", "--public-summary",
         '<script>alert(1)</script><img src="https://example.invalid/x.png"> & done',
         env={"COCCTL_NOW": "2026-11-21T10:00:00Z"})
    page = run_report(c, "--format", "html", "--layout", "chaoss", "--min-count", "1",
                      "--promotion", "Posters <b>at</b> every event").stdout
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 3
    assert "<script" not in page and "<img" not in page and "<link" not in page
    assert not re.search(r"<[^>]*\s(src|href)=", page) and "url(" not in page and "@import" not in page
    assert html.escape('<script>alert(1)</script>') in page
    for name in NAMES:
        assert name.lower() not in page.lower(), name
    if chromium() is None:
        pytest.skip("chromium is not installed (Debian package 'chromium'): the page was not rendered")
    target = tmp_path / "report.html"
    target.write_text(page, encoding="utf-8")
    dom = render_dom(target, tmp_path / "profile")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", dom)))
    assert "Example Code of Conduct transparency report" in text
    assert "Posters <b>at</b> every event" in text  # shown as text, never as markup
    assert "<script>alert(1)</script>" in text and "alert(1)" not in re.sub(r"<li>.*?</li>", "", dom)
    assert "Formal complaint 5" in text and "A report was made." in text
    assert dom.count("<rect") >= 4 and "<script" not in dom.replace("&lt;script", "")


def test_html_hides_small_counts_and_compares_periods(kubernetes):
    c, _ = kubernetes
    page = run_report(c, "--format", "html").stdout
    assert page.count("<svg") == 3 and page.count("<table>") == 3
    assert "<td class=\"n\">fewer than 3</td>" in page
    # No bar gives away a count that is not published; the legend names the periods.
    assert page.count("<rect") == 3 * 2 and "previous</text>" in page  # the legends only
    full = run_report(c, "--format", "html", "--min-count", "1").stdout
    assert full.count("<rect") > page.count("<rect") and ">Email</text>" in full
