"""Messages a case needs: drafting one from the templates, and recording that it was sent."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cocctl.errors import UsageError
from cocctl.model import events as ev
from cocctl.policy import deadlines, sanctions
from cocctl.policy.settings import Policy
from cocctl.service import messages
from cocctl.service.workspace import Session, Workspace
from cocctl.text import require_single_line


def draft(session: Session, case_id: str, to: str, kind: str | None = None, estimate: str | None = None) -> Any:
    """Compose the message ``kind`` (default: the one the case needs next) to ``to``.

    Raises:
        UsageError: unknown recipient or kind, or a reporter message on an anonymous report.
    """
    if to not in messages.KINDS_BY_RECIPIENT:
        raise UsageError(f"--to must be one of {', '.join(messages.KINDS_BY_RECIPIENT)}")
    if estimate:
        require_single_line(estimate, "--estimate")
    work = Workspace(session)
    state = work.load_case(case_id).state
    kind = kind or _next_kind(state, to, work.policy)
    context = messages.Context(
        community=work.archive.config.community,
        sender=work.me.name or work.me.handle,
        policy=work.policy,
        now=work.now,
        archive_root=work.archive.root,
        estimate=estimate,
    )
    if to == messages.REPORTED:
        held, unread, readers = _strikes_held(work, state)
        context = replace(context, strikes=held, strikes_unread=unread, strikes_readers=readers)
    drafted = messages.compose(state, to, kind, context)
    final = state.status == "closed" or any(d.in_force and not d.interim for d in getattr(state, "decisions", ()))
    if to == messages.REPORTER and kind == messages.DECISION and not final:
        # "Once the incident is resolved, the Administrators will communicate the resolution": not before.
        early = (f"case {case_id} is not resolved yet (no final decision, not closed), and this message tells the "
                 "reporter it is")
        drafted = replace(drafted, warning="; ".join(filter(None, (drafted.warning, early))))
    return drafted


def record_sent(session: Session, case_id: str, to: str, kind: str | None = None) -> Any:
    """Record that a message went out (a ``communicated`` event), in one commit.

    It answers the deadline it belongs to: an acknowledgement or update to
    the reporter meets the first response and restarts the update clock; the
    decision message to the reporter meets the outcome deadline.

    Raises:
        UsageError: unknown recipient or kind, or a reporter message on an anonymous report.
    """
    if to not in messages.KINDS_BY_RECIPIENT:
        raise UsageError(f"--to must be one of {', '.join(messages.KINDS_BY_RECIPIENT)}")
    work = Workspace(session)

    def make(state: Any) -> list[tuple[str, dict[str, Any]]]:
        chosen = kind or _next_kind(state, to, work.policy)
        if chosen not in messages.KINDS_BY_RECIPIENT[to]:
            raise UsageError(f"there is no {chosen} message to the {to}; see 'cocctl draft --help'")
        if to == messages.REPORTER and state.kind == "anonymous":
            raise UsageError(f"case {case_id} is an anonymous report: there is nobody to write to")
        if to == messages.REPORTED and state.status == "escrowed":
            raise UsageError(f"case {case_id} is escrowed: nothing goes to the reported person unless it is released")
        if to == messages.REPORTER and chosen != messages.ACK and not state.reporter_involved:
            raise UsageError(f"the reporter of case {case_id} prefers not to be involved any further")
        return [(ev.COMMUNICATED, {"to": to, "kind": chosen})]

    return work.change_case(case_id, "communicate", f"Record a message on case {case_id}", make)


def _next_kind(state: Any, to: str, policy: Policy) -> str:
    """The message the case needs next for ``to``."""
    in_force = [d for d in getattr(state, "decisions", ()) if d.in_force]
    # An interim measure is not the committee's decision: the reporter still gets updates, not "resolved";
    # the reported person is told the measure (the decision message lists it).
    decided = state.status == "closed" or any(not d.interim for d in in_force)
    if to == messages.MANAGER:
        return messages.LAW_ENFORCEMENT
    if to == messages.COMMUNITY:
        return messages.OVERTURNED
    if to == messages.COMMITTEE:
        return messages.ACK if state.primary is None else messages.UPDATE
    if to == messages.REPORTED:
        return messages.DECISION if decided or in_force else messages.UPDATE
    if decided:
        return messages.DECISION
    first = [d for d in deadlines.case_deadlines(state, policy) if d.kind == deadlines.FIRST_RESPONSE]
    return messages.ACK if first and first[0].pending else messages.UPDATE


def _strikes_held(work: Workspace, state: Any) -> tuple[int | None, int, tuple[str, ...]]:
    """Strikes the people this case reports hold across the cases I can read (None without strikes),
    how many cases naming them I cannot read (found by their blinded tokens), and who can read those."""
    if not any(c["id"] == "strike" for d in getattr(state, "decisions", ()) for c in d.consequences):
        return None, 0, ()
    from cocctl.archive import blind
    from cocctl.service.people import readable_cases

    others, hidden = readable_cases(work, skip=state.id)
    names = {sanctions.normalise(name) for name in state.reported}
    if work.index_key is not None:
        tokens = set(blind.tokens(work.index_key, names))
        hidden = [case for case in hidden if tokens & set(case.people)]
    expire = work.policy.strikes.expire
    held = max((sanctions.strikes([state, *others], name, work.now, expire, work.policy.zone) for name in names),
               default=None)
    readers = tuple(sorted({reader for case in hidden for reader in case.readers}))
    return held, len(hidden), readers
