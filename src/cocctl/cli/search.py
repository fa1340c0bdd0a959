"""Search the cases I can read."""

from __future__ import annotations

from typing import List

import typer

from cocctl.cli.base import app, session


@app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="Words to find, all of them (ignoring case); \"quote\" a phrase."),
    field: List[str] = typer.Option([], "--field", help="Only this field (repeatable): summary, notes, people, "
                                    "evidence, resolution."),
    status: List[str] = typer.Option([], "--status", help="Only cases with this status (repeatable): open, "
                                     "escrowed, closed."),
    json: bool = typer.Option(False, "--json", help="Print the matches as JSON."),
) -> None:
    """Find the cases you can read whose text holds every word: summary, notes, people, evidence, resolution.

    Cases are decrypted in memory only; cases you cannot read are not
    searched, only counted.
    """
    from cocctl import render
    from cocctl.render import search as shown
    from cocctl.service import search as service

    found = service.search(session(ctx), query, field, status)
    render.emit_json(found) if json else shown.results(found)
