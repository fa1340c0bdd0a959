"""Commands about the archive and its committee: init, member, reencrypt."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from cocctl.cli.app import app, member_app, session


@app.command()
def init(
    ctx: typer.Context,
    path: Path = typer.Argument(Path("."), help="Folder of the new archive (created if needed)."),
    community: str = typer.Option(..., "--community", help="Name of the community the committee serves."),
    me: str = typer.Option(..., "--me", help="Your handle, as the first committee member."),
    preset: str = typer.Option("contributor-covenant", "--preset", help="Policy preset (see 'cocctl policy show')."),
    role: List[str] = typer.Option([], "--role", help="Your roles (repeatable), e.g. admin, owner."),
    ci: Optional[str] = typer.Option(None, "--ci", help="Add a CI workflow: github or gitlab."),
) -> None:
    """Create an archive: cocctl.yaml, committee.yaml with you, cases/, .gitattributes; one commit."""
    from cocctl import render
    from cocctl.service import members

    archive = members.init_archive(session(ctx), path, community, me, preset, tuple(role), ci)
    render.info(f"created the cocctl archive for {community} at {archive.root} (preset {preset})")


@member_app.command("add")
def member_add(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The new member's handle (lowercase)."),
    recipient: str = typer.Option(..., "--recipient", help="Their age public key (age1...), from 'cocctl keygen'."),
    name: Optional[str] = typer.Option(None, "--name", help="Full name."),
    email: Optional[str] = typer.Option(None, "--email", help="Email address."),
    role: List[str] = typer.Option([], "--role", help="Roles (repeatable), e.g. admin, owner, chair."),
    employer: Optional[str] = typer.Option(None, "--employer", help="Employer (for the no-majority-from-one-employer rule)."),
) -> None:
    """Add a member and re-encrypt the cases they may now read, in one commit."""
    from cocctl import render
    from cocctl.archive.roster import Member
    from cocctl.service import members

    new = Member(handle=handle, recipient=recipient.strip(), joined="", name=name, email=email,
                 roles=tuple(role), employer=employer)
    change = members.add_member(session(ctx), new)
    _report_roster_change(render, f"added {handle}", change)


@member_app.command("remove")
def member_remove(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The member to off-board."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Off-board a member: mark them as left and re-encrypt every case without them."""
    from cocctl import render
    from cocctl.service import members

    if not yes:
        typer.confirm(f"remove {handle} from the committee and re-encrypt their cases without them?", abort=True)
    change = members.remove_member(session(ctx), handle)
    _report_roster_change(render, f"removed {handle}", change)
    render.info("they can still read old versions in git history with their old key; see the README")


@member_app.command("list")
def member_list(ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List committee members, past and present (no key needed)."""
    from cocctl import render
    from cocctl.service import members

    roster = members.list_members(session(ctx))
    render.emit_json(roster) if json else render.members(roster)


@app.command()
def reencrypt(ctx: typer.Context) -> None:
    """Re-encrypt every case you can read to exactly the readers the policy allows."""
    from cocctl import render
    from cocctl.service import members

    change = members.reencrypt(session(ctx))
    if change is None:
        render.info("every case you can read already has the right recipients; nothing changed")
    else:
        _report_roster_change(render, "re-encrypted", change)


def _report_roster_change(render, what: str, change) -> None:  # type: ignore[no-untyped-def]
    render.info(f"{what}; re-encrypted {len(change.reencrypted)} case(s)")
    if change.unreadable:
        render.info(
            f"{len(change.unreadable)} case(s) you cannot read were left as they are; "
            "a member who can read them should run 'cocctl reencrypt'"
        )
