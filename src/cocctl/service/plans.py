"""After talking to the reported person: how they took the behaviour-modification plan (CHAOSS re-evaluation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cocctl.errors import NotFound, UsageError
from cocctl.model import events as ev
from cocctl.model.governance import find
from cocctl.model.state import CaseState, Decision
from cocctl.service.access import require_reader
from cocctl.service.cases import check_event_data
from cocctl.service.workspace import CaseChange, Session, Workspace
from cocctl.text import require_text

RESPONSES = ("accepted", "refused", "not-understood")


@dataclass(frozen=True)
class PlanResponse:
    """The recorded response and, when the plan was not accepted, the response decided with it."""

    change: CaseChange
    response: str
    decided_response: str | None


def record_response(session: Session, case_id: str, response: str, note: str | None = None,
                    decision: int | None = None) -> PlanResponse:
    """Record whether the reported person accepted the plan, refused it, or did not understand it.

    A refusal or misunderstanding calls for re-evaluation: the result names the
    response the committee decided with the plan; a different decision goes
    through 'cocctl propose' under the policy's vote rule.

    Raises:
        UsageError: unknown response; NotFound: no behaviour-modification plan in force on the case.
    """
    if response not in RESPONSES:
        raise UsageError(f"--response must be one of {', '.join(RESPONSES)}")
    if note:
        require_text(note, "--note")
    work = Workspace(session)
    require_reader(work, case_id)
    found: dict[str, Decision] = {}

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        planned = _plan_decision(state, decision)
        found["decision"] = planned
        data: dict[str, Any] = {"decision": planned.id, "response": response, **({"note": note} if note else {})}
        check_event_data(ev.PLAN_RESPONSE, data)
        return [(ev.PLAN_RESPONSE, data)]

    change = work.change_case(case_id, "plan-response", f"Record the response to a plan on case {case_id}", make)
    plan = next(c for c in found["decision"].consequences if c["id"] == "behaviour-plan")
    decided = None if response == "accepted" else (plan.get("params") or {}).get("if-refused")
    return PlanResponse(change, response, decided)


def _plan_decision(state: CaseState, number: int | None) -> Decision:
    with_plan = [d for d in state.decisions if d.in_force and any(c["id"] == "behaviour-plan" for c in d.consequences)]
    if number is not None:
        chosen = find(tuple(with_plan), number)
        if chosen is None:
            raise NotFound(f"decision {number} on case {state.id} gives no behaviour-modification plan in force")
        return chosen
    if not with_plan:
        raise NotFound(f"case {state.id} has no behaviour-modification plan in force; 'cocctl show {state.id}'")
    return with_plan[-1]
