"""Across cases: a person's record, sanctions in force, and cases naming the same person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cocctl.errors import AccessDenied
from cocctl.model.state import CaseState
from cocctl.policy import consequences as catalogue
from cocctl.policy import sanctions as rules
from cocctl.service import bulk
from cocctl.service.workspace import Session, Workspace


@dataclass(frozen=True)
class Unreadable:
    """A case I cannot read: only its id and who can."""

    case: str
    readers: tuple[str, ...]
    people: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()  # the catalogue ids its plaintext report facts list, once closed


def measures(consequences: Iterable[dict[str, Any]]) -> str:
    """Consequences on one line, each as the catalogue spells it: ``strike, do-not-contact (period=30d)``."""
    return ", ".join(catalogue.label(consequence) for consequence in consequences)


def readable_cases(work: Workspace, skip: str | None = None) -> tuple[list[CaseState], list[Unreadable]]:
    """Every case I can read (folded) and the ids and readers of those I cannot."""
    states, hidden = [], []
    me = work.me.handle
    work.plugins.prepare_archive()  # a plugin key is asked once for all cases
    cases = bulk.reader(work)
    ids = work.archive.case_ids()
    cases.build(ids, private=True)
    for case_id in ids:
        if case_id == skip:
            continue
        envelope = cases.envelope(case_id)
        if me not in envelope.readers:
            hidden.append(_unreadable(envelope))
            continue
        try:
            states.append(cases.state(case_id))
        except AccessDenied:
            hidden.append(_unreadable(envelope))
    cases.save()
    return states, hidden


def _unreadable(envelope: Any) -> Unreadable:
    actions = (envelope.report or {}).get("actions") or ()
    return Unreadable(envelope.case, envelope.readers, envelope.people, tuple(actions))


@dataclass(frozen=True)
class PersonCase:
    """One readable case naming the person."""

    case: str
    status: str
    kind: str
    opened: str
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class PersonRecord:
    """What ``cocctl person`` shows."""

    person: str
    cases: tuple[PersonCase, ...]
    unreadable: int
    strikes: int
    strike_threshold: int | None
    # Each strike counted: (when, case, how many), oldest first.
    strike_dates: tuple[tuple[str, str, int], ...]
    sanctions: tuple[rules.Sanction, ...]
    highest: dict[str, Any] | None
    # Cases I cannot read that name the person (by blinded token) and whose
    # plaintext report facts list a strike: how many strikes, and for whom, only their readers know.
    strike_cases_unread: int = 0


def person(session: Session, name: str, at: datetime | None = None) -> PersonRecord:
    """Everything the cases I can read say about one reported person."""
    work = Workspace(session, at)
    states, hidden = readable_cases(work)
    from cocctl.archive import blind

    key = rules.normalise(name)
    mine = [state for state in states if key in rules.names(state)]
    flagged = 0
    if work.index_key is not None:
        # The blinded index tells which unreadable cases name this person.
        token = blind.token(work.index_key, key)
        hidden = [other for other in hidden if token in other.people]
        flagged = sum(1 for other in hidden if "strike" in other.actions)
    cases = tuple(
        PersonCase(
            state.id, state.status, state.kind, state.opened_at,
            tuple(("interim " if d.interim else "") + measures(d.consequences)
                  for d in rules.decisions_for(state, key)),
        )
        for state in mine
    )
    policy = work.policy
    return PersonRecord(
        person=name,
        cases=cases,
        # Cases I cannot read that name the person (all unreadable cases
        # when the archive has no blinded index yet).
        unreadable=len(hidden),
        strikes=rules.strikes(mine, key, work.now, policy.strikes.expire, policy.zone),
        strike_threshold=policy.strikes.threshold,
        strike_dates=tuple(rules.strike_ledger(mine, key, work.now, policy.strikes.expire, policy.zone)),
        sanctions=tuple(rules.sanctions(mine, work.now, policy.expiring_soon, key, policy.zone)),
        highest=rules.highest(mine, key),
        strike_cases_unread=flagged,
    )


@dataclass(frozen=True)
class SanctionList:
    """What ``cocctl sanctions`` shows."""

    at: str
    sanctions: tuple[rules.Sanction, ...]
    unreadable: int


def sanctions(session: Session, at: datetime | None = None) -> SanctionList:
    """Sanctions in force at ``at`` (default now) across the cases I can read."""
    from cocctl.clock import format_time

    work = Workspace(session, at)
    states, hidden = readable_cases(work)
    found = rules.sanctions(states, work.now, work.policy.expiring_soon, zone=work.policy.zone)
    return SanctionList(format_time(work.now), tuple(found), len(hidden))


def related(work: Workspace, state: CaseState) -> list[str]:
    """Messages naming other cases that report a person this case reports.

    Matching uses the blinded tokens in every envelope (archive/blind.py), so
    nothing is decrypted: ``open`` stays fast on a large archive, and a case I
    cannot read is named only with who can read it, nothing of its content.
    Without an index key yet, only the cases I can read are matched, by
    decrypting them.
    """
    from cocctl.archive import blind

    wanted = rules.names(state)
    if not wanted:
        return []
    key = work.index_key
    if key is None:
        states, _ = readable_cases(work, skip=state.id)
        return [f"case {other.id} ({other.status}) names the same person"
                for other in states if wanted & rules.names(other)]
    tokens = set(blind.tokens(key, wanted))
    me = work.me.handle
    messages = []
    work.plugins.prepare_archive()  # a plugin key is asked once for all cases
    # Only files holding one of the tokens are parsed: open stays fast on a large archive.
    for case_id in work.archive.case_ids_holding(tokens):
        if case_id == state.id:
            continue
        envelope = work.archive.read_case(case_id)
        if not tokens & set(envelope.people):
            continue
        if me in envelope.readers:
            messages.append(f"case {case_id} ({envelope.status}) names the same person")
        else:
            messages.append(f"a case you cannot read ({case_id}) names the same person; "
                            f"ask its readers: {', '.join(envelope.readers) or 'an outside party'}")
    return messages


def policy_rows(session: Session) -> list[tuple[str, Any, str]]:
    """The effective policy as (setting, value, source: base, preset or cocctl.yaml).

    Raises:
        IntegrityError: cocctl.yaml is not valid, names an unknown preset or holds an invalid setting.
    """
    from cocctl.policy import settings

    config = Workspace(session).archive.config
    return [("preset", config.preset, settings.SOURCE_CONFIG), *settings.explain(config.preset, config.policy)]
