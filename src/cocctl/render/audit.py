"""Output of validate, log and verify: one problem per line, GitHub annotations, log entries."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from cocctl.render import console, info


def problems(items: Sequence[Any], form: str = "text") -> None:
    """Print each problem on one line of stdout: ``FILE: message`` or a GitHub annotation.

    GitHub reads ``::error file=F::message`` from a step's output and marks
    the file in the pull request; the message must keep to one line.
    """
    for item in items:
        short = f"commit {item.commit[:12]}" if item.commit else ""
        if form == "github":
            location = f" file={_annotation(item.file)}" if item.file else ""
            message = f"{short}: {item.message}" if short else item.message
            sys.stdout.write(f"::error{location}::{_annotation(message)}\n")
        elif item.file:
            sys.stdout.write(f"{item.file}: {short + ': ' if short else ''}{item.message}\n")
        else:
            sys.stdout.write(f"{short or 'archive'}: {item.message}\n")


def _annotation(text: str) -> str:
    # GitHub's workflow-command escaping: %, CR and LF, and ':' ',' in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("::", "%3A%3A")


def validate_summary(report: Any) -> None:
    """Say on stderr what was checked, and what could not be."""
    parts = [f"{report.files} file(s)"]
    if report.commits:
        parts.append(f"{report.commits} commit message(s)")
    if report.deep or report.unreadable:
        parts.append(f"{report.deep} case(s) decrypted")
    verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
    info(f"checked {', '.join(parts)}: {verdict}")
    if report.unreadable:
        info(f"{len(report.unreadable)} case(s) you cannot decrypt were checked without a key only")


def log_entries(entries: Sequence[Any]) -> None:
    """Print the audit trail, newest first, with event details when they could be read."""
    out = console()
    if not entries:
        info("no commits")
        return
    from rich.markup import escape

    from cocctl.model.events import Event
    from cocctl.render import describe

    for entry in entries:
        signature = {"N": "unsigned"}.get(entry.signature, f"signed: {entry.signature_state}")
        who = entry.actor or f"{entry.author} (not via cocctl)"
        out.print(f"[bold]{entry.commit[:12]}[/bold]  {entry.date}  {escape(who)}  "
                  f"{entry.action or '-'}  {entry.case or ''}  [dim]{signature}[/dim]")
        out.print(f"    {escape(entry.subject)}")
        for event in entry.events:
            item = Event.from_dict(event)
            out.print(f"    + {item.at}  {item.by:<10} {item.type:<9} {escape(describe(item))}")
        if entry.hidden:
            out.print(f"    [dim]{entry.hidden}[/dim]")


def verify_result(result: Any) -> None:
    """Print verify's findings: the first offending commit, then every problem."""
    if result.problems:
        first = result.problems[0]
        sys.stdout.write(f"first offending commit: {first.commit} ({first.subject})\n")
        for item in result.problems:
            where = f" {item.file}" if item.file else ""
            sys.stdout.write(f"{item.commit[:12]}{where}: {item.message}\n")
    info(f"verified {result.commits} commit(s), {result.case_commits} touching cases/, "
         f"{result.checked} case version change(s) checked for growth")
    if result.unchecked:
        info(f"{result.unchecked} case change(s) could not be checked for growth: your key cannot decrypt them "
             "(envelope times and ids were still checked)")
    info("history verified: ok" if not result.problems else f"{len(result.problems)} problem(s)")
