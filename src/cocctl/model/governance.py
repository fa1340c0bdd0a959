"""Proposals, votes, decisions, interim measures, appeals and escrow release in the fold (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from cocctl.model import events as ev
from cocctl.model.events import Event
from cocctl.model.fold import reducer
from cocctl.model.state import OPEN, CaseState

# A decision's standing: in force, ended by the committee lifting an interim
# measure, or ended by an appeal.
IN_FORCE, LIFTED, OVERTURNED = "in-force", "lifted", "overturned"


@dataclass(frozen=True)
class Proposal:
    """A proposed decision and the votes on it (latest vote per member counts)."""

    number: int
    at: str
    by: str
    violation: bool
    consequences: tuple[dict[str, Any], ...]
    rationale: str
    persons: tuple[str, ...]
    votes: tuple[tuple[str, str], ...] = ()
    decided: int | None = None

    @property
    def ballot(self) -> dict[str, str]:
        """Each member's current vote."""
        return dict(self.votes)


@dataclass(frozen=True)
class Decision:
    """A recorded decision: adopted (with consequences) or a rejected proposal."""

    number: int
    at: str
    by: str
    outcome: str
    violation: bool
    consequences: tuple[dict[str, Any], ...]
    rationale: str
    persons: tuple[str, ...]
    proposal: int | None = None
    interim: bool = False
    standing: str = IN_FORCE
    ended_at: str | None = None
    confirmed_at: str | None = None
    tally: dict[str, Any] = field(default_factory=dict)
    strikes: tuple[dict[str, Any], ...] = ()

    @property
    def in_force(self) -> bool:
        """Whether its consequences apply (adopted and not lifted or overturned)."""
        return self.outcome == "adopted" and self.standing == IN_FORCE


@dataclass(frozen=True)
class Appeal:
    """An appeal against a decision, and its result once decided."""

    number: int
    at: str
    by: str
    decision: int
    reason: str
    result: str | None = None
    decided_at: str | None = None
    rationale: str | None = None


def _replace_item(items: tuple[Any, ...], number: int, **changes: Any) -> tuple[Any, ...]:
    return tuple(replace(item, **changes) if item.number == number else item for item in items)


def find(items: tuple[Any, ...], number: int) -> Any | None:
    """The proposal, decision or appeal numbered ``number``, if any."""
    return next((item for item in items if item.number == number), None)


@reducer(ev.PROPOSED)
def _proposed(state: CaseState, event: Event) -> CaseState:
    data = event.data
    proposal = Proposal(
        number=data["number"], at=event.at, by=event.by, violation=data["violation"],
        consequences=tuple(data.get("consequences", ())), rationale=data["rationale"],
        persons=tuple(data.get("persons", ())),
    )
    return replace(state, proposals=state.proposals + (proposal,))


@reducer(ev.VOTED)
def _voted(state: CaseState, event: Event) -> CaseState:
    number = event.data["proposal"]
    proposal = find(state.proposals, number)
    if proposal is None:
        return state
    votes = tuple((who, vote) for who, vote in proposal.votes if who != event.by) + ((event.by, event.data["vote"]),)
    return replace(state, proposals=_replace_item(state.proposals, number, votes=votes))


@reducer(ev.DECIDED)
def _decided(state: CaseState, event: Event) -> CaseState:
    data = event.data
    decision = Decision(
        number=data["number"], at=event.at, by=event.by, outcome=data["outcome"],
        violation=data["violation"], consequences=tuple(data.get("consequences", ())),
        rationale=data["rationale"], persons=tuple(data.get("persons", ())), proposal=data.get("proposal"),
        interim=bool(data.get("interim", False)), tally=dict(data.get("tally") or {}),
        strikes=tuple(data.get("strikes", ())),
    )
    proposals = state.proposals
    earlier = find(proposals, decision.proposal) if decision.proposal is not None else None
    if earlier is not None and earlier.decided is not None:
        state = replace(state, conflicts=state.conflicts + (
            f"proposal {decision.proposal} was decided twice (decisions {earlier.decided} and {decision.number}); "
            "the committee must choose which stands",))
    if decision.proposal is not None:
        proposals = _replace_item(proposals, decision.proposal, decided=decision.number)
    return replace(state, decisions=state.decisions + (decision,), proposals=proposals)


@reducer(ev.CONFIRMED)
def _confirmed(state: CaseState, event: Event) -> CaseState:
    return replace(state, decisions=_replace_item(state.decisions, event.data["decision"], interim=False,
                                                  confirmed_at=event.at))


@reducer(ev.LIFTED)
def _lifted(state: CaseState, event: Event) -> CaseState:
    return replace(state, decisions=_replace_item(state.decisions, event.data["decision"], interim=False,
                                                  standing=LIFTED, ended_at=event.at))


@reducer(ev.APPEALED)
def _appealed(state: CaseState, event: Event) -> CaseState:
    data = event.data
    appeal = Appeal(number=data["number"], at=event.at, by=event.by, decision=data["decision"], reason=data["reason"])
    return replace(state, appeals=state.appeals + (appeal,))


@reducer(ev.APPEAL_DECIDED)
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


@reducer(ev.RELEASED)
def _released(state: CaseState, event: Event) -> CaseState:
    return replace(state, status=OPEN, kind=event.data["kind"])
