"""The transparency report in the layouts communities publish: CHAOSS, Kubernetes, Django, and cocctl's own.

Each layout turns the period's :class:`~cocctl.service.reports.Figures` into
a :class:`Document` (sections of paragraphs, tables and list items) that
render/ writes as markdown, JSON or one self-contained HTML page. Counts
come from the plaintext metadata every member sees; descriptions and areas
only from the cases the report's author can read, and the document says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cocctl.errors import UsageError
from cocctl.model.state import CLOSED, ESCROWED
from cocctl.policy import reportable
from cocctl.service import reports
from cocctl.service.reports import Counted, Figures, Group

SUMMARY, CHAOSS, KUBERNETES, DJANGO = "summary", "chaoss", "kubernetes", "django"
LAYOUTS = (SUMMARY, CHAOSS, KUBERNETES, DJANGO)
# A preset's own layout; presets not listed use cocctl's summary.
PRESET_LAYOUTS = {"chaoss": CHAOSS, "kubernetes": KUBERNETES, "django": DJANGO}
PROMOTION = "[How the Code of Conduct was promoted to community members during this period.]"
DJANGO_FIELDS = ("not a violation", "out of scope", "no action", "warned", "suspended", "banned", "other")


@dataclass(frozen=True)
class Row:
    """One row of a table: a count, ``None`` when it is too small to publish (fewer than ``min_count``)."""

    label: str
    count: int | None
    previous: int | None = None
    # When ``previous`` is None: True means there is a previous value, too small to publish.
    previous_hidden: bool = False


@dataclass(frozen=True)
class Table:
    """A titled table of counts; ``compare``: it has a previous-period column."""

    title: str
    header: str
    rows: tuple[Row, ...]
    compare: bool = False


@dataclass(frozen=True)
class Section:
    """A heading with its paragraphs, tables and list items, in that order."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A whole report in one layout."""

    layout: str
    title: str
    period: str
    min_count: int
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()


def layout_for(preset: str, requested: str | None) -> str:
    """The layout to use: the one asked for, else the preset's, else cocctl's summary.

    Raises:
        UsageError: an unknown layout.
    """
    if requested is None:
        return PRESET_LAYOUTS.get(preset, SUMMARY)
    if requested not in LAYOUTS:
        raise UsageError(f"--layout must be one of {', '.join(LAYOUTS)}")
    return requested


def document(figures: Figures, layout: str, promotion: str | None = None) -> Document:
    """The report of ``figures`` in ``layout``."""
    period = f"{figures.period_from[:10]} to {figures.period_to[:10]}"
    build = {SUMMARY: _summary, CHAOSS: _chaoss, KUBERNETES: _kubernetes, DJANGO: _django}[layout]
    title, sections = build(figures, promotion or PROMOTION)
    return Document(layout, title, period, figures.min_count, tuple(sections), _notes(figures, layout))


def _groups(title: str, header: str, groups: tuple[Group, ...]) -> Table:
    return Table(title, header, tuple(Row(g.label, g.count) for g in groups))


def _notes(figures: Figures, layout: str) -> tuple[str, ...]:
    notes = []
    if figures.unreadable:
        notes.append(" ".join(reports.coverage(figures).split()))
    if layout in (KUBERNETES, DJANGO) and figures.min_count > 1:
        # Honest about its limit: a table's total is exact, so one small row alone can be worked out.
        notes.append(f"Counts of 1 to {figures.min_count - 1} in the tables are shown as fewer than "
                     f"{figures.min_count}; totals are exact.")
    return tuple(notes)


def _summary(figures: Figures, promotion: str) -> tuple[str, list[Section]]:
    timing = [reports.timing_sentence(label, t) for label, t in
              (("First response", figures.first_response), ("Decision", figures.decision))]
    return f"{figures.community} Code of Conduct transparency report", [
        Section("Promotion of the Code of Conduct", (promotion,)),
        Section("Reports", (_totals(figures),), (
            _groups("Reports by kind", "Kind of report", figures.by_kind),
            _groups("Reports by area", "Code of Conduct area", figures.by_area))),
        Section("How they were resolved", (), (_groups("Outcomes", "Outcome", figures.by_outcome),)),
        Section("Response times", tuple(timing)),
        Section("The reports", (_undescribed(figures),) if figures.undescribed else (),
                items=figures.descriptions or ("No case has a public description.",)),
    ]


def _totals(figures: Figures) -> str:
    resolved = figures.total - figures.still_open
    merged = (f" To protect the people involved, any group of fewer than {figures.min_count} reports is merged "
              "with others." if figures.min_count > 1 else "")
    return (f"The committee received {figures.total} report(s) in this period: {resolved} resolved, "
            f"{figures.still_open} still open or held.{merged}")


def _undescribed(figures: Figures) -> str:
    return (f"{figures.undescribed} further report(s) were made; they are only counted, because describing them "
            "could identify the people involved.")


