"""Follow-ups: deadlines due, message drafts and their sending, the roster's own rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cocctl.clock import format_time, parse_time
from cocctl.errors import AccessDenied, IdentityError, UsageError
from cocctl.policy import deadlines
from cocctl.policy.settings import Policy
from cocctl.service.workspace import Session, Workspace

OVERDUE = "overdue"
UPCOMING = "upcoming"


@dataclass(frozen=True)
class DueItem:
    """One pending deadline of one case.

    ``owner`` and ``secondary`` are None when the case was not decrypted
    (no key, or not a reader): the plaintext envelope holds no handles.
    """

    case: str
    kind: str
    at: str
    status: str
    owner: str | None = None
    secondary: str | None = None
    decrypted: bool = False


@dataclass(frozen=True)
class DueReport:
    """What ``cocctl due`` shows: pending deadlines, most urgent first."""

    now: str
    items: tuple[DueItem, ...]
    unreadable: tuple[str, ...] = ()
    keyless: bool = False

    @property
    def overdue(self) -> tuple[DueItem, ...]:
        """The items past due."""
        return tuple(item for item in self.items if item.status == OVERDUE)


def due(session: Session, *, at: str | None = None, mine: bool = False, check: bool = False) -> DueReport:
    """List pending deadlines of every case, most urgent first.

    With ``check`` only the plaintext envelopes are read, so no private key
    is needed (a scheduled CI job). Otherwise each case I can decrypt is
    computed afresh from the policy and its log, with its owners; cases I
    cannot read fall back to their envelope.

    Args:
        at: evaluate as of this ISO 8601 time instead of now.
        mine: only cases I own (primary or secondary); needs my identity.

    Raises:
        UsageError: ``--mine`` together with ``--check``, or a bad time.
    """
    work = Workspace(session)
    now = parse_time(at, what="--at") if at else work.now
    if mine and check:
        raise UsageError("--mine needs your identity, --check uses none; choose one")
    me = None
    if not check:
        try:
            me = work.me.handle
        except (IdentityError, AccessDenied):
            if mine:
                raise
    items: list[DueItem] = []
    unreadable: list[str] = []
    for case_id in work.archive.case_ids():
        if me is not None:
            try:
                state = work.load_case(case_id).state
            except AccessDenied:
                unreadable.append(case_id)
            else:
                items += _from_state(state, work.policy, now)
                continue
        envelope = work.archive.read_case(case_id)
        items += [_item(case_id, raw["kind"], parse_time(raw["at"]), now) for raw in envelope.due
                  if _shown(raw["kind"], parse_time(raw["at"]), now)]
    if mine:
        items = [item for item in items if me in (item.owner, item.secondary)]
    items.sort(key=lambda item: (item.at, item.case, item.kind))
    return DueReport(format_time(now), tuple(items), tuple(unreadable), keyless=me is None)


def _from_state(state: Any, policy: Policy, now: datetime) -> list[DueItem]:
    return [
        _item(state.id, deadline.kind, deadline.at, now, state.primary, state.secondary, decrypted=True)
        for deadline in deadlines.case_deadlines(state, policy)
        if deadline.pending and _shown(deadline.kind, deadline.at, now)
    ]


def _shown(kind: str, at: datetime, now: datetime) -> bool:
    """Informational dates (a sanction's end) matter only until they pass."""
    return kind not in deadlines.INFORMATIONAL or at > now


def _item(case: str, kind: str, at: datetime, now: datetime, owner: str | None = None,
          secondary: str | None = None, decrypted: bool = False) -> DueItem:
    late = kind not in deadlines.INFORMATIONAL and at <= now
    return DueItem(case, kind, format_time(at), OVERDUE if late else UPCOMING, owner, secondary, decrypted)


def draft(session: Session, case_id: str, to: str, kind: str | None = None) -> Any:
    """Compose the message ``kind`` (default: the one the case needs next) to ``to``.

    Raises:
        UsageError: unknown recipient or kind, or a reporter message on an anonymous report.
    """
    from cocctl.service import messages

    if to not in messages.KINDS_BY_RECIPIENT:
        raise UsageError(f"--to must be one of {', '.join(messages.KINDS_BY_RECIPIENT)}")
    work = Workspace(session)
    state = work.load_case(case_id).state
    kind = kind or _next_kind(state, to, work.policy)
    context = messages.Context(
        community=work.archive.config.community,
        sender=work.me.name or work.me.handle,
        policy=work.policy,
        now=work.now,
        strikes=_strikes_held(work, state) if to == messages.REPORTED else None,
        archive_root=work.archive.root,
    )
    return messages.compose(state, to, kind, context)


def record_sent(session: Session, case_id: str, to: str, kind: str | None = None) -> Any:
    """Record that a message went out (a ``communicated`` event), in one commit.

    It answers the deadline it belongs to: an acknowledgement or update to
    the reporter meets the first response and restarts the update clock; the
    decision message to the reporter meets the outcome deadline.

    Raises:
        UsageError: unknown recipient or kind, or a reporter message on an anonymous report.
    """
    from cocctl.model import events as ev
    from cocctl.service import messages

    if to not in messages.KINDS_BY_RECIPIENT:
        raise UsageError(f"--to must be one of {', '.join(messages.KINDS_BY_RECIPIENT)}")
    work = Workspace(session)

    def make(state: Any) -> list[tuple[str, dict[str, Any]]]:
        chosen = kind or _next_kind(state, to, work.policy)
        if chosen not in messages.KINDS_BY_RECIPIENT[to]:
            raise UsageError(f"there is no {chosen} message to the {to}; see 'cocctl draft --help'")
        if to == messages.REPORTER and state.kind == "anonymous":
            raise UsageError(f"case {case_id} is an anonymous report: there is nobody to write to")
        return [(ev.COMMUNICATED, {"to": to, "kind": chosen})]

    return work.change_case(case_id, "communicate", f"Record a message on case {case_id}", make)


def _next_kind(state: Any, to: str, policy: Policy) -> str:
    """The message the case needs next for ``to``."""
    from cocctl.service import messages

    decided = state.status == "closed" or any(d.in_force for d in getattr(state, "decisions", ()))
    if to == messages.COMMITTEE:
        return messages.ACK if state.primary is None else messages.UPDATE
    if to == messages.REPORTED:
        return messages.DECISION if decided else messages.UPDATE
    if decided:
        return messages.DECISION
    first = [d for d in deadlines.case_deadlines(state, policy) if d.kind == deadlines.FIRST_RESPONSE]
    return messages.ACK if first and first[0].pending else messages.UPDATE


def _strikes_held(work: Workspace, state: Any) -> int | None:
    """Strikes the people this case reports hold across the cases I can read (None without strikes)."""
    if not any(c["id"] == "strike" for d in getattr(state, "decisions", ()) for c in d.consequences):
        return None
    from cocctl.policy import sanctions

    states = [state]
    for case_id in work.archive.case_ids():
        if case_id != state.id and work.me.handle in work.archive.read_case(case_id).readers:
            try:
                states.append(work.load_case(case_id).state)
            except AccessDenied:
                continue
    expire = work.policy.strikes.expire
    return max((sanctions.strikes(states, sanctions.normalise(name), work.now, expire, work.policy.zone)
                for name in state.reported), default=None)


@dataclass(frozen=True)
class RosterCheck:
    """What ``cocctl roster check`` shows; ``broken`` is True when a rule is broken."""

    now: str
    on_watch: tuple[str, ...]
    findings: tuple[Any, ...]

    @property
    def broken(self) -> bool:
        """Whether any rule is broken."""
        return any(finding.broken for finding in self.findings)


def roster_check(session: Session, at: str | None = None) -> RosterCheck:
    """Check the committee's own rules from committee.yaml and the policy; no key is needed.

    Raises:
        UsageError: a bad ``--at`` time or roster setting.
    """
    from cocctl.policy import committee

    work = Workspace(session)
    now = parse_time(at, what="--at") if at else work.now
    active = work.archive.roster.active
    watch = committee.on_watch([m.handle for m in active], now, work.policy.roster.watch or 0)
    return RosterCheck(format_time(now), watch, tuple(committee.check(active, now, work.policy)))


def rotation(session: Session, at: str | None = None, weeks: int = 4) -> list[tuple[str, tuple[str, ...]]]:
    """Who is on triage watch this week and the next ``weeks - 1`` weeks; no key is needed.

    Raises:
        UsageError: ``weeks`` below 1, or a bad ``--at`` time.
    """
    from cocctl.policy import committee

    if weeks < 1:
        raise UsageError("--weeks must be at least 1")
    work = Workspace(session)
    now = parse_time(at, what="--at") if at else work.now
    size = work.policy.roster.watch or 2
    return committee.rotation([m.handle for m in work.archive.roster.active], now, weeks, size)


def confirm_member(session: Session, handle: str) -> str:
    """Record that ``handle`` wants to continue serving (the six-monthly question), as a signed roster change.

    Raises:
        UsageError: ``handle`` is not an active member.
        AccessDenied: someone other than ``handle`` tries to confirm for them.
    """
    from cocctl.service import committee as roster

    return roster.update_member(session, handle, {"confirmed": True}, "member-confirm",
                                f"Confirm that {handle} continues on the committee")
