"""A transparency report as one self-contained HTML page a community can publish.

No script, no link, no image or font from elsewhere: inline CSS, and a
small bar chart per table drawn as inline SVG. Every piece of text is
HTML-escaped, so a summary or a label can never become markup.
"""

from __future__ import annotations

from html import escape
from typing import Any

from cocctl.render.report_text import cell, change

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1f; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.25rem 0.75rem; border-bottom: 1px solid #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; }
.note { background: #f5f5f7; padding: 0.5rem 1rem; border-left: 3px solid #888; }
svg.chart { display: block; margin: 0.25rem 0 1rem; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #1d1d1f; }
"""
BAR_WIDTH, BAR_HEIGHT, LABEL_WIDTH = 240, 16, 220


def _text(value: Any) -> str:
    return escape(str(value), quote=True)


def page(doc: Any) -> str:
    """The whole page as a string (UTF-8 when written)."""
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             # No resource from anywhere, even if someone injects markup: the page asks for nothing.
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_text(doc.title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
             f"<h1>{_text(doc.title)}</h1>", f"<p>Period: {_text(doc.period)}.</p>"]
    parts += [f'<p class="note">{_text(note)}</p>' for note in doc.notes]
    for section in doc.sections:
        parts.append(f"<h2>{_text(section.heading)}</h2>")
        parts += [f"<p>{_text(paragraph)}</p>" for paragraph in section.paragraphs]
        for table in section.tables:
            parts += _table(table, doc.min_count)
        if section.items:
            parts += ["<ul>", *(f"<li>{_text(item)}</li>" for item in section.items), "</ul>"]
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _table(table: Any, min_count: int) -> list[str]:
    if not table.rows:
        return [f"<p>{_text(table.title)}: no reports.</p>"]
    head = ["This period", "Previous period", "Change"] if table.compare else ["Reports"]
    out = ["<table>", f"<caption>{_text(table.title)}</caption>",
           "<tr>" + "".join(f"<th>{_text(h)}</th>" for h in (table.header, *head)) + "</tr>"]
    for row in table.rows:
        cells = [cell(row.count, min_count)]
        if table.compare:
            cells += [cell(row.previous, min_count), change(row)]
        out.append(f"<tr><td>{_text(row.label)}</td>" + "".join(f'<td class="n">{_text(c)}</td>' for c in cells)
                   + "</tr>")
    out.append("</table>")
    out.append(_chart(table))
    return out


def _chart(table: Any) -> str:
    """Horizontal bars, one per row (a count too small to show gets no bar); the previous period paler."""
    largest = max([1, *(r.count or 0 for r in table.rows), *((r.previous or 0) for r in table.rows)])
    step = BAR_HEIGHT * (2 if table.compare else 1) + 6
    height = step * len(table.rows) + 4 + (BAR_HEIGHT + 4 if table.compare else 0)
    width = LABEL_WIDTH + BAR_WIDTH + 40
    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
           f"<title>{_text(table.title)}</title>"]
    for index, row in enumerate(table.rows):
        y = index * step + 2
        label = row.label if len(row.label) <= 34 else row.label[:33] + "\u2026"
        out.append(f'<text x="0" y="{y + BAR_HEIGHT - 4}">{_text(label)}</text>')
        bars = [(row.count, "#3465a4")] + ([(row.previous, "#b4c7e7")] if table.compare else [])
        for offset, (count, colour) in enumerate(bars):
            if not count:
                continue
            length = max(1, round(BAR_WIDTH * count / largest))
            top = y + offset * BAR_HEIGHT
            out.append(f'<rect x="{LABEL_WIDTH}" y="{top}" width="{length}" height="{BAR_HEIGHT - 2}" '
                       f'fill="{colour}"></rect>')
            out.append(f'<text x="{LABEL_WIDTH + length + 4}" y="{top + BAR_HEIGHT - 4}">{count}</text>')
    if table.compare:  # a legend: which bar is which period
        y = step * len(table.rows) + 4
        for x, colour, name in ((LABEL_WIDTH, "#3465a4", "this period"), (LABEL_WIDTH + 110, "#b4c7e7", "previous")):
            out.append(f'<rect x="{x}" y="{y + 2}" width="10" height="10" fill="{colour}"></rect>')
            out.append(f'<text x="{x + 14}" y="{y + 11}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out)
