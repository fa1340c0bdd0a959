"""The committee's own rules, checked from the roster and the policy with no key: roster check and the triage rotation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cocctl.clock import format_time, parse_time
from cocctl.errors import UsageError
from cocctl.policy import committee as rules
from cocctl.service.workspace import Session, Workspace


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
    work = Workspace(session)
    now = (parse_time(at, what="--at") if at else work.now).astimezone(work.policy.zone)
    active = work.archive.roster.active
    watch = rules.on_watch([m.handle for m in active], now, work.policy.roster.watch or 0)
    return RosterCheck(format_time(now), watch, tuple(rules.check(active, now, work.policy)))


def rotation(session: Session, at: str | None = None, weeks: int = 4) -> list[tuple[str, tuple[str, ...]]]:
    """Who is on triage watch this week and the next ``weeks - 1`` weeks; no key is needed.

    Raises:
        UsageError: ``weeks`` below 1, or a bad ``--at`` time.
    """
    if weeks < 1:
        raise UsageError("--weeks must be at least 1")
    work = Workspace(session)
    now = (parse_time(at, what="--at") if at else work.now).astimezone(work.policy.zone)  # weeks start locally
    size = work.policy.roster.watch or 2
    return rules.rotation([m.handle for m in work.archive.roster.active], now, weeks, size)
