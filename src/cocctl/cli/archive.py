"""Commands about the archive and its committee: init, member, rekey, roster trust, policy sign, upgrade."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from cocctl.cli.base import app, member_app, roster_app, session


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
    """Create an archive: cocctl.yaml, a signed committee.yaml with you, cases/, .gitattributes; one commit."""
    from cocctl import render
    from cocctl.service import setup

    archive = setup.init_archive(session(ctx), path, community, me, preset, tuple(role), ci)
    render.info(f"created the cocctl archive for {community.strip()} at {archive.root} (preset {preset})")


def _keys(key: Optional[str], recipient: Optional[str], ssh_key: Optional[str] = None):  # type: ignore[no-untyped-def]
    """The member's public keys from --key (a KEY.pub path or the line itself) or --ssh-key."""
    from cocctl.errors import UsageError
    from cocctl.service import keys

    if key and ssh_key:
        raise UsageError("pass either --key or --ssh-key, not both")
    if ssh_key:
        return keys.read_public(ssh_key, ssh=True)
    if recipient and not key:
        raise UsageError(
            "a member needs a signing key too: pass --key with the KEY.pub file (or line) 'cocctl keygen' wrote; "
            "an outside reader such as a mediator is given access with 'cocctl grant CASE --recipient ... --as NAME'"
        )
    if not key:
        raise UsageError("pass --key with the new member's KEY.pub file or its line (age1... ed25519:...), "
                         "or --ssh-key with their SSH public key")
    return keys.read_public(key)


@member_app.command("add")
def member_add(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The new member's handle (lowercase)."),
    key: Optional[str] = typer.Option(None, "--key", help="Their KEY.pub file from 'cocctl keygen', or its line."),
    ssh_key: Optional[str] = typer.Option(
        None, "--ssh-key", help="Their SSH public key instead: a .pub file or the 'ssh-ed25519 AAAA...' line."),
    recipient: Optional[str] = typer.Option(None, "--recipient", hidden=True),
    name: Optional[str] = typer.Option(None, "--name", help="Full name."),
    email: Optional[str] = typer.Option(None, "--email", help="Email address."),
    role: List[str] = typer.Option([], "--role", help="Roles (repeatable), e.g. admin, owner, chair."),
    employer: Optional[str] = typer.Option(None, "--employer", help="Employer (for the no-majority-from-one-employer rule)."),
) -> None:
    """Add a member (a signed roster change) and re-seal the cases they may now read, in one commit."""
    from cocctl import render
    from cocctl.service import committee

    change = committee.add_member(session(ctx), handle, _keys(key, recipient, ssh_key), name=name, email=email,
                                  roles=role, employer=employer)
    _report(render, f"added {handle}", change)


