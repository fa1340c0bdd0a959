"""Deadlines: what every case owes next and when (``cocctl due``), with or without a key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cocctl.clock import format_time, parse_time
from cocctl.errors import AccessDenied, IdentityError, UsageError
from cocctl.policy import deadlines as rules
from cocctl.service import bulk
from cocctl.service.workspace import Session, Workspace

OVERDUE = "overdue"
UPCOMING = "upcoming"
NEEDED = "needed"  # nobody may act on the case: a mediator is needed (never overdue, so `--check` passes)


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


def due(session: Session, *, at: str | None = None, mine: bool = False, check: bool = False,
        progress: bulk.Progress | None = None) -> DueReport:
    """List pending deadlines of every case, most urgent first.

    With ``check`` only the plaintext envelopes are read, so no private key
    is needed (a scheduled CI job). Otherwise each case I can decrypt is
    computed afresh from the policy and its log, with its owners; cases I
    cannot read fall back to their envelope.

    Args:
        at: evaluate as of this ISO 8601 time instead of now.
        mine: only cases I own (primary or secondary); needs my identity.
        progress: told how a cold summary cache fills.

    Raises:
        UsageError: ``--mine`` together with ``--check``, or a bad time.
    """
    work = Workspace(session)
    now = parse_time(at, what="--at") if at else work.now
    if mine and check:
        raise UsageError("--mine needs your identity, --check uses none; choose one")
    me = None
    mediating: list[str] = []
    if not check:
        try:
            me = work.me.handle
        except (IdentityError, AccessDenied):
            if mine:
                raise
            mediating = _mediating(work)
    items: list[DueItem] = []
    unreadable: list[str] = []
    work.plugins.prepare_archive()  # a plugin key is asked once for all cases
    cases = bulk.reader(work)
    ids = work.archive.case_ids()
    cases.build(ids, private=me is not None, progress=progress)
    for case_id in ids:
        if case_id in mediating:  # an outside actor's own case, read as them
            case_work = Workspace(session, now=work.now)
            items += _from_state(case_work, case_work.load_case(case_id).state, now)
            continue
        envelope = cases.envelope(case_id)
        if me is not None:
            state = _readable(cases, case_id, me in envelope.readers)
            if state is not None:
                items += _from_state(work, state, now)
                continue
            unreadable.append(case_id)
        items += [_item(case_id, raw["kind"], parse_time(raw["at"]), now) for raw in envelope.due
                  if _shown(raw["kind"], parse_time(raw["at"]), now)]
    cases.save()
    if mine:
        items = [item for item in items if me in (item.owner, item.secondary)]
    items.sort(key=lambda item: (item.at, item.case, item.kind))
    return DueReport(format_time(now), tuple(items), tuple(unreadable), keyless=me is None and not mediating)


def _readable(cases: bulk.CaseReader, case_id: str, reader: bool) -> Any:
    """The case's state when I can read it (a reader by its metadata, and its seals open), else None."""
    try:
        return cases.state(case_id) if reader else None
    except AccessDenied:
        return None


def _mediating(work: Workspace) -> list[str]:
    """The cases my identity acts on as a mediator (none when it has no key)."""
    from cocctl.service.mediator import cases_of

    try:
        return cases_of(work)
    except (IdentityError, AccessDenied):
        return []


def _from_state(work: Workspace, state: Any, now: datetime) -> list[DueItem]:
    """A readable case's pending deadlines; its mediator owns them when no member may vote."""
    from cocctl.service.mediator import acting, member_voters, stalled

    since = stalled(work, state)
    if since is not None:
        return [_item(state.id, rules.MEDIATOR_NEEDED, parse_time(since), now, decrypted=True)]
    primary, secondary = state.primary, state.secondary
    if acting(state) and not member_voters(work, state):
        primary, secondary = ", ".join(acting(state)), None
    return [
        _item(state.id, deadline.kind, deadline.at, now, primary, secondary, decrypted=True)
        for deadline in rules.case_deadlines(state, work.policy)
        if deadline.pending and _shown(deadline.kind, deadline.at, now)
    ]


def _shown(kind: str, at: datetime, now: datetime) -> bool:
    """Informational dates (a sanction's end) matter only until they pass."""
    return kind not in rules.INFORMATIONAL or at > now


def _item(case: str, kind: str, at: datetime, now: datetime, owner: str | None = None,
          secondary: str | None = None, decrypted: bool = False) -> DueItem:
    if kind == rules.MEDIATOR_NEEDED:
        return DueItem(case, kind, format_time(at), NEEDED, owner, secondary, decrypted)
    late = kind not in rules.INFORMATIONAL and at <= now
    return DueItem(case, kind, format_time(at), OVERDUE if late else UPCOMING, owner, secondary, decrypted)
