"""Rendering of search results."""

from __future__ import annotations

from typing import Any

from cocctl.render import console, info
from cocctl.render.safe import text


def results(found: Any) -> None:
    """Print each matching case with the fields that matched and an excerpt of each."""
    if found.unreadable:
        info(f"{found.unreadable} case(s) you cannot read were not searched")
    if not found.found:
        info(f"no case you can read matches ({found.searched} searched)")
        return
    out = console()
    for case in found.found:
        out.print(f"[bold]{text(case.case)}[/bold]  {text(case.status)}")
        for hit in case.hits:
            out.print(f"  [dim]{text(hit.field)}[/dim]  {text(hit.excerpt)}")
