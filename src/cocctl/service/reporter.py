"""What those involved ask of the committee: the reporter left out, law enforcement, consent to disclose."""

from __future__ import annotations

from typing import Any

from cocctl.errors import ConflictError, UsageError
from cocctl.model import events as ev
from cocctl.model.state import CaseState
from cocctl.service.access import require_reader
from cocctl.service.cases import check_event_data
from cocctl.service.workspace import CaseChange, Session, Workspace
from cocctl.text import require_text


def set_involvement(session: Session, case_id: str, involved: bool, note: str | None = None) -> CaseChange:
    """Record that the reporter prefers not to be involved any further (or wants to be again).

    While they prefer not to be, no reporter-update or outcome deadline is
    set and no update or decision message to them is drafted.

    Raises:
        UsageError: an anonymous report (there is no reporter to ask).
    """
    if note:
        require_text(note, "--note")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if state.kind == "anonymous":
            raise UsageError(f"case {case_id} is an anonymous report: there is no reporter to ask")
        if state.reporter_involved == involved:
            return []
        data: dict[str, Any] = {"involved": involved, **({"note": note} if note else {})}
        check_event_data(ev.REPORTER_INVOLVEMENT, data)
        return [(ev.REPORTER_INVOLVEMENT, data)]

    return work.change_case(case_id, "reporter-involvement", f"Record the reporter's wish on case {case_id}", make)


def set_searching(session: Session, case_id: str, searching: bool) -> CaseChange:
    """Record that the reported person cannot be found at the event (or was found).

    While the committee searches, the reporter gets daily updates (CHAOSS: "give the reporter daily
    updates as you search for the reported person"): the reporter-update deadline is one day.

    Raises:
        UsageError: the case is not open.
    """
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if state.status != "open":
            raise UsageError(f"case {case_id} is {state.status}: there is no search to record")
        if state.searching == searching:
            return []
        check_event_data(ev.SEARCHING, {"searching": searching})
        return [(ev.SEARCHING, {"searching": searching})]

    return work.change_case(case_id, "searching", f"Record the search on case {case_id}", make)


def law_enforcement(session: Session, case_id: str, given: str, reporter_asked: bool) -> CaseChange:
    """Record (confidentially, in the case) that law enforcement was involved and what was given to them.

    Raises:
        ConflictError: the policy involves law enforcement only at the reporter's request, and they did not ask.
    """
    require_text(given, "--given")
    work = Workspace(session)
    if work.policy.law_enforcement == "reporter-request" and not reporter_asked:
        raise ConflictError("this policy involves law enforcement only at the reporter's request; "
                            "record it with --reporter-asked once the reporter has asked")
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        data = {"reporter_asked": reporter_asked, "given": given}
        check_event_data(ev.LAW_ENFORCEMENT, data)
        return [(ev.LAW_ENFORCEMENT, data)]

    return work.change_case(case_id, "law-enforcement", f"Record law enforcement involvement on case {case_id}", make)


def consulted(session: Session, case_id: str, agreed: bool, note: str | None = None) -> CaseChange:
    """Record that those involved were consulted before disclosing anything, and whether they agreed.

    Under ``public_channel: consult`` a public-channel incident's summary or
    community message waits for their agreement.
    """
    if note:
        require_text(note, "--note")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        data: dict[str, Any] = {"agreed": agreed, **({"note": note} if note else {})}
        check_event_data(ev.CONSULTED, data)
        return [] if state.consulted is agreed else [(ev.CONSULTED, data)]

    return work.change_case(case_id, "consulted", f"Record consultation on case {case_id}", make)
