"""The one duration grammar: every spelling parses to the same duration, formats round-trip, bad input is refused,
and calendar units are counted in the community's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocctl.policy import calendar
from cocctl.policy.calendar import Duration, DurationError

SPELLINGS = {
    calendar.HOURS: ["h", "hour", "hours", "hrs"],
    calendar.DAYS: ["d", "day", "days"],
    calendar.WORKING_DAYS: ["working days", "working-days", "working_day", "Working Day", "business days"],
    calendar.WEEKS: ["w", "week", "weeks"],
    calendar.MONTHS: ["month", "months"],
    calendar.YEARS: ["y", "year", "years", "yr"],
}

durations = st.builds(Duration, st.integers(0, 9999), st.sampled_from(calendar.UNITS))
starts = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(timezone.utc))
zones = st.sampled_from(["UTC", "Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"])


@given(durations)
def test_the_long_and_short_forms_round_trip(duration):
    assert calendar.parse(str(duration)) == duration
    assert calendar.parse(duration.short) == duration
    assert str(calendar.parse(str(duration))) == str(duration)


@given(st.integers(0, 9999), st.sampled_from(sorted(SPELLINGS)), st.data())
def test_every_spelling_means_the_same_duration(amount, unit, data):
    spelling = data.draw(st.sampled_from(SPELLINGS[unit]))
    space = data.draw(st.sampled_from(["", " ", "  "]))
    text = f"{amount}{space}{spelling}"
    assert calendar.parse(text) == Duration(amount, unit)
    assert calendar.parse(f"  {text.upper()} ") == Duration(amount, unit)
    assert str(calendar.parse(text)) == str(Duration(amount, unit))


@given(st.text(max_size=20))
def test_any_text_is_a_duration_or_a_clear_error(text):
    try:
        found = calendar.parse(text)
    except DurationError as error:
        message = str(error)
        assert "is not a period of time" in message and "30d" in message and "\n" not in message
    else:
        assert calendar.parse(str(found)) == found


@pytest.mark.parametrize("text", ["", "five days", "5 fortnights", "-1 days", "3", "1.5 days", "10000 days",
                                  "5 m", "2 working", "d5", "5 days ago"])
def test_bad_durations_are_refused(text):
    with pytest.raises(DurationError, match="is not a period of time; write a number and a unit"):
        calendar.parse(text)


@given(durations.filter(lambda d: d.unit != calendar.YEARS or d.amount < 500), starts, zones)
def test_a_duration_never_ends_before_it_starts(duration, start, zone):
    end = duration.after(start, ZoneInfo(zone))
    assert end >= start or (duration.amount == 0 and end == start)
    assert end.utcoffset() == timedelta(0)


@given(st.integers(1, 400), starts, zones)
def test_working_days_end_on_a_weekday_where_the_community_lives(amount, start, zone):
    end = Duration(amount, calendar.WORKING_DAYS).after(start, ZoneInfo(zone))
    assert end.astimezone(ZoneInfo(zone)).weekday() < calendar.SATURDAY


@given(st.integers(0, 9999), starts, zones)
def test_hours_are_elapsed_time_in_any_zone(amount, start, zone):
    assert Duration(amount, calendar.HOURS).after(start, ZoneInfo(zone)) == start + timedelta(hours=amount)


def test_a_date_past_the_calendar_is_a_clear_error():
    with pytest.raises(DurationError, match="past the end of the calendar"):
        Duration(9999, calendar.YEARS).after(datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_a_weekend_falls_where_the_community_lives():
    # Friday 20:00 UTC is already Saturday 09:00 in Auckland (UTC+13 in November).
    friday_evening = datetime(2026, 11, 20, 20, 0, tzinfo=timezone.utc)
    one = Duration(1, calendar.WORKING_DAYS)
    # In UTC it is still Friday: one working day later is Monday 20:00 UTC.
    assert one.after(friday_evening) == datetime(2026, 11, 23, 20, 0, tzinfo=timezone.utc)
    # In Auckland the clock starts on Monday 00:00 there, one working day is
    # Tuesday 00:00 there: Monday 11:00 UTC.
    assert one.after(friday_evening, ZoneInfo("Pacific/Auckland")) == datetime(2026, 11, 23, 11, 0, tzinfo=timezone.utc)
    # Los Angeles (UTC-8): Friday 12:00 there, so Monday 12:00 there, 20:00 UTC, as in UTC.
    assert one.after(friday_evening, ZoneInfo("America/Los_Angeles")) == datetime(2026, 11, 23, 20, 0,
                                                                                  tzinfo=timezone.utc)


def test_days_keep_the_wall_clock_across_daylight_saving():
    # Berlin leaves summer time on 2026-10-25: a week after Friday 10:00 is Friday 10:00 there.
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 10, 23, 10, 0, tzinfo=berlin)
    assert Duration(7, calendar.DAYS).after(start, berlin) == datetime(2026, 10, 30, 10, 0, tzinfo=berlin)
    assert Duration(168, calendar.HOURS).after(start, berlin) == datetime(2026, 10, 30, 9, 0, tzinfo=berlin)


def test_years_and_months_are_calendar_ones():
    start = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert calendar.parse("1y").after(start) == datetime(2028, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert calendar.parse("12 months").after(start) == calendar.parse("1 year").after(start)
