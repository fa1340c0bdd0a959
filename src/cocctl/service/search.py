"""Search the text of the cases I can read: decrypted in memory, kept only in the summary cache encrypted to me."""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cocctl.errors import AccessDenied, ConflictError, UsageError
from cocctl.model import events as ev
from cocctl.model.state import CaseState
from cocctl.service import bulk
from cocctl.service.workspace import Session, Workspace

FIELDS = ("summary", "notes", "people", "evidence", "resolution")
EXCERPT = 80


@dataclass(frozen=True)
class Hit:
    """Where a case matched: the field and a short one-line excerpt around the match."""

    field: str
    excerpt: str


@dataclass(frozen=True)
class Found:
    """A matching case: its id, status and where it matched."""

    case: str
    status: str
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class Results:
    """The matches, and how many cases were not searched because I cannot read them."""

    query: str
    found: tuple[Found, ...]
    searched: int
    unreadable: int


def search(session: Session, query: str, fields: Sequence[str] = (), statuses: Sequence[str] = ()) -> Results:
    """The cases I can read in which every word or quoted phrase of ``query`` occurs (ignoring case).

    Args:
        fields: only these of :data:`FIELDS` (default: all).
        statuses: only cases with these statuses (default: all).

    Raises:
        UsageError: an empty query, unbalanced quotes or an unknown field.
    """
    try:
        terms = [term.casefold() for term in shlex.split(query) if term.strip()]
    except ValueError:
        raise UsageError("the search text has an unbalanced quote; close it, or search without quotes") from None
    if not terms:
        raise UsageError("nothing to search for; give a word or a \"quoted phrase\"")
    unknown = [name for name in fields if name not in FIELDS]
    if unknown:
        raise UsageError(f"{unknown[0]!r} is not a field to search; use {', '.join(FIELDS)}")
    wanted = tuple(fields) or FIELDS
    work = Workspace(session)
    me = work.me.handle
    cases = bulk.reader(work)  # the summary cache: a case decrypted once per version, not at every search
    ids = work.archive.case_ids()
    cases.build(ids, private=True)
    found: list[Found] = []
    searched = unreadable = 0
    for case_id in ids:
        case_file = cases.envelope(case_id)
        if statuses and case_file.status not in statuses:
            continue
        if me not in case_file.readers:
            unreadable += 1
            continue
        try:
            state = cases.state(case_id)
        except (AccessDenied, ConflictError):
            unreadable += 1
            continue
        searched += 1
        texts = [(name, value) for name, value in texts_of(state) if name in wanted]
        every = " \n".join(value.casefold() for _, value in texts)
        if all(term in every for term in terms):
            hits = tuple(Hit(name, excerpt(value, terms)) for name, value in texts
                         if any(term in value.casefold() for term in terms))
            found.append(Found(case_id, state.status, hits))
    cases.save()
    return Results(query, tuple(found), searched, unreadable)


def texts_of(state: CaseState) -> Iterator[tuple[str, str]]:
    """Each searchable text of a case, with its field."""
    yield "summary", state.summary
    if state.area:
        yield "summary", state.area
    for event in state.events:
        if event.type == ev.NOTE:
            yield "notes", event.data["text"]
        elif event.type == ev.CONTACT:
            yield "notes", f"{event.data['with']}: {event.data['text']}"
    for person in (*state.reported, *state.witnesses):
        yield "people", person
    if state.reporter is not None:
        for value in (state.reporter.name, state.reporter.contact):
            if value:
                yield "people", value
    for item in state.evidence:
        yield "evidence", item
    for attachment in state.attachments:
        yield "evidence", attachment.name if attachment.description == attachment.name else \
            f"{attachment.name}: {attachment.description}"
    for value in (state.resolution, state.public_summary):
        if value:
            yield "resolution", value


def excerpt(text: str, terms: Sequence[str]) -> str:
    """About :data:`EXCERPT` characters of ``text`` around the first term found, on one line."""
    flat = " ".join(text.split())
    folded = flat.casefold()
    at = min((folded.find(term) for term in terms if term in folded), default=0)
    start = max(0, at - EXCERPT // 3)
    end = min(len(flat), start + EXCERPT)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
