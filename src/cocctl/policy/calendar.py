"""Durations of the policy ("24 hours", "5 working-days", "6 months") and adding them to times."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from cocctl.errors import UsageError

HOURS = "hours"
DAYS = "days"
WORKING_DAYS = "working-days"
WEEKS = "weeks"
MONTHS = "months"
UNITS = (HOURS, DAYS, WORKING_DAYS, WEEKS, MONTHS)

# Singular forms and the spellings people write in cocctl.yaml by hand.
_ALIASES = {
    "hour": HOURS, "h": HOURS, "day": DAYS, "d": DAYS, "working-day": WORKING_DAYS,
    "working_days": WORKING_DAYS, "working day": WORKING_DAYS, "working days": WORKING_DAYS,
    "business-days": WORKING_DAYS, "week": WEEKS, "w": WEEKS, "month": MONTHS,
}
_PATTERN = re.compile(r"^\s*(\d{1,4})\s*([a-z_ -]+?)\s*$")
SATURDAY = 5


class DurationError(UsageError):
    """Raised when a policy duration is not "<number> <unit>"."""


@dataclass(frozen=True)
class Duration:
    """A number of hours, days, working days (weekends skipped), weeks or months."""

    amount: int
    unit: str

    def __str__(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit.removesuffix("s")
        return f"{self.amount} {unit.replace('-', ' ')}"

    def after(self, start: datetime) -> datetime:
        """Return the moment this duration after ``start`` (an aware datetime).

        Working days skip Saturdays and Sundays: a report received on a
        Friday at 10:00 with one working day is due on Monday at 10:00. A
        report received on a weekend starts its clock on Monday at 00:00,
        because nobody is expected to work before then.
        """
        if self.unit == HOURS:
            return start + timedelta(hours=self.amount)
        if self.unit == DAYS:
            return start + timedelta(days=self.amount)
        if self.unit == WEEKS:
            return start + timedelta(weeks=self.amount)
        if self.unit == MONTHS:
            return add_months(start, self.amount)
        return add_working_days(start, self.amount)


def parse(text: str | int) -> Duration:
    """Parse "24 hours", "5 working-days", "1 week", "6 months".

    Raises:
        DurationError: not a number followed by a known unit.
    """
    match = _PATTERN.match(str(text).lower())
    unit = match and _ALIASES.get(match.group(2), match.group(2))
    if not match or unit not in UNITS:
        raise DurationError(
            f"{text!r} is not a duration; write a number and one of {', '.join(UNITS)}, e.g. '5 working-days'"
        )
    return Duration(int(match.group(1)), unit)


def add_working_days(start: datetime, count: int) -> datetime:
    """Add ``count`` working days (Monday to Friday) to ``start``."""
    moment = start
    if moment.weekday() >= SATURDAY:
        moment = (moment + timedelta(days=7 - moment.weekday())).replace(hour=0, minute=0, second=0)
    added = 0
    while added < count:
        moment += timedelta(days=1)
        if moment.weekday() < SATURDAY:
            added += 1
    return moment


def add_months(start: datetime, count: int) -> datetime:
    """Add calendar months; the day is clipped to the month's last day (Aug 31 + 6 months = Feb 28)."""
    month_index = start.month - 1 + count
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 of ``moment``'s week."""
    monday = moment - timedelta(days=moment.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def week_number(moment: datetime) -> int:
    """Weeks since Monday 1970-01-05: a counter that grows by one every Monday."""
    epoch_monday = datetime(1970, 1, 5, tzinfo=moment.tzinfo)
    return (week_start(moment) - epoch_monday).days // 7
