"""The committee's own rules: a triage watch, no majority from one employer, the six-monthly question (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cocctl.clock import parse_time
from cocctl.policy.calendar import week_number, week_start
from cocctl.policy.settings import Policy

# Kubernetes: at least two people watch for incoming reports; no majority of
# the committee from one employer. CHAOSS: every six months each member is
# asked whether they want to continue. A community sets them in cocctl.yaml
# under `policy: roster:` and `deadlines: member_confirmation:` (null
# switches a rule off).
SOON = timedelta(days=30)

WATCH, EMPLOYER, CONTINUE = "triage-watch", "employer-majority", "continue-question"


@dataclass(frozen=True)
class Finding:
    """One rule's verdict: ``broken`` findings make ``roster check`` fail."""

    rule: str
    broken: bool
    message: str
    members: tuple[str, ...] = ()


def on_watch(handles: Sequence[str], moment: datetime, size: int) -> tuple[str, ...]:
    """Who watches for reports in ``moment``'s week: a fixed rotation, ``size`` people a week.

    The rotation moves on by ``size`` every Monday, so over ``n`` weeks
    everyone watches ``size`` times, whoever runs the command.
    """
    if not handles or size < 1:
        return ()
    count = min(size, len(handles))
    first = week_number(moment) * count
    return tuple(handles[(first + i) % len(handles)] for i in range(count))


def rotation(handles: Sequence[str], start: datetime, weeks: int, size: int) -> list[tuple[str, tuple[str, ...]]]:
    """The watch for ``weeks`` weeks from ``start``'s week: (Monday's date, handles)."""
    monday = week_start(start)
    return [
        ((monday + timedelta(weeks=n)).strftime("%Y-%m-%d"), on_watch(handles, monday + timedelta(weeks=n), size))
        for n in range(weeks)
    ]


def check(members: Sequence[Any], now: datetime, policy: Policy) -> list[Finding]:
    """Apply the policy's roster rules to the active ``members`` (objects with handle, employer, joined, confirmed)."""
    findings = []
    watch = policy.roster.watch
    if watch:
        enough = len(members) >= int(watch)
        findings.append(Finding(WATCH, not enough, (
            f"{len(members)} active member(s) for a triage watch of {watch}" if enough else
            f"only {len(members)} active member(s): a triage watch needs at least {watch}; add members")))
    share = policy.roster.max_employer_share
    if share is not None and members:
        employers = Counter(" ".join(m.employer.casefold().split()) for m in members if m.employer)
        top, count = employers.most_common(1)[0] if employers else ("", 0)
        broken = count > len(members) * float(share)
        who = tuple(m.handle for m in members if m.employer and " ".join(m.employer.casefold().split()) == top)
        findings.append(Finding(EMPLOYER, broken, (
            f"{count} of {len(members)} members share one employer: more than {float(share):.0%} of the committee"
            if broken else f"no employer holds more than {float(share):.0%} of the committee"), who if broken else ()))
        unknown = tuple(m.handle for m in members if not m.employer)
        if unknown:
            findings.append(Finding(EMPLOYER, False, "employer not recorded; the rule cannot see them", unknown))
    period = policy.deadlines.member_confirmation
    if period:
        for member in members:
            due = period.after(parse_time(member.confirmed or member.joined), policy.zone)
            day = due.strftime("%Y-%m-%d")
            if due <= now:
                findings.append(Finding(CONTINUE, True, (
                    f"ask whether they want to continue serving (due {day}), then "
                    f"'cocctl member confirm {member.handle}'"), (member.handle,)))
            elif due - now <= SOON:
                findings.append(Finding(CONTINUE, False, f"will be asked whether they want to continue by {day}",
                                        (member.handle,)))
    return findings
