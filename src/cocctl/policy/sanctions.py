"""Across cases: people named, strikes, sanctions in force, appeal windows (pure; ``now`` passed in)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Any

from cocctl.clock import format_time, parse_time
from cocctl.errors import ConflictError
from cocctl.model.state import CaseState
from cocctl.policy import consequences as catalogue
from cocctl.policy.calendar import Duration
from cocctl.policy.settings import Appeals


def normalise(name: str) -> str:
    """The form under which two mentions of a person are the same person.

    Case, accents' composition, surrounding space, repeated inner space and a
    leading ``@`` (chat handles) do not matter.
    """
    text = unicodedata.normalize("NFKC", name).strip().lstrip("@")
    return " ".join(text.casefold().split())


def names(state: CaseState) -> set[str]:
    """The normalised names of the people a case reports."""
    return {normalise(person) for person in state.reported}


@dataclass(frozen=True)
class Sanction:
    """A consequence with a period (or none: for ever) imposed on people by a decision."""

    case: str
    decision: int
    persons: tuple[str, ...]
    consequence: dict[str, Any]
    start: str
    end: str | None
    interim: bool
    expires_soon: bool = False


def decisions_for(state: CaseState, person: str | None) -> list[Any]:
    """Adopted decisions of a case in force that apply to ``person`` (normalised; None: anyone)."""
    out = []
    for decision in state.decisions:
        if not decision.in_force:
            continue
        persons = {normalise(p) for p in decision.persons} or names(state)
        if person is None or person in persons:
            out.append(decision)
    return out


def strikes(states: Iterable[CaseState], person: str, now: datetime, expire: Duration | None = None,
            zone: tzinfo = timezone.utc) -> int:
    """How many strikes ``person`` holds across ``states``; expired ones do not count."""
    total = 0
    for state in states:
        for decision in decisions_for(state, person):
            if expire and expire.after(parse_time(decision.at), zone) <= now:
                continue
            for consequence in decision.consequences:
                if consequence["id"] == "strike":
                    total += int((consequence.get("params") or {}).get("count", 1))
    return total


def strike_ledger(states: Iterable[CaseState], person: str, now: datetime, expire: Duration | None = None,
                  zone: tzinfo = timezone.utc) -> list[tuple[str, str, int]]:
    """Each decision giving ``person`` strikes that still count: (when, case, how many), oldest first."""
    found = []
    for state in states:
        for decision in decisions_for(state, person):
            if expire and expire.after(parse_time(decision.at), zone) <= now:
                continue
            count = sum(int((c.get("params") or {}).get("count", 1)) for c in decision.consequences if c["id"] == "strike")
            if count:
                found.append((decision.at, state.id, count))
    return sorted(found)


def sanctions(states: Iterable[CaseState], now: datetime, soon: Duration | None = None,
              person: str | None = None, zone: tzinfo = timezone.utc) -> list[Sanction]:
    """Sanctions in force at ``now``, soonest end first (open-ended last).

    A sanction "expires soon" when it ends within ``soon`` of ``now``.
    """
    horizon = soon.after(now, zone) if soon else now
    found = []
    for state in states:
        for decision in decisions_for(state, person):
            start = parse_time(decision.at)
            for consequence in decision.consequences:
                kind = catalogue.CATALOGUE.get(consequence["id"])
                if kind is None or not kind.sanction or start > now:
                    continue
                end = catalogue.ends(consequence, start, zone)
                if end is not None and end <= now:
                    continue
                persons = tuple(decision.persons) or tuple(state.reported)
                found.append(Sanction(
                    case=state.id, decision=decision.number, persons=persons, consequence=consequence,
                    start=decision.at, end=format_time(end) if end else None, interim=decision.interim,
                    expires_soon=end is not None and end <= horizon,
                ))
    return sorted(found, key=lambda s: (s.end is None, s.end or "", s.case))


def highest(states: Iterable[CaseState], person: str) -> dict[str, Any] | None:
    """The most severe consequence ever adopted for ``person`` and still standing."""
    best = None
    for state in states:
        for decision in decisions_for(state, person):
            for consequence in decision.consequences:
                if best is None or catalogue.level_rank(consequence["id"]) > catalogue.level_rank(best["id"]):
                    best = consequence
    return best


def check_appeal_window(appeals: Appeals, decided_at: str, now: datetime, case_id: str,
                        number: int, zone: tzinfo = timezone.utc) -> None:
    """Refuse an appeal outside the policy's window.

    Raises:
        ConflictError: appeals are not part of the policy, or it is too early or too late.
    """
    if not appeals.allowed:
        raise ConflictError("this archive's policy has no appeals; see 'cocctl policy show'")
    start = parse_time(decided_at)
    opens = appeals.opens_after.after(start, zone) if appeals.opens_after else start
    if now < opens:
        raise ConflictError(
            f"an appeal of decision {number} on case {case_id} is accepted from {format_time(opens)} "
            f"({appeals.opens_after} after it); it is {format_time(now)}"
        )
    if appeals.closes_after:
        closes = appeals.closes_after.after(start, zone)
        if now > closes:
            raise ConflictError(
                f"the appeal window for decision {number} on case {case_id} closed at {format_time(closes)}"
            )


def pending_interim(state: CaseState, now: datetime, zone: tzinfo = timezone.utc) -> list[Any]:
    """The case's interim measures still in force at ``now`` that the committee has not yet made final."""
    pending = []
    for decision in state.decisions:
        if not (decision.interim and decision.in_force):
            continue
        start = parse_time(decision.at)
        ends = [catalogue.ends(c, start, zone) for c in decision.consequences]
        if any(end is None or end > now for end in ends):
            pending.append(decision)
    return pending
