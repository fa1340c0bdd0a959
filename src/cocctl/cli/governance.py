"""Commands on access and decisions: recuse, grant, revoke, propose, vote, decide, interim, confirm, lift, policy."""

from __future__ import annotations

from typing import List, Optional

import typer

from cocctl.cli.base import app, command_group, session

policy_app = command_group("policy", "Show the policy in force, or adopt an edited cocctl.yaml.")

CONSEQUENCE_HELP = "A consequence ID[:key=value,...], e.g. do-not-contact:period=30d,protect=riley (repeatable)."


@app.command()
def recuse(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    member: Optional[str] = typer.Option(None, "--member", help="The member with a conflict (default: you)."),
    soft: bool = typer.Option(False, "--soft", help="Keep access, give up the vote only."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why (optional; never asked for)."),
) -> None:
    """Record a conflict: a hard recusal removes access and vote (the case is re-encrypted), a soft one the vote."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import access

    show.changed(render, access.recuse(session(ctx), case, member, soft=soft, reason=reason), "recusal recorded on")


@app.command()
def grant(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    member: Optional[str] = typer.Option(None, "--member", help="Clear a member, or withdraw their conflict: their own to withdraw; anyone else's grant is an approval that counts toward the committee's vote rule."),
    recipient: Optional[str] = typer.Option(None, "--recipient", help="An outside party's age recipient (age1...): they may read the case."),
    key: Optional[str] = typer.Option(None, "--key", metavar="LINE|FILE", help="An outside party's 'cocctl keygen' line or .pub file (age1... ed25519:...): they read AND act on this case only (a third-party mediator)."),
    as_: Optional[str] = typer.Option(None, "--as", help="The outside party's name, e.g. mediator."),
) -> None:
    """Give a member, or an outside party such as a mediator, access to a case.

    With --key the outside party is a full actor on this one case: in their
    own clone they amend, propose, draft and close it, and decide within the
    policy: they vote only when every member is recused, and are then its
    only voter. They never recuse, grant or revoke, act on another case or
    change the roster. 'cocctl revoke CASE --as NAME' ends it.
    """
    from cocctl import render
    from cocctl.errors import UsageError
    from cocctl.render import governance as show
    from cocctl.service import access
    from cocctl.service.keys import read_public

    if member and not (recipient or as_ or key):
        change = access.grant_member(session(ctx), case, member)
    elif recipient and as_ and not (member or key):
        change = access.grant_guest(session(ctx), case, recipient, as_)
    elif key and as_ and not (member or recipient):
        public = read_public(key)
        change = access.grant_guest(session(ctx), case, public.recipient, as_, public.signing)
    else:
        raise UsageError("use either --member HANDLE, --recipient age1... --as NAME, or --key LINE --as NAME")
    show.changed(render, change, "access granted on")


@app.command()
def revoke(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    as_: str = typer.Option(..., "--as", help="The outside party's name."),
) -> None:
    """End an outside party's access; the case is re-encrypted without them.

    A mediator granted with --key also loses their power to act: any seal
    they sign after this one fails 'verify' and 'validate', and sync refuses it.
    A member who can read the case must run it (while every member is hard-
    recused, the mediator is the case's only reader and cannot be revoked).
    """
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import access

    show.changed(render, access.revoke_guest(session(ctx), case, as_), "access revoked on")


@app.command()
def propose(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    violation: bool = typer.Option(..., "--violation/--no-violation", help="Whether the Code of Conduct was violated."),
    consequence: List[str] = typer.Option([], "--consequence", help=CONSEQUENCE_HELP),
    rationale: str = typer.Option(..., "--rationale", help="Why."),
    person: List[str] = typer.Option([], "--person", help="Whom it applies to (default: everyone reported)."),
) -> None:
    """Propose a decision for the committee to vote on."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import decisions

    change = decisions.propose(session(ctx), case, violation=violation, specs=consequence, rationale=rationale,
                                persons=person)
    show.changed(render, change, f"proposal {change.state.proposals[-1].number} opened on")


@app.command()
def vote(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    choice: str = typer.Argument(..., help="yes, no or abstain."),
    proposal: Optional[int] = typer.Option(None, "--proposal", help="The proposal (default: the open one; required when several are open)."),
) -> None:
    """Vote on a proposal with your own identity."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import decisions

    outcome = decisions.vote(session(ctx), case, choice, proposal)
    show.changed(render, outcome.change, "vote recorded on")
    if outcome.tally:
        show.tally(outcome.tally)


@app.command()
def decide(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    proposal: Optional[int] = typer.Option(None, "--proposal", help="The proposal (default: the open one; required when several are open)."),
    consequence: List[str] = typer.Option([], "--consequence", help="Decide directly where the rule is single. " + CONSEQUENCE_HELP),
    violation: bool = typer.Option(True, "--violation/--no-violation", help="For a direct decision."),
    rationale: Optional[str] = typer.Option(None, "--rationale", help="Why (default: the proposal's)."),
    person: List[str] = typer.Option([], "--person", help="Whom a direct decision applies to."),
    supersede: Optional[str] = typer.Option(
        None, "--supersede", metavar="DECISION",
        help="Of two decisions made concurrently (shown as a conflict), set this one (its number or id) aside; "
             "the other stands. Needs --rationale."),
) -> None:
    """Record the decision once the policy's rule is met; otherwise print the tally and what is missing.

    With --supersede, record instead which of two concurrent decisions stands.
    """
    from cocctl import render
    from cocctl.errors import UsageError
    from cocctl.render import governance as show
    from cocctl.service import decisions

    if supersede is not None:
        if proposal is not None or consequence or person or not violation:
            raise UsageError("--supersede settles a conflict on its own; pass only --rationale with it")
        if not rationale:
            raise UsageError("--supersede needs --rationale (why the committee chose the other decision)")
        outcome = decisions.supersede(session(ctx), case, supersede, rationale)
        show.changed(render, outcome.change, f"decision {outcome.decision.number} set aside on"
                     if outcome.decision else "decision set aside on")
        return
    outcome = decisions.decide(session(ctx), case, number=proposal, specs=consequence, violation=violation,
                                rationale=rationale, persons=person)
    show.decided(render, outcome)


@app.command()
def interim(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id (must be urgent)."),
    consequence: List[str] = typer.Option([], "--consequence", help=CONSEQUENCE_HELP),
    rationale: str = typer.Option(..., "--rationale", help="Why it cannot wait."),
    person: List[str] = typer.Option([], "--person", help="Whom it applies to (default: everyone reported)."),
) -> None:
    """Impose an interim measure at once on an urgent case, until the committee confirms or lifts it."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import decisions

    outcome = decisions.interim(session(ctx), case, consequence, rationale, person)
    show.decided(render, outcome)


@app.command()
def confirm(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    decision: Optional[int] = typer.Option(None, "--decision", help="The interim measure (default: the latest)."),
    rationale: Optional[str] = typer.Option(None, "--rationale", help="Why."),
) -> None:
    """Confirm an interim measure on behalf of the committee."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import decisions

    show.changed(render, decisions.confirm(session(ctx), case, decision, rationale), "interim measure confirmed on")


@app.command()
def lift(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    rationale: str = typer.Option(..., "--rationale", help="Why."),
    decision: Optional[int] = typer.Option(None, "--decision", help="The interim measure (default: the latest)."),
) -> None:
    """Lift an interim measure; it ends now."""
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import decisions

    show.changed(render, decisions.lift(session(ctx), case, rationale, decision), "interim measure lifted on")


@app.command("plan-response")
def plan_response(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    response: str = typer.Option(..., "--response", help="accepted, refused or not-understood."),
    note: Optional[str] = typer.Option(None, "--note", help="Context the reported person gave (added to the case)."),
    decision: Optional[int] = typer.Option(None, "--decision", help="The decision with the plan (default: the latest)."),
) -> None:
    """Record how the reported person took their behaviour-modification plan, after talking to them.

    A refusal or misunderstanding calls for re-evaluation: cocctl repeats the
    response the committee decided with the plan; a different decision goes
    through 'cocctl propose' and the vote.
    """
    from cocctl import render
    from cocctl.render import governance as show
    from cocctl.service import plans

    result = plans.record_response(session(ctx), case, response, note, decision)
    show.changed(render, result.change, "plan response recorded on")
    if result.response != "accepted":
        render.info(f"re-evaluate: the response decided with the plan: {result.decided_response or 'none recorded'}; "
                    f"a different decision goes through 'cocctl propose {case}'")


@policy_app.command("show")
def policy_show(ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print the policy in force and where each value comes from (base, preset or cocctl.yaml)."""
    from cocctl.render import governance as show
    from cocctl.service import people

    rows = people.policy_rows(session(ctx))
    show.policy(rows, json)


@policy_app.command("sign")
def policy_sign(ctx: typer.Context) -> None:
    """Adopt your edit of cocctl.yaml: validate it and record it as a signed settings change, in one commit."""
    from cocctl import render
    from cocctl.service import committee

    commit = committee.sign_config(session(ctx))
    render.info(f"signed and committed the new cocctl.yaml ({commit[:12]})")