@member_app.command("remove")
def member_remove(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The member to off-board."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Off-board a member: they leave the roster and every case is re-sealed without them."""
    from cocctl import render
    from cocctl.service import committee

    from cocctl.render import progress

    if not yes:
        typer.confirm(f"remove {handle} from the committee and re-seal their cases without them?", abort=True)
    with progress.reporter("off-boarding") as report:
        change = committee.remove_member(session(ctx), handle, report)
    _removed(render, handle, change)


@member_app.command("approve")
def member_approve(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The member whose proposed removal you sign."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Sign a member's removal that the policy puts to a vote (a simple majority of all members).

    The signature that completes the majority removes them and re-seals their cases, in one commit.
    """
    from cocctl import render
    from cocctl.service import committee

    from cocctl.render import progress

    if not yes:
        typer.confirm(f"sign the removal of {handle} from the committee?", abort=True)
    with progress.reporter("off-boarding") as report:
        change = committee.approve_removal(session(ctx), handle, report)
    _removed(render, handle, change)


def _removed(render, handle: str, change) -> None:  # type: ignore[no-untyped-def]
    if change.pending is not None:
        signed = ", ".join(change.pending.approvals)
        render.info(f"the removal of {handle} has {len(change.pending.approvals)} of {change.pending.needs} "
                    f"signatures ({signed}); other members sign it with 'cocctl member approve {handle}' "
                    f"(commit {change.commit[:10]})")
        return
    _report(render, f"removed {handle}", change)
    render.info("they can still read old versions in git history with their old key, and match "
                "people-index tokens of names they know; see the README")
    render.info("off-boarding checklist (outside cocctl):")
    for item in change.checklist:
        render.info(f"  - {item}")


@member_app.command("notice")
def member_notice(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The member removed from the committee."),
    json: bool = typer.Option(False, "--json", help="Print the draft as JSON."),
) -> None:
    """Draft the email telling a removed member they were removed; only once the removal is in effect.

    CHAOSS: their access to committee resources is revoked before the email is sent.
    """
    from cocctl import render
    from cocctl.render import followup as show
    from cocctl.service import offboarding

    notice = offboarding.removal_notice(session(ctx), handle)
    render.emit_json(notice) if json else show.notice(notice)


@member_app.command("rotate-key")
def member_rotate_key(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The member whose key changes."),
    key: Optional[str] = typer.Option(None, "--key", help="Their new KEY.pub file from 'cocctl keygen', or its line."),
    ssh_key: Optional[str] = typer.Option(
        None, "--ssh-key", help="Their new SSH public key instead: a .pub file or the 'ssh-ed25519 AAAA...' line."),
) -> None:
    """Give a member a new key (lost or leaked); clearances, ownership and votes stay, cases are re-sealed."""
    from cocctl import render
    from cocctl.service import committee

    from cocctl.render import progress

    with progress.reporter("rotating the key") as report:
        change = committee.rotate_key(session(ctx), handle, _keys(key, None, ssh_key), report)
    _report(render, f"rotated the key of {handle}", change)
    render.info("their old key can still read old versions in git history; see the README")


@member_app.command("list")
def member_list(ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List committee members, past and present (no key needed)."""
    from cocctl import render
    from cocctl.service import committee

    roster = committee.list_members(session(ctx))
    if json:
        render.emit_json(roster.members)
        return
    render.members(roster.members)
    for pending in roster.pending:
        render.info(f"removal of {pending.handle} waiting: {len(pending.approvals)} of {pending.needs} signatures "
                    f"({', '.join(pending.approvals)}); sign it with 'cocctl member approve {pending.handle}'")


@app.command()
def rekey(
    ctx: typer.Context,
    check: bool = typer.Option(False, "--check", help="Only report the cases that need it; exit 1 if any."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Re-seal every case you can read whose seals are not encrypted to exactly its readers."""
    from cocctl import render
    from cocctl.service import committee

    from cocctl.render import progress

    with progress.reporter("rekey", show=not json) as report:
        change = committee.rekey(session(ctx), check, report)
    if json:
        render.emit_json(change)
    elif check:
        for case_id in change.reencrypted:
            render.line(f"{case_id}: needs re-sealing")
        for case_id, fixers in change.unreadable:
            render.line(f"{case_id}: needs re-sealing by one of: {', '.join(fixers) or 'no active reader'}")
    elif not change.commit:
        render.info("every case you can read is sealed to its readers; nothing changed")
    else:
        _report(render, f"commit {change.commit[:10]}", change)
    if check and (change.reencrypted or change.unreadable):
        raise typer.Exit(1)


app.command("reencrypt", hidden=True, help="Old name of 'cocctl rekey'.")(rekey)


@roster_app.command("trust")
def roster_trust(
    ctx: typer.Context,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Trust the roster at HEAD after the committee reviewed it (moves this clone's pin)."""
    from cocctl import render
    from cocctl.service import sync

    report = sync.roster_review(session(ctx))
    for finding in report.findings:
        render.info(f"{finding.commit[:12]}: {finding.message}")
    if not yes:
        typer.confirm("trust this roster from now on (cases will be encrypted to it)?", abort=True)
    sync.roster_trust(session(ctx))
    render.info(f"this clone now trusts the roster at {report.head[:12]}")


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Convert a format-1 archive (unsigned roster, one payload per case) to format 2, in one commit."""
    from cocctl import render
    from cocctl.service import upgrade as service

    from cocctl.render import progress

    with progress.reporter("upgrade") as report:
        outcome = service.upgrade(session(ctx), report)
    render.info(f"upgraded the archive: {len(outcome.converted)} case(s) converted")
    if outcome.unreadable:
        render.info(f"{len(outcome.unreadable)} case(s) you cannot read stay format 1 until a reader runs "
                    f"'cocctl upgrade': {', '.join(outcome.unreadable)}")
    if outcome.keyless:
        render.info("these members have no signing key yet; each sends 'cocctl whoami --public' and a member runs "
                    f"'cocctl member rotate-key HANDLE --key LINE': {', '.join(outcome.keyless)}")


def _report(render, what: str, change) -> None:  # type: ignore[no-untyped-def]
    render.info(f"{what}; re-sealed {len(change.reencrypted)} case(s)")
    if change.unreadable:
        render.info(f"{len(change.unreadable)} case(s) you cannot read are marked for a reader's re-seal:")
        for case_id, fixers in change.unreadable:
            render.info(f"  {case_id}: one of {', '.join(fixers) or 'no active reader'} must run 'cocctl rekey'")
