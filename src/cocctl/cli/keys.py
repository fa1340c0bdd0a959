"""Commands about my identity: keygen, whoami."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cocctl.cli.base import app, session


@app.command()
def keygen(
    ctx: typer.Context,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where to write the key (default: the identity path)."),
    passphrase: bool = typer.Option(False, "--passphrase", help="Protect the key file with a passphrase (age scrypt)."),
    ssh: Optional[Path] = typer.Option(
        None, "--ssh", metavar="KEY",
        help="Use an existing OpenSSH private key (ssh-ed25519, or ssh-rsa of 2048 bits or more) instead of a new key."),
    plugin: Optional[str] = typer.Option(
        None, "--plugin", metavar="NAME",
        help="Use a hardware key through the age plugin age-plugin-NAME (with --plugin-key; a software key signs)."),
    plugin_key: Optional[Path] = typer.Option(
        None, "--plugin-key", metavar="FILE", help="With --plugin: the key file the plugin's own tool wrote."),
    recipient: Optional[str] = typer.Option(
        None, "--recipient", metavar="age1NAME1...", help="With --plugin: the key's recipient, if FILE does not name it."),
    work_factor: int = typer.Option(18, "--work-factor", hidden=True, min=1, max=22),
) -> None:
    """Create your identity (mode 0600) and PATH.pub, and print the public line.

    Three kinds of key (README, "Choosing a key"):

    - a new age key (default; --passphrase to protect it, then 'cocctl unlock'
      types the passphrase once for a while);

    - --ssh KEY: your existing SSH key; the identity path becomes a link to it;

    - --plugin NAME --plugin-key FILE: a hardware key (YubiKey, FIDO2) through
      its age plugin; cocctl adds a software key that signs for you
      (--passphrase protects it).

    PATH.pub holds one line (recipient and signing key): send it to a
    committee member, who adds you with 'cocctl member add HANDLE --key PATH.pub'
    (an ssh-ed25519 key can also be added from the .pub file alone, with --ssh-key).
    Refuses to overwrite an existing key.
    """
    from cocctl import render
    from cocctl.service import setup

    secret = None
    if passphrase:
        secret = typer.prompt("passphrase", hide_input=True, confirmation_prompt=True)
    made = setup.keygen(session(ctx), out, secret, work_factor, ssh=ssh, plugin=plugin, plugin_key=plugin_key,
                        recipient=recipient)
    what = "identity" if ssh is None else f"a link to your {made.kind} key"
    render.info(f"wrote {'passphrase-protected ' if made.protected and ssh is None else ''}{what} to {made.path} "
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
        if me.cases:  # an outside party a member granted a key on these cases only
            render.line(f"{me.handle} (mediator, not a member) on case {', '.join(me.cases)} only, in {me.archive}")
        else:
            render.line(f"{me.handle} ({', '.join(me.roles) or 'member'}) in {me.archive}")
        render.line(f"key: {me.key}{', passphrase-protected' if me.protected else ''}")
        if me.agent_seconds is not None:
            render.line(f"agent: unlocked for another {_duration(me.agent_seconds)} ('cocctl lock' ends it)")


@app.command()
def unlock(
    ctx: typer.Context,
    duration: str = typer.Option("30m", "--for", metavar="DURATION",
                                 help="How long the agent holds your key: 90s, 30m, 8h (at most 24h)."),
    json: bool = typer.Option(False, "--json", help="Print JSON (the agent's process id and seconds)."),
) -> None:
    """Type your passphrase once: an agent holds your decrypted identity for a while.

    Every cocctl command of yours, the merge driver inside 'git pull' and
    'cocctl sync' included, then decrypts and signs through the agent
    instead of asking. The agent gives out file keys and signatures, never
    the key; it answers only your user, over a private socket, and stops
    when the time runs out or at 'cocctl lock'. Running it again replaces
    the agent (and asks again).
    """
    from cocctl import render
    from cocctl.service import setup

    status = setup.unlock(session(ctx), duration)
    if json:
        render.emit_json(status)
    else:
        render.info(f"unlocked your {status.kind} key for {_duration(status.seconds_left)}; 'cocctl lock' ends it")


@app.command()
def lock(ctx: typer.Context) -> None:
    """Stop the agent: from the next command on, your passphrase is asked again."""
    from cocctl import render
    from cocctl.service import setup

    stopped = setup.lock(session(ctx))
    render.info("locked: the agent stopped" if stopped else "no agent held your key; nothing to lock")


def _duration(seconds: int) -> str:
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    if seconds >= 60:
        return f"{seconds // 60} min"
    return f"{seconds} s"
