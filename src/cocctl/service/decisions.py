"""Decisions on a case: propose, vote, decide, and urgent interim measures (confirm, lift)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cocctl.errors import AccessDenied, ConflictError, NotFound, UsageError
from cocctl.model import events as ev
from cocctl.model.governance import find
from cocctl.model.state import CLOSED, ESCROWED, IN_FORCE, REJECTED, SUPERSEDED, CaseState, Decision, Proposal
from cocctl.text import require_single_line, require_text
from cocctl.policy import consequences as catalogue
from cocctl.policy import votes as voting
from cocctl.policy.sanctions import normalise
from cocctl.policy.sanctions import strikes as count_strikes
from cocctl.service.access import require_reader
from cocctl.service.mediator import member_voters, voters
from cocctl.service.cases import check_event_data
from cocctl.service.workspace import CaseChange, Session, Workspace

NON_VIOLATION = ("no-action", "awareness")


@dataclass(frozen=True)
class Outcome:
    """A change plus the tally and the strike notices it produced."""

    change: CaseChange
    tally: voting.Tally | None = None
    strikes: tuple[dict[str, Any], ...] = field(default=())
    decision: Decision | None = None


def _actionable(state: CaseState) -> None:
    if state.status == ESCROWED:
        raise ConflictError(
            f"case {state.id} is escrowed and is not acted on; 'cocctl escrow release {state.id}' makes it active"
        )
    if state.status == CLOSED:
        raise ConflictError(f"case {state.id} is closed; 'cocctl reopen' it first")


def _consequences(work: Workspace, specs: list[str], violation: bool) -> list[dict[str, Any]]:
    parsed = [catalogue.parse(spec, work.policy.consequences) for spec in specs]
    if not violation:
        wrong = [c["id"] for c in parsed if c["id"] not in NON_VIOLATION]
        if wrong:
            raise UsageError(f"{wrong[0]} needs a violation; pass --violation, or use no-action or awareness")
        return parsed or [{"id": "no-action", "params": {}}]
    if not parsed:
        raise UsageError("a violation needs at least one --consequence, e.g. --consequence private-warning")
    if any(c["id"] == "no-action" for c in parsed):
        raise UsageError("no-action means no violation; pass --no-violation")
    return parsed


def _persons(state: CaseState, persons: list[str]) -> list[str]:
    for person in persons:
        require_single_line(person, "--person")
    if not persons:
        return list(state.reported)
    named = {normalise(p): p for p in state.reported}
    for person in persons:
        if normalise(person) not in named:
            raise UsageError("--person must be someone the case reports; add them with 'cocctl amend --reported'")
    return [named[normalise(p)] for p in persons]


def propose(session: Session, case_id: str, *, violation: bool, specs: list[str], rationale: str,
            persons: list[str] = ()) -> CaseChange:  # type: ignore[assignment]
    """Open a proposal (a violation or not, consequences, rationale) for the committee to vote on.

    Raises:
        UsageError: unknown consequence or bad parameters; ConflictError: escrowed or closed case.
    """
    if rationale:
        require_text(rationale, "--rationale")
    work = Workspace(session)
    consequences = _consequences(work, specs, violation)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        _actionable(state)
        data = {"violation": violation, "consequences": consequences,
                "rationale": rationale, "persons": _persons(state, list(persons))}
        check_event_data(ev.PROPOSED, data)
        return [(ev.PROPOSED, data)]

    return work.change_case(case_id, "propose", f"Propose a decision on case {case_id}", make)


def _open_proposal(state: CaseState, number: int | None) -> Proposal:
    if number is not None:
        proposal = find(state.proposals, number)
        if proposal is None:
            raise NotFound(f"case {state.id} has no proposal {number}")
    else:
        undecided = [p for p in state.proposals if p.decided is None]
        if not undecided:
            raise NotFound(f"case {state.id} has no open proposal; 'cocctl propose' one")
        if len(undecided) > 1:  # e.g. proposed concurrently in two clones: never guess which one is meant
            listed = ", ".join(f"{p.number} by {p.by}: {'+'.join(c['id'] for c in p.consequences) or 'no consequence'}"
                               for p in undecided)
            raise UsageError(f"case {state.id} has {len(undecided)} open proposals ({listed}); "
                             "say which with --proposal N")
        proposal = undecided[0]
    if proposal.decided is not None:
        raise ConflictError(f"proposal {proposal.number} on case {state.id} is already decided")
    return proposal


def current_tally(work: Workspace, state: CaseState, proposal: Proposal) -> tuple[voting.Rule, voting.Tally]:
    """The rule that applies to a proposal and where its vote stands."""
    rule = work.policy.rule_for(c["id"] for c in proposal.consequences)
    readers = work.readers(state)
    roles = {m.handle: m.roles for m in work.archive.roster.active}
    # Where no member may vote (all recused), the case's mediator is its only voter (service/mediator.py).
    eligible = voters(state, member_voters(work, state, rule))
    breakers = voting.tie_breakers(rule, readers, roles, state.recused_soft)
    return rule, voting.tally(rule, eligible, proposal.ballot, breakers)


def vote(session: Session, case_id: str, choice: str, number: int | None = None) -> Outcome:
    """Record my vote (yes, no, abstain) on a proposal; my latest vote counts.

    Raises:
        AccessDenied: I cannot read the case, am soft-recused, or my role does not vote.
        ConflictError: the proposal is decided, or a tie-breaker vote when there is no tie.
    """
    if choice not in ("yes", "no", "abstain"):
        raise UsageError(f"vote yes, no or abstain, not {choice!r}")
    work = Workspace(session)
    require_reader(work, case_id)
    me = work.me.handle
    result: dict[str, Any] = {}

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        _actionable(state)
        proposal = _open_proposal(state, number)
        rule, tally = current_tally(work, state, proposal)
        if me in state.recused_soft:
            raise AccessDenied(f"you recused yourself from voting on case {case_id}; 'cocctl grant' undoes it")
        if me not in tally.eligible:
            if work.guest is not None:
                raise AccessDenied(f"a mediator votes only when no member may vote on case {case_id}; "
                                   f"the members vote ({', '.join(tally.eligible)})")
            if me not in tally.tie_breakers:
                raise AccessDenied(f"your role does not vote under this rule ({rule.rule}); see 'cocctl policy show'")
            if not tally.tie_breaker_needed:
                raise ConflictError(f"the {rule.tie_breaker} votes only to break a tie caused by abstention; "
                                    f"there is none ({len(tally.yes)} yes, {len(tally.no)} no, "
                                    f"{len(tally.abstain)} abstain, {len(tally.missing)} not voted)")
            if choice == "abstain":
                raise UsageError("the tie-breaker must vote yes or no")
        result["proposal"] = proposal.id
        if proposal.ballot.get(me) == choice:
            return []
        return [(ev.VOTED, {"proposal": proposal.id, "vote": choice})]

    change = work.change_case(case_id, "vote", f"Record vote on case {case_id}", make)
    proposal = find(change.state.proposals, result["proposal"])
    return Outcome(change, current_tally(work, change.state, proposal)[1])


def decide(session: Session, case_id: str, *, number: int | None = None, specs: list[str] = (),  # type: ignore[assignment]
           violation: bool = True, rationale: str | None = None, persons: list[str] = ()) -> Outcome:  # type: ignore[assignment]
    """Record a decision: on a proposal whose rule is met, or directly where the rule is ``single``.

    Raises:
        ConflictError: the rule is not met (the message gives the tally and what is missing).
        UsageError: a direct decision on consequences that need a vote.
    """
    if rationale:
        require_text(rationale, "--rationale")
    work = Workspace(session)
    # "--no-violation" alone is a direct decision of no action.
    direct = _consequences(work, specs, violation) if specs or not violation else None
    if direct is not None and number is not None:
        raise UsageError("decide either a --proposal or direct --consequence values, not both")
    if direct is not None:
        rule = work.policy.rule_for(c["id"] for c in direct)
        if rule.rule != voting.SINGLE:
            raise UsageError(f"the policy needs a {rule.rule} vote for these consequences; "
                             "use 'cocctl propose' and 'cocctl vote'")
        if not rationale:
            raise UsageError("a direct decision needs --rationale")
    require_reader(work, case_id)
    others = _other_states(work, case_id) if _has_strike(direct) or direct is None else []
    result: dict[str, Any] = {}

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        _actionable(state)
        # The decisions I know of: one made meanwhile in another clone is not
        # among them, and the merge shows the two as a conflict to settle.
        data: dict[str, Any] = {"known": [d.id for d in state.decisions]}
        if direct is not None:
            if work.guest is not None and member_voters(work, state, rule):
                raise AccessDenied(f"a mediator decides only when no member may vote on case {case_id}")
            data.update(outcome="adopted", violation=violation, consequences=direct, rationale=rationale,
                        persons=_persons(state, list(persons)), tally={"rule": voting.SINGLE, "by": work.me.handle})
        else:
            proposal = _open_proposal(state, number)
            voted_rule, tally = current_tally(work, state, proposal)
            result["tally"] = tally
            if voted_rule.rule == voting.SINGLE:
                tally_data: dict[str, Any] = {"rule": voting.SINGLE, "by": work.me.handle}
                outcome = voting.ADOPTED
            elif tally.outcome == voting.PENDING:
                raise ConflictError(f"cannot decide proposal {proposal.number} on case {case_id} yet: "
                                    f"{_counts(tally)}; {tally.reason}")
            else:
                tally_data, outcome = tally.summary(), tally.outcome
            data.update(proposal=proposal.id, outcome=outcome, violation=proposal.violation,
                        consequences=list(proposal.consequences), rationale=rationale or proposal.rationale,
                        persons=list(proposal.persons), tally=tally_data)
        if data["outcome"] == voting.ADOPTED:
            notices = _strike_notices(work, [state, *others], data)
            if notices:
                data["strikes"] = notices
        check_event_data(ev.DECIDED, data)
        result["data"] = data
        return [(ev.DECIDED, data)]

    change = work.change_case(case_id, "decide", f"Record decision on case {case_id}", make)
    data = result.get("data", {})
    return Outcome(change, result.get("tally"), tuple(data.get("strikes", ())), _made(change))


def _made(change: CaseChange) -> Decision | None:
    """The decision this change recorded."""
    return find(change.state.decisions, change.added[-1].id) if change.added else None


def supersede(session: Session, case_id: str, ref: str, rationale: str) -> Outcome:
    """Record which of two concurrent decisions stands by setting the other aside.

    Args:
        ref: the decision set aside: its number on the case, or its event id.

    Raises:
        NotFound: no such decision; ConflictError: it is in no conflict (end a
            decision by appeal or by lifting an interim measure instead).
    """
    require_text(rationale, "--rationale")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        decision = find(state.decisions, int(ref) if ref.isdigit() else ref)
        if decision is None:
            raise NotFound(f"case {case_id} has no decision {ref}; 'cocctl show {case_id}' lists them")
        rivals = {number for pair in state.rivals for number in pair if decision.number in pair}
        standing = [d for d in state.decisions if d.number in rivals - {decision.number} and d.standing in (IN_FORCE, REJECTED)]
        if decision.standing == SUPERSEDED:
            return []
        if not standing:
            raise ConflictError(f"decision {decision.number} on case {case_id} is not in conflict with another; "
                                "a decision ends by appeal ('cocctl appeal') or, if interim, 'cocctl lift'")
        return [(ev.SUPERSEDED, {"decision": decision.id, "rationale": rationale})]

    change = work.change_case(case_id, "supersede", f"Settle concurrent decisions on case {case_id}", make)
    return Outcome(change, decision=find(change.state.decisions, int(ref) if ref.isdigit() else ref))


def _counts(tally: voting.Tally) -> str:
    return (f"{len(tally.yes)} yes, {len(tally.no)} no, {len(tally.abstain)} abstain, "
            f"{len(tally.missing)} not voted of {len(tally.eligible)}")


def _has_strike(consequences: list[dict[str, Any]] | None) -> bool:
    return bool(consequences) and any(c["id"] == "strike" for c in consequences or ())


def _other_states(work: Workspace, case_id: str) -> list[CaseState]:
    from cocctl.service.people import readable_cases

    return readable_cases(work, skip=case_id)[0]


def _strike_notices(work: Workspace, states: list[CaseState], data: dict[str, Any]) -> list[dict[str, Any]]:
    """For each person given strikes: the new total, and what the policy requires at the threshold."""
    policy = work.policy.strikes
    threshold = policy.threshold
    added = sum(int(c.get("params", {}).get("count", 1)) for c in data["consequences"] if c["id"] == "strike")
    if not added or not threshold:
        return []
    notices = []
    for person in data["persons"]:
        total = count_strikes(states, normalise(person), work.now, policy.expire, work.policy.zone) + added
        notice: dict[str, Any] = {"person": person, "count": total, "threshold": int(threshold)}
        if total >= int(threshold):
            notice["requires"] = list(policy.requires)
        notices.append(notice)
    return notices


def interim(session: Session, case_id: str, specs: list[str], rationale: str,
            persons: list[str] = ()) -> Outcome:  # type: ignore[assignment]
    """One responder imposes an interim measure at once on an urgent case.

    Raises:
        ConflictError: the policy has no interim measures, or the case is not urgent.
        UsageError: a consequence the policy does not allow as an interim measure.
    """
    if rationale:
        require_text(rationale, "--rationale")
    work = Workspace(session)
    settings = work.policy.interim
    if not settings.allowed:
        raise ConflictError("this archive's policy has no interim measures; the committee decides")
    waive = ("period",) if settings.until_resolved else ()
    measures = [catalogue.parse(spec, settings.consequences, waive) for spec in specs]
    if not measures:
        raise UsageError("name the interim measure with --consequence, e.g. temporary-suspension:period=14d")
    if settings.until_resolved and any("period" in m["params"] for m in measures):
        raise UsageError("under this policy an interim measure lasts until the case is resolved, "
                         "not for a period; drop period=")
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        _actionable(state)
        if settings.kinds and state.kind not in settings.kinds:
            raise ConflictError(f"case {case_id} is a {state.kind}; under this policy an interim measure is only "
                                f"for a {' or '.join(settings.kinds)} ('cocctl amend {case_id} --kind' if it is one)")
        if not state.urgent:
            raise ConflictError(f"case {case_id} is not urgent; if someone is in immediate danger run "
                                f"'cocctl amend {case_id} --urgent' first")
        data = {"known": [d.id for d in state.decisions], "outcome": "adopted", "violation": True,
                "consequences": measures, "rationale": rationale, "persons": _persons(state, list(persons)),
                "interim": True, "tally": {"rule": voting.SINGLE, "by": work.me.handle}}
        check_event_data(ev.DECIDED, data)
        return [(ev.DECIDED, data)]

    change = work.change_case(case_id, "interim", f"Record interim measure on case {case_id}", make)
    return Outcome(change, decision=_made(change))


def _interim_decision(state: CaseState, number: int | None) -> Decision:
    pending = [d for d in state.decisions if d.interim and d.in_force]
    if number is not None:
        pending = [d for d in pending if d.number == number]
    if not pending:
        raise NotFound(f"case {state.id} has no interim measure awaiting the committee"
                       + (f" numbered {number}" if number is not None else ""))
    return pending[-1]


def confirm(session: Session, case_id: str, number: int | None = None, rationale: str | None = None) -> CaseChange:
    """The committee confirms an interim measure; a second member must do it when there is one.

    Raises:
        NotFound: no interim measure pending; AccessDenied: the responder confirming their own measure.
    """
    if rationale:
        require_text(rationale, "--rationale")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        decision = _interim_decision(state, number)
        rule = work.policy.rule_for(c["id"] for c in decision.consequences)
        if rule.rule != voting.SINGLE:
            raise ConflictError(f"the policy needs a {rule.rule} vote for {', '.join(c['id'] for c in decision.consequences)}, "
                                f"so interim measure {decision.number} stays interim until it ends or is lifted; "
                                f"make it final with 'cocctl propose {case_id}' and 'cocctl vote'")
        if work.policy.interim.until_resolved:  # SSE, Enginexp: it ends with the resolution, never made final as is
            raise ConflictError(f"interim measure {decision.number} lasts until case {case_id} is resolved; decide the "
                                f"resolution with 'cocctl decide {case_id}' (it ends the measure) or lift it")
        _second_member(work, state, decision)
        data: dict[str, Any] = {"decision": decision.id}
        if rationale:
            data["rationale"] = rationale
        return [(ev.CONFIRMED, data)]

    return work.change_case(case_id, "confirm", f"Confirm interim measure on case {case_id}", make)


def lift(session: Session, case_id: str, rationale: str, number: int | None = None) -> CaseChange:
    """The committee lifts an interim measure; it ends now."""
    if rationale:
        require_text(rationale, "--rationale")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        decision = _interim_decision(state, number)
        return [(ev.LIFTED, {"decision": decision.id, "rationale": rationale})]

    return work.change_case(case_id, "lift", f"Lift interim measure on case {case_id}", make)


def _second_member(work: Workspace, state: CaseState, decision: Decision) -> None:
    # An interim measure is one responder's call; confirming it is the
    # committee's, so another reader must confirm when there is one.
    if decision.by == work.me.handle and len(work.readers(state)) > 1:
        raise AccessDenied("another committee member must confirm the interim measure you imposed")
