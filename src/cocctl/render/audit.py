"""Output of validate, log and verify: one problem per line, GitHub annotations, log entries."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from cocctl.render import console, info
from cocctl.render.safe import text, visible


def problems(items: Sequence[Any], form: str = "text") -> None:
    """Print each problem on one line of stdout: ``FILE: message`` or a GitHub annotation.

    GitHub reads ``::error file=F::message`` from a step's output and marks
    the file in the pull request; the message must keep to one line.
    """
    for item in items:
        # A file name or a message quoting one may come from whoever pushed.
        short = f"commit {visible(item.commit[:12])}" if item.commit else ""
        file, message = visible(item.file or ""), visible(item.message)
        if form == "github":
            location = f" file={_annotation(file)}" if file else ""
            message = f"{short}: {message}" if short else message
            sys.stdout.write(f"::error{location}::{_annotation(message)}\n")
        elif file:
            sys.stdout.write(f"{file}: {short + ': ' if short else ''}{message}\n")
        else:
            sys.stdout.write(f"{short or 'archive'}: {message}\n")


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
    from cocctl.render import describe

    for entry in entries:
        signature = {"N": "unsigned"}.get(entry.signature, f"signed: {entry.signature_state}")
        who = entry.actor or f"{entry.author} (not via cocctl)"
        out.print(f"[bold]{text(entry.commit[:12])}[/bold]  {text(entry.date)}  {text(who)}  "
                  f"{text(entry.action or '-')}  {text(entry.case or '')}  [dim]{text(signature)}[/dim]")
        out.print(f"    {text(entry.subject)}")
        for event in entry.events:
            at, by, kind = event["at"], event["by"], event["type"]
            out.print(f"    + {text(at)}  {text(f'{by:<10}')} {text(f'{kind:<9}')} {text(describe(event))}")
        if entry.hidden:
            out.print(f"    [dim]{text(entry.hidden)}[/dim]")


def verify_result(result: Any) -> None:
    """Print verify's findings: the first offending commit, then every problem."""
    if result.problems:
        first = result.problems[0]
        sys.stdout.write(f"first offending commit: {visible(first.commit)} ({visible(first.subject)})\n")
        for item in result.problems:
            where = f" {visible(item.file)}" if item.file else ""
            sys.stdout.write(f"{visible(item.commit[:12])}{where}: {visible(item.message)}\n")
    info(f"verified {result.commits} commit(s), {result.case_commits} touching cases/, "
         f"{result.checked} case version change(s) checked for growth")
    if not result.full:
        info(f"only commits after {visible(result.proven[0][:12])} (verified before) were checked; "
             "'cocctl verify --full' checks the whole history")
    elif result.why_full and result.why_full != "--full":
        info(f"the whole history was checked: {visible(result.why_full)}")
    if result.unchecked:
        info(f"{result.unchecked} case change(s) could not be checked: format-1 files, or made before the "
             "roster was signed ('cocctl upgrade')")
    info("history verified: ok" if not result.problems else f"{len(result.problems)} problem(s)")
