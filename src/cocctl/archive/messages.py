"""cocctl's commit message format, and the check that a message holds nothing confidential.

A cocctl commit message is exactly a subject naming the action and the case,
a blank line, and the ``Cocctl-*`` trailers. Any other text could carry case
content into the history, which every clone and every CI log can read.
"""

from __future__ import annotations

import re

from cocctl.archive.git import TRAILER_ACTION, TRAILER_ACTOR, TRAILER_CASE
from cocctl.archive.history import Commit

CASE_ID = r"[0-9]{4}-[a-z]+-[a-z]+"
HANDLE = r"[a-z0-9][a-z0-9._-]{0,38}"
TRAILERS = (TRAILER_ACTION, TRAILER_CASE, TRAILER_ACTOR)

# The exact subject of each action this version makes. Actions added later
# fall back to GENERIC_CASE_SUBJECT / GENERIC_SUBJECT below.
SUBJECTS: dict[str, str] = {
    "init": r"Create the cocctl archive for [^\n]{1,200}",
    "open": rf"Open case {CASE_ID}",
    "amend": rf"Amend case {CASE_ID}",
    "edit": rf"Edit case {CASE_ID}",
    "assign": rf"Assign case {CASE_ID}",
    "close": rf"Close case {CASE_ID}",
    "reopen": rf"Reopen case {CASE_ID}",
    "attach": rf"(?:Attach [0-9]{{1,4}} files? to|Add a note to) case {CASE_ID}",
    "export": rf"Record an export of case {CASE_ID}",
    "expunge": rf"Expunge case {CASE_ID}",
    "member-add": rf"Add member {HANDLE}",
    "member-remove": rf"Remove member {HANDLE}",
    "reencrypt": r"Re-encrypt cases to their readers",
    # Seven words: longer than a generic subject allows (verify and the pre-push hook refused it).
    "plan-response": rf"Record the response to a plan on case {CASE_ID}",
}
# A plain sentence of at most six lowercase words ending in the case id
# ("Record vote on case 2026-amber-falcon"): room for an action's name, none
# for a person's name or a summary.
# Words may be handles (lowercase, digits, . _ -) or possessives ("party's").
_WORD = r"[a-z0-9][a-z0-9'._-]*"
GENERIC_CASE_SUBJECT = rf"[A-Z][a-z-]+(?: {_WORD}){{0,5}} case {CASE_ID}"
GENERIC_SUBJECT = rf"[A-Z][a-z-]+(?: {_WORD}){{0,6}}"
_ACTION = re.compile(r"^[a-z][a-z-]{0,39}$")
_HANDLE = re.compile(rf"^(?:{HANDLE})$")
_CASE_IN_SUBJECT = re.compile(CASE_ID)


def is_cocctl_commit(commit: Commit) -> bool:
    """Whether the commit claims to be cocctl's (it carries a Cocctl-Action trailer)."""
    return commit.action is not None


def problems(commit: Commit) -> list[str]:
    """Return what breaks cocctl's message format in ``commit``, empty when it is right.

    Lines never quote the message: if it holds case content, repeating it
    in a CI log would leak it a second time.
    """
    found = []
    trailers = commit.trailers
    action, case, actor = trailers.get(TRAILER_ACTION), trailers.get(TRAILER_CASE), trailers.get(TRAILER_ACTOR)
    if action is None or actor is None:
        missing = [name for name, value in ((TRAILER_ACTION, action), (TRAILER_ACTOR, actor)) if value is None]
        found.append(f"is missing the {' and '.join(missing)} trailer")
    other = [name for name in trailers if name not in TRAILERS]
    if other:
        found.append(f"has trailers cocctl does not write ({', '.join(sorted(other))})")
    expected = commit.subject + "\n\n" + "".join(f"{key}: {value}\n" for key, value in trailers.items())
    if not trailers or commit.message.rstrip("\n") != expected.rstrip("\n"):
        found.append("holds text besides the subject and the Cocctl trailers")
    if action is not None and not _ACTION.match(action):
        found.append("has a malformed Cocctl-Action trailer")
    if actor is not None and not _HANDLE.match(actor):
        found.append("has a Cocctl-Actor trailer that is not a member handle")
    if case is not None and not re.fullmatch(CASE_ID, case):
        found.append("has a malformed Cocctl-Case trailer")
    pattern = SUBJECTS.get(action or "") or (GENERIC_CASE_SUBJECT if case else GENERIC_SUBJECT)
    if not re.fullmatch(pattern, commit.subject):
        found.append(f"has a subject that is not in cocctl's format for the {action or 'unknown'} action")
    named = _CASE_IN_SUBJECT.findall(commit.subject)
    if case is not None and named and named != [case]:
        found.append("names another case in its subject than in its Cocctl-Case trailer")
    if case is None and named and action != "init":
        found.append("names a case in its subject but has no Cocctl-Case trailer")
    return found
