"""`cocctl merge-driver`: the git merge driver for case files (run by git, not people)."""

from __future__ import annotations

from pathlib import Path

import typer

from cocctl.cli.base import app, session


@app.command("merge-driver", hidden=True)
def merge_driver(
    ctx: typer.Context,
    base: Path = typer.Argument(..., help="Common ancestor's version (%O)."),
    ours: Path = typer.Argument(..., help="Our version, replaced by the result (%A)."),
    theirs: Path = typer.Argument(..., help="Their version (%B)."),
    name: str = typer.Argument("case file", help="The file's path in the archive (%P)."),
    roster: bool = typer.Option(False, "--roster", help="Merge committee.yaml instead of a case file."),
) -> None:
    """Merge two versions of a case file (union of seals) or of the roster (union of signed changes).

    git runs this for files marked merge=cocctl / merge=cocctl-roster; it
    needs no key. A non-zero exit leaves the file conflicted for a person.
    """
    from cocctl import render
    from cocctl.service import merge

    if roster:
        outcome = merge.merge_rosters(base, ours, theirs, name)
        render.info(f"cocctl: merged {name}: {outcome.ours_added} change(s) ours, {outcome.theirs_added} theirs")
        return
    from dataclasses import replace

    # git runs the driver once per file, without a terminal: never ask for a
    # passphrase here (the agent answers when 'cocctl unlock' holds the key).
    outcome = merge.merge_case_files(replace(session(ctx), ask_passphrase=None), base, ours, theirs, name)
    if name.count("/") == 2:
        render.info(f"cocctl: kept our version of attachment {name}")
        return
    render.info(f"cocctl: merged {outcome.case}: {outcome.ours_added} seal(s) ours, {outcome.theirs_added} theirs"
                + ("; a reader must re-seal it ('cocctl sync' or 'cocctl rekey')" if outcome.reseal else ""))
