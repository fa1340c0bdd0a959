"""Commands for a committee on many clones: clone and sync."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cocctl.cli.base import app, session


@app.command()
def clone(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The archive's git URL (or path)."),
    path: Optional[Path] = typer.Argument(None, help="Folder to clone into (default: the URL's last part)."),
    expect: Optional[str] = typer.Option(
        None, "--expect", help="Fingerprint (SHA256:...) of the founding member's signing key, learned out of band."),
) -> None:
    """Clone an archive, register cocctl's git drivers, verify the roster's history and pin it."""
    from cocctl import render
    from cocctl.render import progress
    from cocctl.service import sync

    dest = path or Path(url.rstrip("/").split("/")[-1].split(":")[-1].removesuffix(".git") or "archive")
    with progress.reporter("cloning") as report:
        cloned = sync.clone(url, dest, expect, report, identity=session(ctx).identity)
    render.info(f"cloned the archive to {cloned.root}; drivers registered, roster verified and pinned")
    render.info("confirm these signing-key fingerprints with the committee out of band (founder: "
                f"{cloned.founder}):")
    for handle, fingerprint in cloned.fingerprints:
        render.line(f"{handle} {fingerprint}")
    if cloned.me:
        render.info(f"your identity is {cloned.me}'s key in this roster")
    else:
        render.info("not a member yet? send a member the line 'cocctl whoami --public' prints (or your KEY.pub)")


@app.command()
def sync(
    ctx: typer.Context,
    no_push: bool = typer.Option(False, "--no-push", help="Fetch, verify, merge and re-seal, but do not push."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Fetch, verify what arrived, merge (key-less drivers), re-seal what you can, and push."""
    from cocctl import render
    from cocctl.render import progress
    from cocctl.service import sync as service

    with progress.reporter("syncing") as report:
        done = service.sync(session(ctx), report, push=not no_push)
    if json:
        render.emit_json(done)
        return
    for note in done.notes:
        render.info(note)
    render.info(f"fetched {done.fetched} commit(s){', merged' if done.merged else ''}; "
                f"re-sealed {len(done.resealed)} case(s); {'pushed' if done.pushed else 'nothing to push'}")
    for case_id, fixers in done.unreadable:
        render.info(f"  {case_id}: needs a re-seal by one of {', '.join(fixers) or 'no active reader'}")
