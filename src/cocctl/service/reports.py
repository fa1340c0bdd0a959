"""Transparency reports and committee statistics: counts, outcomes and response times, no names."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cocctl.clock import format_time, parse_time
from cocctl.errors import AccessDenied, UsageError
from cocctl.model.events import Event
from cocctl.model.fold import fold
from cocctl.model.state import CLOSED, ESCROWED, CaseState
from cocctl.policy import deadlines, reportable
from cocctl.policy.reportable import KIND_LABELS
from cocctl.policy.settings import Policy
from cocctl.service import bulk, mentions
from cocctl.service.workspace import Session, Workspace
from cocctl.text import markdown_inline

OTHER = "Other (groups too small to show)"
UNSPECIFIED = "Unspecified"
STILL_OPEN, ESCROW_HELD = "Still open", "Held in escrow (no action unless repeated)"
RESOLVED = "Resolved (no consequence recorded)"
NO_VIOLATION = "No Code of Conduct violation found"
OUT_OF_SCOPE = "Outside the Code of Conduct's scope"
# A case the report's author cannot read: its status is plaintext metadata every
# member sees; its kind, area and outcome are not, so they are counted as unknown.
NOT_READ = "Not known to this report's author (case not readable)"
CLOSED_NOT_READ = "Closed (outcome not known to this report's author)"
# Figures that name cases: never in the published JSON; ``stats`` keeps withheld and owners.
CASE_FIELDS = ("cases", "previous", "described")
PRIVATE_FIELDS = (*CASE_FIELDS, "withheld", "owners")
# An area is shown only when it looks like a category, not a sentence.
_AREA = re.compile(r"^[A-Za-z][A-Za-z0-9 /&,'-]{0,40}$")


@dataclass(frozen=True)
class Group:
    """One row of a breakdown."""

    label: str
    count: int


@dataclass(frozen=True)
class Timing:
    """Time from receipt to an answer, against the policy."""

    policy: str | None
    measured: int
    median_hours: float | None
    on_time: int


@dataclass(frozen=True)
class OwnerLoad:
    """How many cases one member carries (``stats`` only)."""

    member: str
    open_primary: int
    open_secondary: int
    closed_in_period: int
    overdue: int


@dataclass(frozen=True)
class Counted:
    """One case as every member sees it: status and report facts from its plaintext metadata.

    ``facts`` is None for a file written before the metadata held them, when
    its reader is not the report's author: such a case is counted, its kind
    and outcome are not known here. ``tokens`` are its blinded people tokens.
    """

    case: str
    status: str
    facts: dict[str, Any] | None
    tokens: tuple[str, ...] = ()
    opened: str = ""


@dataclass(frozen=True)
class Figures:
    """What a transparency report or ``stats`` shows for one period."""

    community: str
    period_from: str
    period_to: str
    total: int
    still_open: int
    by_kind: tuple[Group, ...]
    by_area: tuple[Group, ...]
    by_outcome: tuple[Group, ...]
    first_response: Timing
    decision: Timing
    descriptions: tuple[str, ...]
    undescribed: int
    min_count: int
    unreadable: int = 0
    withheld: tuple[str, ...] = ()
    owners: tuple[OwnerLoad, ...] = ()
    by_source: tuple[Group, ...] = ()
    unknown: int = 0  # cases whose kind and outcome the author does not know (older files)
    cases: tuple[Counted, ...] = ()
    previous: tuple[Counted, ...] = ()  # the previous period of the same length
    described: tuple[tuple[str, str | None], ...] = ()  # each case's public description, if it may be shown


def period(start: str, end: str) -> tuple[datetime, datetime]:
    """Parse ``--from``/``--to``; a date alone for ``--to`` includes that whole day.

    Raises:
        UsageError: bad dates, or an end before the start.
    """
    begin = parse_time(start, what="--from")
    finish = parse_time(end, what="--to")
    if len(end.strip()) == 10:
        finish += timedelta(days=1) - timedelta(seconds=1)
    if finish < begin:
        raise UsageError("--to is before --from; give the period's first day, then its last")
    return begin, finish


def report(session: Session, start: str, end: str, min_count: int = 3) -> Figures:
    """The public transparency report for cases received in the period.

    Breakdowns smaller than ``min_count`` are merged so no one can be singled
    out; a case is described only by its public summary, and only when that
    summary names no one known to the archive; otherwise it is only counted.

    Raises:
        UsageError: bad period or ``min_count`` below 1.
    """
    if min_count < 1:
        raise UsageError("--min-count must be at least 1")
    return _figures(Workspace(session), *period(start, end), min_count, with_owners=False)


def stats(session: Session, start: str | None, end: str | None) -> Figures:
    """The same figures for the committee itself, unmerged, with each member's load."""
    work = Workspace(session)
    begin, finish = period(start or "1970-01-01", end or format_time(work.now))
    return _figures(work, begin, finish, 1, with_owners=True)


