"""`cocctl merge-driver`: the git merge driver for case files (run by git, not people)."""

from __future__ import annotations

from pathlib import Path

import typer

from cocctl.cli.app import app, session


@app.command("merge-driver", hidden=True)
def merge_driver(
    ctx: typer.Context,
    base: Path = typer.Argument(..., help="Common ancestor's version (%O)."),
    ours: Path = typer.Argument(..., help="Our version, replaced by the result (%A)."),
    theirs: Path = typer.Argument(..., help="Their version (%B)."),
    name: str = typer.Argument("case file", help="The file's path in the archive (%P)."),
) -> None:
    """Merge two versions of a case file as the union of their event logs.

    git runs this for files marked merge=cocctl; a non-zero exit leaves the
    file conflicted for a person to resolve.
    """
    from cocctl import render
    from cocctl.service import merge

    outcome = merge.merge_case_files(session(ctx), base, ours, theirs, name)
    render.info(f"cocctl: merged {outcome.case}: {outcome.ours_added} event(s) ours, "
                f"{outcome.theirs_added} theirs")
