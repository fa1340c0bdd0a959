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
    """Create your identity (mode 0600) and PATH.pub, and print the public line.

    The identity is an age key; your Ed25519 signing key is derived from it.
    PATH.pub holds one line (age recipient and signing key): send it to a
    committee member, who adds you with 'cocctl member add HANDLE --key PATH.pub'.
    Refuses to overwrite an existing key.
    """
    from cocctl import render
    from cocctl.service import setup

    secret = None
    if passphrase:
        secret = typer.prompt("passphrase", hide_input=True, confirmation_prompt=True)
    made = setup.keygen(session(ctx), out, secret, work_factor)
    render.info(f"wrote {'passphrase-protected ' if made.protected else ''}identity to {made.path} "
                f"and your public line to {made.public_path}")
    render.line(made.public)


@app.command()
def whoami(
    ctx: typer.Context,
    json: bool = typer.Option(False, "--json", help="Print JSON."),
    public: bool = typer.Option(False, "--public", help="Print the line to send the committee (recipient and signing key)."),
) -> None:
    """Print which member of this archive your identity is (or, with --public, your public line)."""
    from cocctl import render
    from cocctl.service import setup

    if public:
        render.line(setup.public_line(session(ctx)))
        return
    me = setup.whoami(session(ctx))
    if json:
        render.emit_json(me)
    else:
        render.line(f"{me.handle} ({', '.join(me.roles) or 'member'}) in {me.archive}")
