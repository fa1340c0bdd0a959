"""The one clock cocctl reads: real time, or ``COCCTL_NOW`` when set."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from cocctl.errors import UsageError

NOW_VARIABLE = "COCCTL_NOW"


def now() -> datetime:
    """Return the current time as an aware UTC datetime, whole seconds.

    ``COCCTL_NOW`` (ISO 8601) replaces the clock so tests and scripted
    walk-throughs can replay days of work.

    Raises:
        UsageError: ``COCCTL_NOW`` is set but is not an ISO 8601 time.
    """
    value = os.environ.get(NOW_VARIABLE)
    if value:
        return parse_time(value, what=NOW_VARIABLE)
    return datetime.now(timezone.utc).replace(microsecond=0)


def parse_time(value: str, *, what: str = "time") -> datetime:
    """Parse an ISO 8601 date or time; naive values are taken as UTC.

    Raises:
        UsageError: the value is not ISO 8601.
    """
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"{what} {value!r} is not an ISO 8601 time; use e.g. 2026-11-21T10:00:00Z"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).replace(microsecond=0)


def format_time(moment: datetime) -> str:
    """Format an aware datetime as the archive's canonical UTC string."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
