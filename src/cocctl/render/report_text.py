"""A transparency report layout (service/report_layouts.py) as markdown or JSON-ready data."""

from __future__ import annotations

from typing import Any

from cocctl.text import markdown_inline as _escape


def cell(count: int | None, min_count: int) -> str:
    """A count as published: the number, or "fewer than N" when it is too small to show."""
    return f"fewer than {min_count}" if count is None else str(count)


def change(row: Any) -> str:
    """The change against the previous period, when both counts can be shown."""
    if row.count is None or row.previous is None:
        return ""
    difference = row.count - row.previous
    return f"{difference:+d}" if difference else "0"


def markdown(doc: Any) -> str:
    """The document as markdown: headings, paragraphs, tables and bullet lists."""
    out = [f"# {_escape(doc.title)}", "", f"Period: {doc.period}.", ""]
    for note in doc.notes:
        out += [f"> {_escape(note)}", ""]
    for section in doc.sections:
        out += [f"## {_escape(section.heading)}", ""]
        for paragraph in section.paragraphs:
            out += [_escape(paragraph), ""]
        for table in section.tables:
            out += _table(table, doc.min_count) + [""]
        if section.items:
            out += [f"- {_escape(item)}" for item in section.items] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _table(table: Any, min_count: int) -> list[str]:
    if not table.rows:
        return [f"{_escape(table.title)}: no reports."]
    if table.compare:
        lines = [f"| {_escape(table.header)} | This period | Previous period | Change |", "|---|---:|---:|---:|"]
        return lines + [f"| {_escape(r.label)} | {cell(r.count, min_count)} | {cell(r.previous, min_count)} | "
                        f"{change(r)} |" for r in table.rows]
    lines = [f"| {_escape(table.header)} | Reports |", "|---|---:|"]
    return lines + [f"| {_escape(r.label)} | {cell(r.count, min_count)} |" for r in table.rows]


def data(doc: Any) -> dict[str, Any]:
    """The document as JSON-ready data; a count too small to show is null with ``fewer_than``."""
    def row(r: Any, compare: bool) -> dict[str, Any]:
        item: dict[str, Any] = {"label": r.label, "count": r.count}
        if compare:
            item["previous"] = r.previous
        if r.count is None or (compare and r.previous is None):
            item["fewer_than"] = doc.min_count
        return item

    return {
        "layout": doc.layout, "title": doc.title, "period": doc.period, "min_count": doc.min_count,
        "notes": list(doc.notes),
        "sections": [{"heading": s.heading, "paragraphs": list(s.paragraphs), "items": list(s.items),
                      "tables": [{"title": t.title, "header": t.header, "compare": t.compare,
                                  "rows": [row(r, t.compare) for r in t.rows]} for t in s.tables]}
                     for s in doc.sections],
    }
