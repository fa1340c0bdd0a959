"""Actions the committee takes outside cocctl, kept on the record: content removed, clarifying conversations."""

from __future__ import annotations

from typing import Any

from cocctl.errors import UsageError
from cocctl.model import events as ev
from cocctl.model.state import CaseState
from cocctl.service.access import require_reader
from cocctl.service.cases import check_event_data
from cocctl.service.workspace import CaseChange, Session, Workspace
from cocctl.text import require_single_line, require_text


def content_removed(session: Session, case_id: str, where: str, requested: bool) -> CaseChange:
    """Record that publicly visible content was deleted, or its deletion asked of others (Kubernetes).

    Args:
        where: where the content was (a channel, a thread, a link).
        requested: True when others were asked to delete it, False when the committee deleted it.
    """
    require_text(where, "--where")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        data = {"where": where, "action": "requested" if requested else "deleted"}
        check_event_data(ev.CONTENT_REMOVED, data)
        return [(ev.CONTENT_REMOVED, data)]

    return work.change_case(case_id, "content", f"Record removal of public content on case {case_id}", make)


def conversation(session: Session, case_id: str, with_: str, medium: str, observer: str | None = None,
                 observer_agreed: bool = False) -> CaseChange:
    """Record a clarifying conversation held as the committee's representative, with its observer if any.

    Raises:
        UsageError: an observer/scribe not agreed by both parties ("agreed by both parties", Kubernetes).
    """
    require_single_line(with_, "--with")
    require_single_line(medium, "--medium")
    if observer is not None:
        require_single_line(observer, "--observer")
        if not observer_agreed:
            raise UsageError("an observer or scribe joins only when agreed by both parties; "
                             "pass --observer-agreed once both have agreed")
    work = Workspace(session)
    require_reader(work, case_id)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        data: dict[str, Any] = {"with": with_, "medium": medium}
        if observer is not None:
            data.update(observer=observer, observer_agreed=True)
        check_event_data(ev.CONVERSATION, data)
        return [(ev.CONVERSATION, data)]

    return work.change_case(case_id, "conversation", f"Record a clarifying conversation on case {case_id}", make)
