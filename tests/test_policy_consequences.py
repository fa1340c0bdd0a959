"""The consequence catalogue: parsing ``ID:key=value``, validation, periods."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cocctl.errors import UsageError
from cocctl.policy import consequences as c


def test_parse_keeps_commas_inside_texts_and_lists_repeated_names():
    parsed = c.parse("do-not-contact:period=30d,protect=riley,protect=kim")
    assert parsed == {"id": "do-not-contact", "params": {"period": "30d", "protect": ["riley", "kim"]}}
    plan = c.parse("behaviour-plan:behaviour=a, b,context=c,impact=d,call-in=e,plan=f,if-refused=g")
    assert plan["params"]["behaviour"] == "a, b"


@pytest.mark.parametrize("spec, message", [
    ("do-not-contact:protect=riley", "do-not-contact needs period"),
    ("flogging", "unknown consequence 'flogging'; known: no-action"),
    ("strike:colour=red", "strike has no parameter 'colour'"),
    ("temporary-suspension:period=soon", "'soon' is not a period"),
    ("strike:count=0", "at least 1"),
    ("behaviour-plan:plan=x", "behaviour-plan needs behaviour, context, impact, call-in, if-refused"),
])
def test_bad_consequences_are_clear_errors(spec, message):
    with pytest.raises(UsageError, match=message):
        c.parse(spec)


def test_policy_restricts_the_catalogue():
    with pytest.raises(UsageError, match="known: no-action, strike$"):
        c.parse("coaching", ["no-action", "strike"])


def test_periods_and_ends():
    assert c.parse("do-not-contact:period=14 days,protect=riley")["params"]["period"] == "14d"
    assert c.parse("temporary-suspension:period=6 months")["params"]["period"] == "6 months"
    with pytest.raises(UsageError, match="longer than nothing"):
        c.parse("temporary-suspension:period=0d")
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert c.ends({"id": "temporary-suspension", "params": {"period": "14d"}}, start) == start + timedelta(days=14)
    assert c.ends({"id": "permanent-suspension", "params": {}}, start) is None
    assert c.level_rank("permanent-suspension") > c.level_rank("strike") > c.level_rank("no-action")
