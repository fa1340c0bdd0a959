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
    format_: str = typer.Option("markdown", "--format", help="markdown or json."),
    min_count: int = typer.Option(3, "--min-count", help="Merge groups smaller than this so no one is singled out."),
) -> None:
    """The public transparency report of a period (CHAOSS / PyCon style).

    How many reports, by kind and Code of Conduct area, how they were
    resolved, how many are still open, median times to first response and to
    decision against the policy, and each case's public summary. A case
    without a public summary, or whose summary names anyone the archive
    knows, is only counted. Never a name, handle, email or other free text.
    The template is transparency-report.md (override it in templates/).
    """
    import sys

    from cocctl import render
    from cocctl.errors import UsageError
    from cocctl.service import reports

    if format_ not in ("markdown", "json"):
        raise UsageError("--format must be markdown or json")
    current = session(ctx)
    figures = reports.report(current, from_, to, min_count)
    if format_ == "json":
        render.emit_json({k: v for k, v in render.plain(figures).items() if k not in ("withheld", "owners")})
    else:
        from cocctl.service.workspace import Workspace

        sys.stdout.write(reports.markdown(figures, Workspace(current).archive.root))
    if figures.unreadable:
        render.info(f"{figures.unreadable} case(s) you cannot read are only counted")
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
    render.emit_json(figures) if json else show.stats(figures)
