"""Rendering of follow-ups: deadlines, drafts, the roster check and the rotation."""

from __future__ import annotations

import sys
from typing import Any

from cocctl.clock import parse_time
from cocctl.render import aligned, console, info
from cocctl.render.safe import text, visible


def _until(at: str, now: str) -> str:
    """'in 3d 4h' or '2d 1h late', from two canonical times."""
    seconds = (parse_time(at) - parse_time(now)).total_seconds()
    late, seconds = seconds <= 0, abs(int(seconds))
    days, hours, minutes = seconds // 86400, seconds % 86400 // 3600, seconds % 3600 // 60
    text = f"{days}d {hours}h" if days else (f"{hours}h {minutes}m" if hours else f"{minutes}m")
    return f"{text} late" if late else f"in {text}"


def due(report: Any) -> None:
    """Print pending deadlines, most urgent first: a Rich table on a terminal, plain aligned columns otherwise."""
    if report.keyless:
        info("reading plaintext metadata only: owners are not shown")
    if report.unreadable:
        info(f"{len(report.unreadable)} case(s) you cannot read are shown from their metadata")
    if not report.items:
        info(f"nothing due (as of {report.now})")
        return
    headers = ("case", "deadline", "due", "", "owner")
    # A "needed" item: every member recused, so a mediator must be granted ('cocctl grant CASE --key ... --as mediator').
    rows = [(item.case, item.kind, item.at[:16].replace("T", " "),
             "grant a mediator" if item.status == "needed" else _until(item.at, report.now),
             (item.owner or ("no owner" if item.decrypted else "")) + (f" (+{item.secondary})" if item.secondary else ""),
             {"overdue": "red", "needed": "yellow"}.get(item.status, "")) for item in report.items]
    if not sys.stdout.isatty():
        aligned(headers, [row[:5] for row in rows])
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for header in headers:
        table.add_column(header)
    for case, kind, at, when, owner, style in rows:
        table.add_row(text(case), text(kind), text(at), f"[{style}]{when}[/{style}]" if style else when, text(owner))
    console().print(table)


def draft(message: Any) -> None:
    """Print a draft as a plain message (headers, blank line, body) on stdout."""
    import sys

    if message.address:
        sys.stdout.write(f"To: {visible(message.address)}\n")
    sys.stdout.write(f"Subject: {visible(message.subject)}\n\n{visible(message.body, multiline=True)}")
    if message.withheld:
        info("left out for the consent gate: " + ", ".join(message.withheld))
    if getattr(message, "warning", None):
        info("warning: " + message.warning)
    info(f"review it, send it, then record it: cocctl draft {message.case} --to {message.to} "
         f"--kind {message.kind} --sent")


def notice(message: Any) -> None:
    """Print a removed member's notice as a plain message on stdout."""
    import sys

    if message.address:
        sys.stdout.write(f"To: {visible(message.address)}\n")
    sys.stdout.write(f"Subject: {visible(message.subject)}\n\n{visible(message.body, multiline=True)}")


def stats(figures: Any) -> None:
    """Print the committee's statistics."""
    from rich.table import Table

    out = console()
    out.print(f"[bold]{text(figures.community)}[/bold]: {text(figures.period_from[:10])} to "
              f"{text(figures.period_to[:10])}",
              markup=True, highlight=False)
    out.print(f"{figures.total} report(s), {figures.still_open} not closed", markup=False)
    for title, groups in (("kind", figures.by_kind), ("source", figures.by_source), ("area", figures.by_area),
                          ("outcome", figures.by_outcome)):
        table = Table(box=None, pad_edge=False)
        table.add_column(title)
        table.add_column("reports", justify="right")
        for group in groups:
            table.add_row(text(group.label), str(group.count))
        out.print(table)
    for label, timing in (("first response", figures.first_response), ("decision", figures.decision)):
        median = "no data" if timing.median_hours is None else f"median {timing.median_hours} h"
        out.print(f"{label}: policy {timing.policy or 'none'}, {median}, "
                  f"{timing.on_time} of {timing.measured} within policy", markup=False)
    table = Table(box=None, pad_edge=False)
    for header in ("member", "open (primary)", "open (secondary)", "closed", "overdue"):
        table.add_column(header)
    for load in figures.owners:
        table.add_row(text(load.member), str(load.open_primary), str(load.open_secondary), str(load.closed_in_period),
                      str(load.overdue))
    out.print(table)
    if figures.unreadable:
        info(f"{figures.unreadable} case(s) you cannot read: status, kind, source and outcome from their "
             "metadata; area and response times not known to you")


def roster_check(result: Any) -> None:
    """Print the roster rules' verdicts, broken ones first."""
    out = console()
    if result.on_watch or any(f.rule == "triage-watch" for f in result.findings):  # only where the policy keeps one
        out.print(f"on triage watch this week: {visible(', '.join(result.on_watch) or 'nobody')}", markup=False)
    for finding in sorted(result.findings, key=lambda f: not f.broken):
        mark = "BROKEN" if finding.broken else "ok"
        who = f" ({', '.join(finding.members)})" if finding.members else ""
        out.print(visible(f"{mark:<7}{finding.rule:<19}{finding.message}{who}"), markup=False)