def _figures(work: Workspace, begin: datetime, finish: datetime, min_count: int, *, with_owners: bool) -> Figures:
    me = work.me.handle
    states: list[CaseState] = []
    counted: list[Counted] = []
    earlier: list[Counted] = []  # the previous period of the same length, for comparison
    try:
        before = begin - (finish - begin) - timedelta(seconds=1)
    except OverflowError:  # a period starting near year 1 has no previous one
        before = begin
    work.plugins.prepare_archive()  # a plugin key is asked once for all cases
    cases = bulk.reader(work)
    ids = work.archive.case_ids()
    cases.build(ids, private=True)
    for case_id in ids:
        envelope = cases.envelope(case_id)
        opened = parse_time(envelope.opened)
        # The period is judged by the date every member sees (when the case was
        # opened), so two members' reports count the same cases.
        if not before <= opened <= finish:
            continue
        in_period = opened >= begin
        facts = reportable.trusted(envelope.report, envelope.status)  # forged facts count as not known
        if me in envelope.readers and (in_period or facts is None):
            try:
                events = cases.events(case_id)
            except AccessDenied:
                events = ()
            if events and in_period:
                # The case as it stood at the end of the period.
                states.append(fold([e for e in events if parse_time(e.at) <= finish] or events[:1]))
            if events and facts is None:
                facts = reportable.facts(fold(events))
        found = Counted(case_id, envelope.status, facts, envelope.people, envelope.opened)
        (counted if in_period else earlier).append(found)
    cases.save()
    states.sort(key=lambda s: (s.received_at, s.id))
    counted.sort(key=lambda c: (c.opened, c.case))
    known = mentions.Names(_known_values(work, states))
    unreadable = len(counted) - len(states)
    labels = {c.case: outcome_label(c) for c in counted}
    kinds = Counter(KIND_LABELS.get(c.facts["kind"], c.facts["kind"]) if c.facts else NOT_READ for c in counted)
    sources = Counter(reportable.SOURCE_LABELS.get(c.facts["source"], c.facts["source"]) if c.facts else NOT_READ
                      for c in counted)
    areas = Counter(_area(s.area, known) for s in states) + Counter({NOT_READ: unreadable})
    descriptions, withheld, described = [], [], {}
    for state in states:
        if state.public_summary and not known.mentioned(state.public_summary):
            outcome = labels[state.id]
            suffix = "" if outcome == RESOLVED else f" Outcome: {outcome.lower()}."
            descriptions.append(state.public_summary.strip() + suffix)
            described[state.id] = descriptions[-1]
        elif state.public_summary:
            withheld.append(state.id)
    owners = _owners(work, states, finish) if with_owners else ()
    return Figures(
        community=work.archive.config.community,
        period_from=format_time(begin), period_to=format_time(finish),
        total=len(counted), still_open=sum(1 for c in counted if c.status != CLOSED),
        by_kind=merge_small(kinds, min_count), by_area=merge_small(areas, min_count),
        by_outcome=merge_small(Counter(labels.values()), min_count),
        first_response=_timing(states, work.policy, deadlines.FIRST_RESPONSE),
        decision=_timing(states, work.policy, deadlines.DECISION),
        descriptions=tuple(descriptions), undescribed=len(counted) - len(descriptions),
        min_count=min_count, unreadable=unreadable, withheld=tuple(withheld), owners=tuple(owners),
        by_source=merge_small(sources, min_count), unknown=sum(1 for c in counted if c.facts is None),
        cases=tuple(counted), previous=tuple(earlier),
        described=tuple((c.case, described.get(c.case)) for c in counted),
    )


def merge_small(counts: Counter[str], min_count: int) -> tuple[Group, ...]:
    """Groups largest first; those under ``min_count`` merged into one "other" group.

    When the merged group is itself too small, the next smallest group joins
    it, so no group that is shown counts fewer than ``min_count`` (unless
    there is only one group left).
    """
    groups = sorted(((label, n) for label, n in counts.items() if n), key=lambda item: (-item[1], item[0]))
    small = [g for g in groups if g[1] < min_count]
    large = [g for g in groups if g[1] >= min_count]
    merged = sum(n for _, n in small)
    while small and merged < min_count and large:
        merged += large.pop()[1]
    result = [Group(label, n) for label, n in large]
    if merged:
        only = len(small) == 1 and merged == small[0][1]
        result.append(Group(small[0][0] if only and not large else OTHER, merged))
    return tuple(result)


def outcome_label(case: Counted) -> str:
    """How a case was resolved, as the report's outcome table names it."""
    if case.status == ESCROWED:
        return ESCROW_HELD
    if case.status != CLOSED:
        return STILL_OPEN
    if case.facts is None:
        return CLOSED_NOT_READ
    worst = reportable.worst(case.facts.get("actions", ()))
    if worst is not None:
        return reportable.label(worst)
    outcome = case.facts.get("outcome")
    return {reportable.NOT_VIOLATION: NO_VIOLATION, reportable.OUT_OF_SCOPE: OUT_OF_SCOPE}.get(outcome, RESOLVED)


