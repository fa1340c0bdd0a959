"""Commands about my identity: keygen, whoami."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cocctl.cli.app import app, session


@app.command()
def keygen(
    ctx: typer.Context,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where to write the key (default: the identity path)."),
    passphrase: bool = typer.Option(False, "--passphrase", help="Protect the key file with a passphrase (age scrypt)."),
    work_factor: int = typer.Option(18, "--work-factor", hidden=True, min=1, max=22),
) -> None:
    """Create your age identity (mode 0600) and print its public recipient.

    Refuses to overwrite an existing key. Give the printed age1... recipient
    to a committee member so they can add you with 'cocctl member add'.
    """
    from cocctl import render
    from cocctl.service import members

    secret = None
    if passphrase:
        secret = typer.prompt("passphrase", hide_input=True, confirmation_prompt=True)
    made = members.keygen(session(ctx), out, secret, work_factor)
    render.info(f"wrote {'passphrase-protected ' if made.protected else ''}identity to {made.path}")
    render.line(made.recipient)


@app.command()
def whoami(ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print which member of this archive your identity is."""
    from cocctl import render
    from cocctl.service import members

    me = members.whoami(session(ctx))
    if json:
        render.emit_json(me)
    else:
        render.line(f"{me.handle} ({', '.join(me.roles) or 'member'}) in {me.archive}")
