"""Transparency commands: the published report and the committee's own statistics."""

from __future__ import annotations

from typing import Optional

import typer

from cocctl.cli.base import app, session


@app.command()
def report(
    ctx: typer.Context,
    from_: str = typer.Option(..., "--from", help="First day of the period (ISO 8601)."),
    to: str = typer.Option(..., "--to", help="Last day of the period (ISO 8601; the whole day counts)."),
    format_: str = typer.Option("markdown", "--format", help="markdown, json, or html (one self-contained page)."),
    layout: Optional[str] = typer.Option(
        None, "--layout",
        help="summary, chaoss, kubernetes or django (default: the preset's own, else summary)."),
    promotion: Optional[str] = typer.Option(
        None, "--promotion", help="How the Code of Conduct was promoted in the period (published as written)."),
    min_count: int = typer.Option(
        3, "--min-count",
        help="Merge groups smaller than this (summary, chaoss), or show such counts as 'fewer than' "
             "(kubernetes, django; totals stay exact, so one small row alone can be worked out)."),
) -> None:
    """The public transparency report of a period, in the layout your community publishes.

    summary: reports by kind and Code of Conduct area, how they were
    resolved, response times against the policy, each case's public summary.
    chaoss: promotion of the Code, totals and types, resolutions including
    unresolved, a generalised description per incident or "a report was
    made". kubernetes: where reports came from, actions by body, restorative
    vs punitive, each against the previous period of the same length.
    django: reports, people named, not a violation, out of scope, no action,
    warned, suspended, banned, other.

    Counts come from the plaintext metadata every member sees, so every
    member's report counts every case the same way. Areas, response times
    and public summaries come only from the cases you can read (the report
    says so); a summary naming anyone the archive knows is left out. Never
    a name, handle, email or other free text. The summary layout's markdown
    comes from transparency-report.md (override it in templates/).
    """
    import sys

    from cocctl import render
    from cocctl.errors import UsageError
    from cocctl.render import report_text
    from cocctl.service import report_layouts, reports
    from cocctl.service.workspace import Workspace

    if format_ not in ("markdown", "json", "html"):
        raise UsageError("--format must be markdown, json or html")
    current = session(ctx)
    work = Workspace(current)
    chosen = report_layouts.layout_for(work.policy.preset, layout)
    figures = reports.report(current, from_, to, min_count)
    if chosen == report_layouts.SUMMARY and format_ == "json":
        render.emit_json({k: v for k, v in render.plain(figures).items() if k not in reports.PRIVATE_FIELDS})
    elif chosen == report_layouts.SUMMARY and format_ == "markdown":
        sys.stdout.write(reports.markdown(figures, work.archive.root, promotion))
    else:
        doc = report_layouts.document(figures, chosen, promotion)
        if format_ == "json":
            render.emit_json(report_text.data(doc))
        elif format_ == "html":
            from cocctl.render import report_html

            sys.stdout.write(report_html.page(doc))
        else:
            sys.stdout.write(report_text.markdown(doc))
    if figures.unreadable:
        render.info(f"{figures.unreadable} case(s) you cannot read are counted from their metadata; "
                    "their areas, response times and public summaries are not in the report")
    if figures.withheld:
        render.info("public summaries naming someone were left out: " + ", ".join(figures.withheld))


@app.command()
def stats(
    ctx: typer.Context,
    from_: Optional[str] = typer.Option(None, "--from", help="First day (default: the beginning)."),
    to: Optional[str] = typer.Option(None, "--to", help="Last day (default: now)."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The committee's own figures: the report's numbers unmerged, with each member's load."""
    from cocctl import render
    from cocctl.render import followup as show
    from cocctl.service import reports

    figures = reports.stats(session(ctx), from_, to)
    if json:
        render.emit_json({k: v for k, v in render.plain(figures).items() if k not in reports.CASE_FIELDS})
    else:
        show.stats(figures)
