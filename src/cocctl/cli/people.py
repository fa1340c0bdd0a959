"""Commands across cases and after decisions: person, sanctions, appeal, decide-appeal, escrow release."""

from __future__ import annotations

from typing import Optional

import typer

from cocctl.cli.base import app, command_group, session

escrow_app = command_group("escrow", "Escrowed reports: kept, not acted on, until released.")


@app.command()
def person(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The reported person's name or handle."),
    at: Optional[str] = typer.Option(None, "--at", help="As of this date (ISO 8601; default now)."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Every case naming a person that you can read, their strikes, sanctions in force and highest consequence."""
    from cocctl.clock import parse_time
    from cocctl.render import governance as show
    from cocctl.service import people

    record = people.person(session(ctx), name, parse_time(at, what="--at") if at else None)
    show.person(record, json)


@app.command()
def sanctions(
    ctx: typer.Context,
    at: Optional[str] = typer.Option(None, "--at", help="As of this date (ISO 8601; default now)."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Do-not-contact orders, suspensions and other sanctions in force, when each ends, which end soon."""
    from cocctl.clock import parse_time
    from cocctl.render import governance as show
    from cocctl.service import people

    show.sanctions(people.sanctions(session(ctx), parse_time(at, what="--at") if at else None), json)


@app.command()
def appeal(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    reason: str = typer.Option(..., "--reason", help="The appellant's justification."),
    decision: Optional[int] = typer.Option(None, "--decision", help="The decision appealed (default: the latest)."),
) -> None:
    """Record an appeal against a decision, accepted only inside the policy's window."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import appeals

    show.changed(render, appeals.appeal(session(ctx), case, reason, decision), "appeal recorded on")


@app.command("decide-appeal")
def decide_appeal(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    overturn: bool = typer.Option(..., "--overturn/--uphold", help="Overturn the decision, or uphold it."),
    rationale: str = typer.Option(..., "--rationale", help="Why."),
    appeal_number: Optional[int] = typer.Option(None, "--appeal", help="The appeal (default: the pending one)."),
) -> None:
    """Uphold or overturn an appeal; an overturned suspension ends now."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import appeals

    change = appeals.decide_appeal(session(ctx), case, overturn, rationale, appeal_number)
    show.changed(render, change, "appeal overturned the decision on" if overturn else "appeal upheld on")


@escrow_app.command("release")
def escrow_release(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The escrowed case id."),
    kind: str = typer.Option("complaint", "--as", help="complaint, concern or anonymous."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why now: the case or pattern that shows it (required)."),
    ground: Optional[str] = typer.Option(None, "--ground", help="repeated (the behaviour was repeated) or pattern "
                                                                 "(a past pattern was found); required."),
) -> None:
    """Turn an escrowed report into an active case, for a recorded reason: a repeat or a pattern."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import appeals

    show.changed(render, appeals.release(session(ctx), case, kind, reason, ground), "released")
