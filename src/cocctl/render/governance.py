"""Output of the governance commands: tallies, decisions, people, sanctions, policy."""

from __future__ import annotations

import json as _json
from typing import Any

from cocctl.render import console, emit_json, info
from cocctl.render.safe import text, visible


def changed(render: Any, change: Any, verb: str) -> None:
    """Say what changed (with the commit), or that nothing did."""
    if change.commit:
        info(f"{verb} case {change.case} (commit {change.commit[:10]})")
    else:
        info(f"case {change.case} already says that; nothing changed")
    if getattr(change, "pending", None):
        info(f"note: {change.pending}")


def tally(result: Any) -> None:
    """Print where a vote stands."""
    info(f"{result.rule}: {len(result.yes)} yes, {len(result.no)} no, {len(result.abstain)} abstain, "
         f"{len(result.missing)} not voted of {len(result.eligible)} eligible; {result.outcome}: {result.reason}")
    info("counted: " + (", ".join(result.eligible) or "nobody") + " (members who read the case and may vote on it)")


def decided(render: Any, outcome: Any) -> None:
    """Print a recorded decision, its tally and any strike notice."""
    from cocctl.service.people import measures

    decision = outcome.decision
    changed(render, outcome.change, f"decision {decision.number} recorded on" if decision else "decision on")
    if decision is None:
        return
    what = measures(decision.consequences)
    flag = "INTERIM " if decision.interim else ""
    info(f"{flag}{decision.outcome}: {what}")
    if outcome.tally is not None:
        tally(outcome.tally)
    if decision.tally.get("consensus") is False:
        info("consensus was not reached; the policy's fallback rule decided")
    for notice in outcome.strikes:
        text = f"{notice['person']} now has {notice['count']} of {notice['threshold']} strikes"
        if notice.get("requires"):
            text += f"; the policy requires: {' or '.join(notice['requires'])} (propose it for a vote)"
        info(text)


def person(record: Any, as_json: bool) -> None:
    """Print a person's record across cases."""
    from cocctl.service.people import measures

    if as_json:
        emit_json(record)
        return
    out = console()
    out.print(f"[bold]{text(record.person)}[/bold]", markup=True)
    for case in record.cases:
        decisions = "; ".join(case.decisions) or "no decision"
        out.print(visible(f"  {case.case}  {case.status:<8} {case.kind:<9} {decisions}"), markup=False)
    if not record.cases:
        out.print("  no case you can read names this person", markup=False)
    if record.unreadable:
        out.print(f"  {record.unreadable} case(s) you cannot read may name this person; ask their readers",
                  markup=False)
    threshold = f" of {record.strike_threshold}" if record.strike_threshold else ""
    # Never a wrong count: strikes in cases the reader cannot open are not in it, and the line says so.
    unsure = ("at least ", " (not counting the cases you cannot read)") if record.unreadable else ("", "")
    out.print(f"strikes: {unsure[0]}{record.strikes}{threshold}{unsure[1]}", markup=False)
    if record.strike_cases_unread:
        out.print(f"  {record.strike_cases_unread} case(s) you cannot read name this person and record a strike "
                  "(for them or someone else in the case); ask their readers", markup=False)
    previous = None
    for at, case_id, count in record.strike_dates:
        gap = f", {(_days(at) - _days(previous))} day(s) after the previous" if previous else ""
        out.print(visible(f"  strike: {at[:10]} (case {case_id}, {count}){gap}"), markup=False)
        previous = at
    for item in record.sanctions:
        out.print("sanction: " + _sanction_line(item), markup=False)
    out.print("highest consequence: " + visible(measures([record.highest]) if record.highest else "none"), markup=False)


def _days(at: str) -> int:
    from datetime import date

    return date.fromisoformat(at[:10]).toordinal()


def sanctions(result: Any, as_json: bool) -> None:
    """Print the sanctions in force."""
    if as_json:
        emit_json(result)
        return
    out = console()
    if not result.sanctions:
        out.print(f"no sanctions in force at {result.at}", markup=False)
    for item in result.sanctions:
        out.print(_sanction_line(item), markup=False)
    if result.unreadable:
        out.print(f"{result.unreadable} case(s) you cannot read are not included", markup=False)


def _sanction_line(item: Any) -> str:
    from cocctl.service.people import measures

    end = f"until {item.end}" if item.end else "no end date"
    flags = (" INTERIM" if item.interim else "") + (" expires soon" if item.expires_soon else "")
    return visible(f"{', '.join(item.persons)}: {measures([item.consequence])} {end} "
                   f"(case {item.case}, decision {item.decision}){flags}")


def policy(rows: list[tuple[str, Any, str]], as_json: bool) -> None:
    """Print the effective policy with each value's source."""
    if as_json:
        emit_json([{"setting": name, "value": value, "source": source} for name, value, source in rows])
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for header in ("setting", "value", "from"):
        table.add_column(header)
    for name, value, source in rows:
        shown = value if isinstance(value, str) else _json.dumps(value)
        table.add_row(text(name), text(shown), text(source))
    console().print(table)