def _timing(states: list[CaseState], policy: Policy, kind: str) -> Timing:
    hours, on_time, text = [], 0, None
    for state in states:
        for deadline in deadlines.case_deadlines(state, policy):
            if deadline.kind == kind:
                text = deadline.policy
                spent = deadlines.elapsed_hours(state, deadline)
                if spent is not None:
                    hours.append(spent)
                    on_time += bool(deadline.on_time())
    if text is None:
        setting = getattr(policy.deadlines, kind.replace("-", "_"))
        text = str(setting) if setting else None
    return Timing(text, len(hours), round(statistics.median(hours), 1) if hours else None, on_time)


def _owners(work: Workspace, states: list[CaseState], finish: datetime) -> list[OwnerLoad]:
    loads = []
    for member in work.archive.roster.active:
        mine = [s for s in states if member.handle in (s.primary, s.secondary)]
        loads.append(OwnerLoad(
            member=member.handle,
            open_primary=sum(1 for s in mine if s.primary == member.handle and s.status != CLOSED),
            open_secondary=sum(1 for s in mine if s.secondary == member.handle and s.status != CLOSED),
            closed_in_period=sum(1 for s in mine if s.status == CLOSED),
            overdue=sum(1 for s in mine if s.primary == member.handle
                        for d in deadlines.case_deadlines(s, work.policy) if d.overdue(min(finish, work.now))),
        ))
    return loads


def _known_values(work: Workspace, states: list[CaseState]) -> list[str]:
    """Every name, handle and address the archive knows: none may be published."""
    values: list[str] = []
    for member in work.archive.roster.members:
        values += [member.handle, member.name or "", member.email or ""]
    for state in states:
        values += [*state.reported, *state.witnesses]
        if state.reporter is not None:
            values += [state.reporter.name or "", state.reporter.contact or ""]
        values += [str(e.data.get("with", "")) for e in state.events if isinstance(e, Event) and e.type == "contact"]
    return values


def _area(area: str | None, known: mentions.Names) -> str:
    if not area or not _AREA.match(area.strip()) or known.mentioned(area):
        return UNSPECIFIED
    return area.strip().capitalize()


def markdown(figures: Figures, archive_root: Any = None, promotion: str | None = None) -> str:
    """The report as markdown, from the ``transparency-report.md`` template (overridable)."""
    from cocctl.service.messages import fill, load_template

    values = {
        # Published on the community's site: no raw HTML or markup from a summary or the promotion text.
        "promotion": markdown_inline(promotion) if promotion else
        "[How the Code of Conduct was promoted to community members during this period.]",
        "community": figures.community,
        "period": f"{figures.period_from[:10]} to {figures.period_to[:10]}",
        "total": str(figures.total),
        "still_open": str(figures.still_open),
        "resolved": str(figures.total - figures.still_open),
        "min_count": str(figures.min_count),
        "by_kind": _table("Kind of report", figures.by_kind),
        "by_area": _table("Code of Conduct area", figures.by_area),
        "by_outcome": _table("Outcome", figures.by_outcome),
        "timing": "\n".join([
            "| | Policy | Median | Within policy |", "|---|---|---|---|",
            _timing_row("First response", figures.first_response),
            _timing_row("Decision", figures.decision),
        ]),
        "descriptions": "\n".join(f"- {markdown_inline(text)}" for text in figures.descriptions)
        or "No case has a public description.",
        "coverage": coverage(figures),
        "undescribed": (f"{figures.undescribed} further report(s) were made; they are only counted, because "
                        "describing them could identify the people involved." if figures.undescribed else ""),
    }
    return fill(load_template("transparency-report.md", archive_root), values, "transparency-report.md")[1]


def coverage(figures: Figures) -> str:
    """What the report cannot say, when its author could not read every case."""
    if not figures.unreadable:
        return ""
    readable = figures.total - figures.unreadable
    known = ("their kind, where they came from and their outcome come from the same metadata" if not figures.unknown
             else f"the kind and outcome of {figures.unknown} of them are not known here and are shown as such")
    return (f"{figures.unreadable} of these {figures.total} report(s) could not be read by the committee member "
            "who produced this report (for example because of a declared conflict of interest). Their number and "
            f"whether they are open or closed come from what every committee member can see; {known}. Their area, "
            "response times and public descriptions come only from the "
            f"{readable} report(s) the author could read.")


def _table(header: str, groups: tuple[Group, ...]) -> str:
    rows = [f"| {header} | Reports |", "|---|---:|"] + [f"| {g.label} | {g.count} |" for g in groups]
    return "\n".join(rows) if groups else "No reports."


def _timing_row(label: str, timing: Timing) -> str:
    if timing.median_hours is None:
        return f"| {label} | {timing.policy or 'none'} | no data | |"
    median = _duration(timing.median_hours)
    return f"| {label} | {timing.policy or 'none'} | {median} | {timing.on_time} of {timing.measured} |"


def timing_sentence(label: str, timing: Timing) -> str:
    """One response time as a sentence: the policy, the median, how many were within it."""
    if timing.median_hours is None:
        return f"{label}: policy {timing.policy or 'none'}; no data."
    return (f"{label}: policy {timing.policy or 'none'}; median {_duration(timing.median_hours)}; "
            f"{timing.on_time} of {timing.measured} within policy.")


def _duration(hours: float) -> str:
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"