def _chaoss(figures: Figures, promotion: str) -> tuple[str, list[Section]]:
    """CHAOSS: promotion, totals and types, resolutions including unresolved, each incident or "a report was made"."""
    unresolved = sum(1 for c in figures.cases if c.status != CLOSED)
    items = tuple(text or "A report was made." for _, text in figures.described)
    return f"{figures.community} Code of Conduct transparency report", [
        Section("How the Code of Conduct was promoted", (promotion,)),
        Section("Incidents since the last report", (_totals(figures),), (
            _groups("Types of incidents", "Type", figures.by_kind),
            _groups("Incidents by area", "Code of Conduct area", figures.by_area))),
        Section("Resolutions", (f"{figures.total - unresolved} incident(s) resolved, {unresolved} unresolved "
                                "(still open or held in escrow).",),
                (_groups("Resolutions", "Resolution", figures.by_outcome),)),
        Section("Each incident", ("Anything about the reporter and the reported person is left out; where an "
                                  "incident cannot be described without identifying them, we note that a report "
                                  "was made.",),
                items=items or ("No report was made in this period.",)),
    ]


def _count(value: int, min_count: int) -> int | None:
    return value if value == 0 or value >= min_count else None


def _compare(title: str, header: str, now: Counter[str], before: Counter[str], min_count: int,
             order: tuple[str, ...] = ()) -> Table:
    labels = list(order) + sorted((set(now) | set(before)) - set(order), key=lambda k: (-now[k], k))
    rows = []
    for label in labels:
        previous = _count(before[label], min_count)
        rows.append(Row(label, _count(now[label], min_count), previous, previous is None))
    return Table(title, header, tuple(rows), compare=True)


def _sources(cases: tuple[Counted, ...]) -> Counter[str]:
    return Counter(reportable.SOURCE_LABELS.get(c.facts["source"], c.facts["source"]) if c.facts
                   else reports.NOT_READ for c in cases)


def _bodies(cases: tuple[Counted, ...]) -> Counter[str]:
    found: Counter[str] = Counter()
    for case in cases:
        for action in (case.facts or {}).get("actions", ()):
            if action not in ("no-action", "awareness"):
                found[f"{reportable.body(action)}: {reportable.label(action)}"] += 1
    return found


def _responses(cases: tuple[Counted, ...]) -> Counter[str]:
    found: Counter[str] = Counter()
    for case in cases:
        if case.status == ESCROWED:
            found["Held in escrow"] += 1
        elif case.status != CLOSED:
            found["Still open"] += 1
        elif case.facts is None:
            found[reports.CLOSED_NOT_READ] += 1
        elif case.facts.get("outcome") != reportable.ACTION:
            found["No action taken"] += 1
        else:
            found["Punitive" if reportable.punitive(case.facts.get("actions", ())) else "Restorative"] += 1
    return found


def _kubernetes(figures: Figures, promotion: str) -> tuple[str, list[Section]]:
    """Kubernetes' half-year tables: sources, actions by body, restorative vs punitive, against the previous period."""
    now, before, least = figures.cases, figures.previous, figures.min_count
    change = len(now) - len(before)
    # The responses table hides a small "Still open" count: so does this sentence.
    still_open = figures.still_open if _count(figures.still_open, least) is not None else f"fewer than {least}"
    return f"{figures.community} Code of Conduct Committee report", [
        Section("Reports", (f"The committee received {len(now)} report(s) in this period, {len(before)} in the "
                            f"previous period of the same length ({change:+d}). Still open: {still_open}.",),
                (_compare("Where reports came from", "Source", _sources(now), _sources(before), least),)),
        Section("Actions", ("Actions the committee took itself, and those it recommended to other bodies "
                            "(such as the steering committee or event staff). One report may lead to several.",),
                (_compare("Actions by body", "Action", _bodies(now), _bodies(before), least),
                 _compare("Restorative and punitive responses", "Response", _responses(now), _responses(before),
                          least, ("Restorative", "Punitive", "No action taken")))),
    ]


def _people(cases: tuple[Counted, ...]) -> int:
    """People named: distinct blinded people tokens, plus the count of a case without tokens."""
    tokens = {t for c in cases for t in c.tokens}
    return len(tokens) + sum((c.facts or {}).get("named", 0) for c in cases if not c.tokens)


def _django(figures: Figures, promotion: str) -> tuple[str, list[Section]]:
    """The Django working group's statistics fields."""
    fields: Counter[str] = Counter()
    for case in figures.cases:
        if case.facts is None:
            fields["not known" if case.status == CLOSED else "still open"] += 1
            continue
        field = reportable.django_field(case.facts.get("outcome"), case.facts.get("actions", ()))
        fields[field or "still open"] += 1
    least = figures.min_count
    rows = [Row("Reports", _count(len(figures.cases), least)), Row("People named", _count(_people(figures.cases), least))]
    rows += [Row(name.capitalize(), _count(fields[name], least)) for name in DJANGO_FIELDS]
    rows += [Row(name.capitalize(), _count(fields[name], least)) for name in ("still open", "not known") if fields[name]]
    return f"{figures.community} Code of Conduct statistics", [
        Section("Statistics", (f"Reports received from {figures.period_from[:10]} to {figures.period_to[:10]}.",),
                (Table("Statistics", "Field", tuple(rows)),)),
    ]
