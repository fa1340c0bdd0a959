"""Appeals of decisions, and releasing escrowed reports."""

from __future__ import annotations

from typing import Any

from cocctl.errors import ConflictError, NotFound, UsageError
from cocctl.model import events as ev
from cocctl.model.state import ESCROWED, CaseState
from cocctl.policy.sanctions import check_appeal_window
from cocctl.service.access import require_reader
from cocctl.service.cases import check_event_data
from cocctl.service.workspace import CaseChange, Session, Workspace
from cocctl.text import require_text


def appeal(session: Session, case_id: str, reason: str, decision: int | None = None) -> CaseChange:
    """Record an appeal (received by a member) against a decision, inside the policy's window.

    Args:
        decision: the decision appealed; default the latest one the policy lets be appealed.

    Raises:
        ConflictError: no appeals in the policy, outside the window, or one already pending.
        NotFound: no appealable decision.
    """
    work = Workspace(session)
    appeals = work.policy.appeals
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        appealable = [d for d in state.decisions if d.in_force
                      and any(c["id"] in appeals.of for c in d.consequences)]
        if decision is not None:
            appealable = [d for d in appealable if d.number == decision]
        if not appealable:
            kinds = ", ".join(appeals.of) or "nothing"
            raise NotFound(f"case {case_id} has no decision in force that may be appealed (the policy allows: {kinds})")
        target = appealable[-1]
        if any(a.decision == target.number and a.result is None for a in state.appeals):
            raise ConflictError(f"decision {target.number} on case {case_id} already has an appeal pending")
        check_appeal_window(appeals, target.at, work.now, case_id, target.number, work.policy.zone)
        data = {"decision": target.id, "reason": reason}
        check_event_data(ev.APPEALED, data)
        return [(ev.APPEALED, data)]

    return work.change_case(case_id, "appeal", f"Record appeal on case {case_id}", make)


def decide_appeal(session: Session, case_id: str, overturn: bool, rationale: str,
                  number: int | None = None) -> CaseChange:
    """Uphold or overturn a pending appeal; an overturned decision (and its sanctions) ends now.

    Raises:
        NotFound: no pending appeal.
    """
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        pending = [a for a in state.appeals if a.result is None and (number is None or a.number == number)]
        if not pending:
            raise NotFound(f"case {case_id} has no pending appeal" + (f" numbered {number}" if number else ""))
        target = pending[-1]
        data = {"appeal": target.id, "result": "overturned" if overturn else "upheld", "rationale": rationale}
        check_event_data(ev.APPEAL_DECIDED, data)
        return [(ev.APPEAL_DECIDED, data)]

    return work.change_case(case_id, "decide-appeal", f"Record appeal decision on case {case_id}", make)


GROUNDS = ("repeated", "pattern")


def release(session: Session, case_id: str, kind: str = "complaint", reason: str | None = None,
            ground: str | None = None) -> CaseChange:
    """Turn an escrowed report into an active case of ``kind``, for a recorded reason.

    CHAOSS acts on an escrowed report only "if the behavior is repeated, or a
    past pattern of behavior is found": ``ground`` says which, ``reason`` how.

    Raises:
        ConflictError: the case is not escrowed.
        UsageError: no reason, or a ground other than repeated or pattern.
    """
    if ground not in GROUNDS:
        raise UsageError("an escrowed report is released only when the behaviour was repeated or a past pattern "
                         "was found: pass --ground repeated or --ground pattern, and --reason")
    require_text(reason or "", "--reason")
    if not (reason or "").strip():
        raise UsageError("say why the report is released now with --reason (which case or pattern)")
    if kind not in ("complaint", "concern", "anonymous"):
        raise UsageError(f"an escrowed report becomes a complaint, concern or anonymous report, not {kind!r}")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if state.status != ESCROWED:
            raise ConflictError(f"case {case_id} is not escrowed")
        if kind == "anonymous" and state.reporter is not None:
            raise UsageError("this report keeps reporter details, so it cannot become anonymous")
        data: dict[str, Any] = {"kind": kind, "reason": reason, "ground": ground}
        check_event_data(ev.RELEASED, data)
        return [(ev.RELEASED, data)]

    return work.change_case(case_id, "escrow-release", f"Release escrowed case {case_id}", make)

