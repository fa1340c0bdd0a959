"""A throw-away archive walked from report to closure, for `cocctl demo`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocctl.archive import keys
from cocctl.archive.git import Git
from cocctl.clock import parse_time
from cocctl.errors import AccessDenied
from cocctl.service import cases, committee, decisions, drafts, evidence, setup
from cocctl.service import keys as member_keys
from cocctl.service.workspace import Session

# Monday to Thursday of one week: the demo tells a story over days.
DAYS = ("2026-11-16T09:12:00Z", "2026-11-16T15:40:00Z", "2026-11-17T10:05:00Z", "2026-11-18T11:00:00Z",
        "2026-11-19T16:30:00Z")

Step = Callable[[str, Any], None]


@dataclass(frozen=True)
class DemoMember:
    """A demo member: handle, role and where their throw-away key lives."""

    handle: str
    identity: Path


def run(folder: Path, step: Step) -> dict[str, DemoMember]:
    """Build an archive in ``folder`` and walk one case through it.

    ``step(title, data)`` is called after each action with what it produced,
    so the caller can show it. Only ``folder`` is touched: the keys, the
    archive and its git configuration all live there.
    """
    archive = folder / "archive"
    people = {handle: DemoMember(handle, folder / "keys" / handle) for handle in ("alice", "bob", "carol")}
    public = {}
    for member in people.values():
        public[member.handle] = member_keys.parse_public(keys.generate(member.identity, parse_time(DAYS[0])).public)
    day = 0

    def as_(handle: str) -> Session:
        """The member acting on the demo's current day."""
        return Session(archive=archive, identity=people[handle].identity, now=parse_time(DAYS[day]), cache=False)

    archive.mkdir(parents=True)
    git = Git(archive)
    git.run("init", "--quiet")
    # The demo's commits are its own: no user identity or signing key needed.
    for key, value in (("user.name", "cocctl demo"), ("user.email", "demo@example.invalid"),
                       ("commit.gpgsign", "false")):
        git.run("config", key, value)

    setup.init_archive(Session(identity=people["alice"].identity, now=parse_time(DAYS[0])), archive,
                       "Example Community", "alice", "kubernetes", ("chair",))
    committee.add_member(as_("alice"), "bob", public["bob"], name="Bob Example")
    committee.add_member(as_("alice"), "carol", public["carol"], name="Carol Example", employer="Acme")
    step("committee", committee.list_members(as_("alice")).members)
    report = {
        "summary": "Repeated unwelcome private messages after being asked to stop.",
        "area": "harassment",
        "kind": "complaint",
        "channel": "email",
        "received_at": "2026-11-16T08:30:00Z",
        "severity": "high",
        "reported": ["sam"],
        "reporter": {"name": "Riley", "contact": "riley@example.org"},
        "privacy": "Riley does not want their employer to know.",
        "consent": False,
    }
    # Carol works with sam: she declares a conflict, so she never gets the key.
    opened = cases.open_case(as_("alice"), report, exclude=["carol"])
    step("opened", opened)
    case_id = opened.case
    # Riley's export of the messages: a file outside the archive, stored in it encrypted to the case's readers.
    chat = folder / "riley-dm-export.txt"
    chat.write_text("2026-11-12 22:03 sam: you up?\n2026-11-12 22:40 Riley: please stop messaging me\n"
                    "2026-11-13 23:15 sam: come on, just one call\n", encoding="utf-8")
    step("attached", evidence.attach(as_("alice"), case_id, [chat], "Riley's export of the private messages"))
    day = 1
    step("amended", cases.amend_case(as_("alice"), case_id, notes=["Acknowledged to Riley by email."],
                                     evidence=["moderation log excerpt"]))
    step("assigned", cases.assign_case(as_("alice"), case_id, "alice", "bob"))
    day = 2
    step("amended", cases.amend_case(as_("bob"), case_id, contacts=[("sam", "Call: sam acknowledged the messages.")]))
    try:
        cases.show_case(as_("carol"), case_id)
    except AccessDenied as error:
        step("denied", str(error))
    day = 3
    proposal = decisions.propose(
        as_("alice"), case_id, violation=True,
        specs=["private-warning:no-contact=180d"],
        rationale="Messages continued after a clear request to stop.")
    step("proposed", proposal)
    step("voted", decisions.vote(as_("alice"), case_id, "yes").change)
    step("voted", decisions.vote(as_("bob"), case_id, "yes").change)
    step("decided", decisions.decide(as_("alice"), case_id).change)
    step("draft", drafts.draft(as_("alice"), case_id, "reported", "decision"))
    step("sent", drafts.record_sent(as_("alice"), case_id, "reported", "decision"))
    day = 4
    step("closed", cases.close_case(
        as_("alice"), case_id, "Private warning to sam; no contact with Riley for 6 months.",
        "A member received a private warning for unwelcome private messages."))
    step("case", cases.show_case(as_("alice"), case_id))
    step("list", cases.list_cases(as_("alice")))
    step("log", git_log(archive))
    return people


def git_log(archive: Path) -> list[dict[str, str]]:
    """The archive's commits, newest first: id, date, actor and subject."""
    output = Git(archive).run(
        "log", "--format=%h%x1f%aI%x1f%(trailers:key=Cocctl-Actor,valueonly,separator=)%x1f%s"
    )
    entries = []
    for line in output.splitlines():
        short, date, actor, subject = line.split("\x1f")
        entries.append({"commit": short, "date": date, "actor": actor.strip(), "subject": subject})
    return entries
