"""The one duration grammar ("24 hours", "30d", "5 working days", "6 months", "1y") and adding durations to times.

Every duration cocctl reads, in cocctl.yaml or in a consequence's period,
goes through :func:`parse`. Days, weeks, months, years and working days are
counted on the community's calendar (its time zone): a week after Friday
10:00 in Berlin is the next Friday 10:00 in Berlin, whatever daylight saving
did in between. Hours are elapsed time.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from cocctl.errors import UsageError

HOURS = "hours"
DAYS = "days"
WORKING_DAYS = "working-days"
WEEKS = "weeks"
MONTHS = "months"
YEARS = "years"
UNITS = (HOURS, DAYS, WORKING_DAYS, WEEKS, MONTHS, YEARS)

# Every spelling of a unit, once spaces, hyphens and underscores are one space.
_SPELLINGS = {
    HOURS: ("h", "hr", "hrs", "hour", "hours"),
    DAYS: ("d", "day", "days"),
    WORKING_DAYS: ("working day", "working days", "business day", "business days"),
    WEEKS: ("w", "week", "weeks"),
    MONTHS: ("month", "months"),
    YEARS: ("y", "yr", "year", "years"),
}
_UNIT_OF = {spelling: unit for unit, spellings in _SPELLINGS.items() for spelling in spellings}
# The short form of the units that have a one-letter one ("30d"); the others
# are written out ("6 months", "5 working days").
_SHORT = {HOURS: "h", DAYS: "d", WEEKS: "w", YEARS: "y"}
# Up to four digits: 9999 of any unit is far enough, and keeps dates in range.
_PATTERN = re.compile(r"^\s*(\d{1,4})\s*([a-z][a-z _-]*?)\s*$")
EXAMPLES = "30d, 2w, 24 hours, 5 working days, 6 months or 1y"
SATURDAY = 5


class DurationError(UsageError):
    """Raised when a text is not a duration, or a duration leads past the calendar's end."""


@dataclass(frozen=True)
class Duration:
    """A whole number of hours, days, working days (weekends skipped), weeks, months or years."""

    amount: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS or not 0 <= self.amount <= 9999:
            raise DurationError(f"{self.amount} {self.unit} is not a duration; write e.g. {EXAMPLES}")

    def __str__(self) -> str:
        """The long form, as reports and messages show it: "1 working day", "6 months"."""
        unit = self.unit if self.amount != 1 else self.unit.removesuffix("s")
        return f"{self.amount} {unit.replace('-', ' ')}"

    @property
    def short(self) -> str:
        """The short form where the unit has one ("30d", "2w", "12h", "1y"), else the long form."""
        letter = _SHORT.get(self.unit)
        return f"{self.amount}{letter}" if letter else str(self)

    def after(self, start: datetime, zone: tzinfo = timezone.utc) -> datetime:
        """Return the moment this duration after ``start`` (an aware datetime), in UTC.

        Calendar units are counted in ``zone`` (the community's time zone).
        Working days skip Saturdays and Sundays there: a report received on a
        Friday at 10:00 with one working day is due on Monday at 10:00. A
        report received on a weekend starts its clock on Monday at 00:00,
        because nobody is expected to work before then.

        Raises:
            DurationError: the result would be past the year 9999.
        """
        try:
            if self.unit == HOURS:
                # In UTC: Python adds to an aware time on its own wall clock.
                moment = start.astimezone(timezone.utc) + timedelta(hours=self.amount)
            else:
                local = start.astimezone(zone)
                if self.unit == DAYS:
                    moment = local + timedelta(days=self.amount)
                elif self.unit == WEEKS:
                    moment = local + timedelta(weeks=self.amount)
                elif self.unit == MONTHS:
                    moment = add_months(local, self.amount)
                elif self.unit == YEARS:
                    moment = add_months(local, 12 * self.amount)
                else:
                    moment = add_working_days(local, self.amount)
            return moment.astimezone(timezone.utc)
        except (OverflowError, ValueError):
            raise DurationError(f"{self} after {start:%Y-%m-%d} is past the end of the calendar") from None


def parse(text: str | int) -> Duration:
    """Parse a duration: a whole number and a unit, e.g. "30d", "24 hours", "5 working-days", "6 months", "1y".

    Units may be abbreviated (h, d, w, y), singular or plural; hyphens,
    underscores and case do not matter.

    Raises:
        DurationError: not a number followed by a known unit.
    """
    match = _PATTERN.match(str(text).lower())
    unit = _UNIT_OF.get(" ".join(match.group(2).replace("-", " ").replace("_", " ").split())) if match else None
    if match is None or unit is None:
        raise DurationError(f"{str(text)!r} is not a period of time; write a number and a unit, e.g. {EXAMPLES}")
    return Duration(int(match.group(1)), unit)


def add_working_days(start: datetime, count: int) -> datetime:
    """Add ``count`` working days (Monday to Friday, in ``start``'s time zone) to ``start``."""
    moment = start
    if moment.weekday() >= SATURDAY:
        moment = (moment + timedelta(days=7 - moment.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
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
