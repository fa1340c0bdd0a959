"""Proposals, votes, decisions, interim measures, appeals and escrow release in the fold (pure).

Events refer to a proposal, decision or appeal by the id of the event that
made it; format-1 logs referred by number, which is still understood. Numbers
are given here, in fold order, for people to read and type.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from cocctl.model import events as ev
from cocctl.model.events import Event
from cocctl.model.state import (
    IN_FORCE, LIFTED, OPEN, OVERTURNED, REJECTED, SUPERSEDED, Appeal, CaseState, Decision, PlanResponse, Proposal,
    Reducer,
)

Item = TypeVar("Item", Proposal, Decision, Appeal)


def find(items: tuple[Item, ...], ref: int | str | None) -> Item | None:
    """The proposal, decision or appeal ``ref`` names: its number, or its event id."""
    if isinstance(ref, int):
        return next((item for item in items if item.number == ref), None)
    return next((item for item in items if item.id == ref), None)


def _replace_item(items: tuple[Item, ...], number: int, **changes: Any) -> tuple[Item, ...]:
    return tuple(replace(item, **changes) if item.number == number else item for item in items)


def _proposed(state: CaseState, event: Event) -> CaseState:
    data = event.data
    proposal = Proposal(
        id=event.id, number=len(state.proposals) + 1, at=event.at, by=event.by, violation=data["violation"],
        consequences=tuple(data.get("consequences", ())), rationale=data["rationale"],
        persons=tuple(data.get("persons", ())),
    )
    return replace(state, proposals=state.proposals + (proposal,))


def _voted(state: CaseState, event: Event) -> CaseState:
    proposal = find(state.proposals, event.data["proposal"])
    if proposal is None:
        return state
    votes = tuple((who, vote) for who, vote in proposal.votes if who != event.by) + ((event.by, event.data["vote"]),)
    return replace(state, proposals=_replace_item(state.proposals, proposal.number, votes=votes))


def _decided(state: CaseState, event: Event) -> CaseState:
    data = event.data
    proposal = find(state.proposals, data.get("proposal"))
    known = data.get("known")
    decision = Decision(
        id=event.id, number=len(state.decisions) + 1, at=event.at, by=event.by, outcome=data["outcome"],
        violation=data["violation"], consequences=tuple(data.get("consequences", ())),
        rationale=data["rationale"], persons=tuple(data.get("persons", ())),
        proposal=proposal.number if proposal else None, interim=bool(data.get("interim", False)),
        tally=dict(data.get("tally") or {}), strikes=tuple(data.get("strikes", ())),
        known=None if known is None else frozenset(known),
        standing=IN_FORCE if data["outcome"] == "adopted" else REJECTED,
    )
    rivals = tuple((earlier.number, decision.number) for earlier in state.decisions if _rival(earlier, decision))
    decisions = state.decisions
    if not decision.interim and decision.known is not None:
        # The committee's own decision replaces the interim measures it knew of.
        for earlier in decisions:
            if earlier.interim and earlier.in_force and earlier.id in decision.known:
                decisions = _replace_item(decisions, earlier.number, interim=False, standing=LIFTED,
                                          ended_at=event.at)
    proposals = state.proposals
    if proposal is not None:
        proposals = _replace_item(proposals, proposal.number, decided=proposal.decided or decision.number)
    return replace(state, decisions=decisions + (decision,), proposals=proposals,
                   rivals=state.rivals + rivals)


def _rival(earlier: Decision, later: Decision) -> bool:
    """Whether two decisions contradict each other without either author knowing of the other.

    Decisions made one after the other are the committee's history (an
    interim measure then the final decision); two made concurrently in two
    clones contradict when both adopt consequences or both decide one proposal.
    """
    if later.proposal is not None and later.proposal == earlier.proposal:
        return True  # one proposal decided twice (format 1 recorded no ``known``)
    if later.known is None or earlier.id in later.known:
        return False
    return earlier.outcome == later.outcome == "adopted"


def _superseded(state: CaseState, event: Event) -> CaseState:
    decision = find(state.decisions, event.data["decision"])
    if decision is None:
        return state
    return replace(state, decisions=_replace_item(state.decisions, decision.number, standing=SUPERSEDED,
                                                  ended_at=event.at, interim=False))


def _confirmed(state: CaseState, event: Event) -> CaseState:
    decision = find(state.decisions, event.data["decision"])
    if decision is None:
        return state
    return replace(state, decisions=_replace_item(state.decisions, decision.number, interim=False,
                                                  confirmed_at=event.at))


def _lifted(state: CaseState, event: Event) -> CaseState:
    decision = find(state.decisions, event.data["decision"])
    if decision is None:
        return state
    return replace(state, decisions=_replace_item(state.decisions, decision.number, interim=False,
                                                  standing=LIFTED, ended_at=event.at))


def _appealed(state: CaseState, event: Event) -> CaseState:
    data = event.data
    decision = find(state.decisions, data["decision"])
    if decision is None:
        return state
    appeal = Appeal(id=event.id, number=len(state.appeals) + 1, at=event.at, by=event.by,
                    decision=decision.number, reason=data["reason"])
    return replace(state, appeals=state.appeals + (appeal,))


def _appeal_decided(state: CaseState, event: Event) -> CaseState:
    data = event.data
    appeal = find(state.appeals, data["appeal"])
    if appeal is None:
        return state
    appeals = _replace_item(state.appeals, appeal.number, result=data["result"], decided_at=event.at,
                            rationale=data["rationale"])
    decisions = state.decisions
    if data["result"] == "overturned":
        decisions = _replace_item(decisions, appeal.decision, standing=OVERTURNED, ended_at=event.at, interim=False)
    return replace(state, appeals=appeals, decisions=decisions)


def _released(state: CaseState, event: Event) -> CaseState:
    return replace(state, status=OPEN, kind=event.data["kind"])


def _plan_response(state: CaseState, event: Event) -> CaseState:
    decision = find(state.decisions, event.data["decision"])
    if decision is None:
        return state
    response = PlanResponse(decision.number, event.data["response"], event.at, event.by, event.data.get("note"))
    return replace(state, plan_responses=state.plan_responses + (response,))


REDUCERS: dict[str, Reducer] = {
    ev.PROPOSED: _proposed,
    ev.VOTED: _voted,
    ev.DECIDED: _decided,
    ev.SUPERSEDED: _superseded,
    ev.CONFIRMED: _confirmed,
    ev.LIFTED: _lifted,
    ev.APPEALED: _appealed,
    ev.APPEAL_DECIDED: _appeal_decided,
    ev.RELEASED: _released,
    ev.PLAN_RESPONSE: _plan_response,
}


def end_interim(state: CaseState, ids: list[str], at: str) -> CaseState:
    """End the interim measures ``ids`` (a close under a policy where they last until the case is resolved)."""
    decisions = state.decisions
    for decision in state.decisions:
        if decision.id in ids and decision.interim and decision.in_force:
            decisions = _replace_item(decisions, decision.number, interim=False, standing=LIFTED, ended_at=at)
    return replace(state, decisions=decisions)
