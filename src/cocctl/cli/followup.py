"""Follow-up commands: due, draft, roster check, rotation, member confirm."""

from __future__ import annotations

from typing import Optional

import typer

from cocctl.cli.base import app, member_app, roster_app, session


@app.command()
def due(
    ctx: typer.Context,
    mine: bool = typer.Option(False, "--mine", help="Only cases you own (primary or secondary)."),
    at: Optional[str] = typer.Option(None, "--at", help="Evaluate as of this date/time (ISO 8601; default now)."),
    check: bool = typer.Option(
        False, "--check", help="Read only the plaintext metadata (no key needed); exit 1 when anything is overdue."
    ),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Overdue and upcoming deadlines by case and owner, most urgent first.

    Deadlines come from the policy (first response, decision, reporter
    updates, telling the reporter the outcome, sanction ends) and start when
    the report was received. With --check, cocctl reads only the case files'
    plaintext metadata, so a scheduled CI job without any private key can
    raise the alarm.
    """
    from cocctl import render
    from cocctl.render import followup as show
    from cocctl.render import progress
    from cocctl.service import deadlines

    with progress.reporter("due", show=not json) as bar:
        report = deadlines.due(session(ctx), at=at, mine=mine, check=check, progress=bar)
    render.emit_json(report) if json else show.due(report)
    if check and report.overdue:
        render.error(f"{len(report.overdue)} deadline(s) overdue")
        raise typer.Exit(1)


@app.command()
def draft(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    to: str = typer.Option(..., "--to", help="reporter, reported, committee, community-manager or community."),
    kind: Optional[str] = typer.Option(
        None, "--kind", help="ack, update, decision, law-enforcement or overturned (default: the one the case needs next)."
    ),
    estimate: Optional[str] = typer.Option(
        None, "--estimate", help="When the committee expects to triage and resolve the case (acknowledgements)."),
    sent: bool = typer.Option(False, "--sent", help="Record that the message went out (one commit); prints nothing."),
    json: bool = typer.Option(False, "--json", help="Print the draft as JSON."),
) -> None:
    """Print a ready-to-send message to someone involved, from the case and the policy.

    To the reporter: the acknowledgement, the "we need more time" update, or
    the outcome that concerns them. To the reported person: what occurred,
    that it is confidential, how it was confirmed, the decision, strikes,
    do-not-contact terms and the behaviour-modification plan; never the
    reporter's identity, and without their consent none of the details they
    gave. To the community manager: what was given to law enforcement. To
    the community: the new context of a suspension overturned on appeal.
    Anonymous reports, and reporters who prefer not to be involved any
    further, get no update or outcome messages. Templates are files: put
    your own in the archive's templates/ folder under the same name.
    """
    from cocctl import render
    from cocctl.render import followup as show
    from cocctl.service import drafts

    if sent:
        change = drafts.record_sent(session(ctx), case, to, kind)
        if change.commit:
            render.info(f"recorded a {change.added[-1].data['kind']} message to the {to} on case {case} "
                        f"(commit {change.commit[:10]})")
        return
    message = drafts.draft(session(ctx), case, to, kind, estimate)
    render.emit_json(message) if json else show.draft(message)


@app.command("reporter-involvement")
def reporter_involvement(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    involved: bool = typer.Option(..., "--involved/--uninvolved",
                                  help="--uninvolved: the reporter prefers not to be involved any further."),
    note: Optional[str] = typer.Option(None, "--note", help="What they said (kept in the case)."),
) -> None:
    """Record that the reporter prefers not to be involved any further: no updates or outcome messages to them."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import reporter

    show.changed(render, reporter.set_involvement(session(ctx), case, involved, note), "reporter's wish recorded on")


@app.command()
def searching(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    searching: bool = typer.Option(..., "--not-found/--found",
                                   help="--not-found: the reported person cannot be found at the event yet."),
) -> None:
    """Record that the reported person cannot be found at the event (the reporter hears daily), or was found."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import reporter

    show.changed(render, reporter.set_searching(session(ctx), case, searching), "search recorded on")


@app.command("law-enforcement")
def law_enforcement(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    given: str = typer.Option(..., "--given", help="What was given to law enforcement (kept in the case)."),
    reporter_asked: bool = typer.Option(False, "--reporter-asked", help="The reporter asked for it."),
) -> None:
    """Record that law enforcement was involved and what was given to them (confidential, in the case).

    Under CHAOSS only at the reporter's request; then 'cocctl draft CASE --to
    community-manager' drafts sharing what was given with the Community Manager.
    """
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import reporter

    show.changed(render, reporter.law_enforcement(session(ctx), case, given, reporter_asked),
                 "law enforcement recorded on")


@app.command()
def consulted(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    agreed: bool = typer.Option(..., "--agreed/--refused", help="Whether those involved agreed to disclosure."),
    note: Optional[str] = typer.Option(None, "--note", help="What they said (kept in the case)."),
) -> None:
    """Record that those involved in a public-channel incident were consulted before anything is disclosed."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import reporter

    show.changed(render, reporter.consulted(session(ctx), case, agreed, note), "consultation recorded on")


@app.command()
def content(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    where: str = typer.Option(..., "--where", help="Where the content was (channel, thread, link)."),
    requested: bool = typer.Option(False, "--requested", help="Others were asked to delete it (default: we did)."),
) -> None:
    """Record that publicly visible content was deleted, or that others were asked to delete it."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import records

    show.changed(render, records.content_removed(session(ctx), case, where, requested), "content removal recorded on")


@app.command()
def conversation(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    with_: str = typer.Option(..., "--with", help="Who the clarifying conversation was with."),
    medium: str = typer.Option(..., "--medium", help="Email, DM, video call..."),
    observer: Optional[str] = typer.Option(None, "--observer", help="An observer or scribe present."),
    observer_agreed: bool = typer.Option(False, "--observer-agreed", help="Both parties agreed to the observer."),
) -> None:
    """Record a clarifying conversation held for the committee, with an observer/scribe both parties agreed to."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import records

    change = records.conversation(session(ctx), case, with_, medium, observer, observer_agreed)
    show.changed(render, change, "conversation recorded on")


@roster_app.command("check")
def roster_check(
    ctx: typer.Context,
    at: Optional[str] = typer.Option(None, "--at", help="Check as of this date/time (ISO 8601)."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Check the committee's rules; exit 1 when one is broken (no key needed).

    At least two members on triage watch (Kubernetes), no majority from one
    employer (Kubernetes), and members due for their six-monthly "do you want
    to continue?" question (CHAOSS; its period is deadlines.member_confirmation
    in cocctl.yaml, null turns it off).
    """
    from cocctl import render
    from cocctl.render import followup as show
    from cocctl.service import roster

    result = roster.roster_check(session(ctx), at)
    render.emit_json({**render.plain(result), "broken": result.broken}) if json else show.roster_check(result)
    if result.broken:
        raise typer.Exit(1)


@app.command()
def rotation(
    ctx: typer.Context,
    at: Optional[str] = typer.Option(None, "--at", help="Start from this date's week (ISO 8601)."),
    weeks: int = typer.Option(4, "--weeks", help="How many weeks to show."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who is on triage watch this week, and in the weeks after (a fixed weekly rotation)."""
    from cocctl import render
    from cocctl.service import roster

    schedule = roster.rotation(session(ctx), at, weeks)
    if json:
        render.emit_json([{"week": week, "watch": list(watch)} for week, watch in schedule])
        return
    for index, (week, watch) in enumerate(schedule):
        render.line(f"{week}  {', '.join(watch)}" + ("  (this week)" if index == 0 else ""))


@member_app.command("confirm")
def member_confirm(ctx: typer.Context, handle: str = typer.Argument(..., help="The member who wants to continue.")) -> None:
    """Record that a member wants to continue serving (asked every six months), in one commit."""
    from cocctl import render
    from cocctl.service import committee

    commit = committee.confirm_member(session(ctx), handle)
    render.info(f"recorded that {handle} continues (commit {commit[:10]})")
