"""All terminal output: the only module that imports Rich; also --json."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from cocctl.render.safe import text as _text
from cocctl.render.safe import visible as _visible


@cache
def console(stderr: bool = False) -> Any:
    """A Rich console on stdout (or stderr) that wraps nothing it cannot fit.

    No emoji codes: a note holding ``:fire:`` prints those characters (as it
    prints markup literally), and Rich's table of codes is not imported.
    """
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def plain(data: Any) -> Any:
    """Turn dataclasses, sets and tuples into JSON-ready data."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return {field.name: plain(getattr(data, field.name)) for field in dataclasses.fields(data)}
    if isinstance(data, dict):
        return {str(key): plain(value) for key, value in data.items()}
    if isinstance(data, (frozenset, set)):
        return sorted(plain(item) for item in data)
    if isinstance(data, (list, tuple)):
        return [plain(item) for item in data]
    if hasattr(data, "__fspath__"):
        return str(data)
    return data


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout."""
    sys.stdout.write(json.dumps(plain(data), indent=2, ensure_ascii=False) + "\n")


def line(text: str) -> None:
    """Print one plain line on stdout (ids and paths that scripts capture)."""
    sys.stdout.write(_visible(text) + "\n")


def info(text: str) -> None:
    """Print a human message on stderr, so stdout stays scriptable.

    Plain text on purpose: importing Rich costs ~30 ms, which commands that
    only confirm what they did should not pay.
    """
    sys.stderr.write(_visible(text, multiline=True) + "\n")


def error(text: str) -> None:
    """Print an error on one line of stderr; paths and names in it may come from anyone."""
    sys.stderr.write(f"cocctl: {_visible(text)}\n")


def aligned(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Print plain columns two spaces apart, every value whole: for output that is not a terminal.

    A Rich table spent ~0.7 ms a row laying itself out (7.5 s for 10,000
    cases) and cropped values to 80 columns when piped; this writes the
    text once. Values are made visible (controls written out) here.
    """
    table = [list(headers), *([_visible(cell) for cell in row] for row in rows)]
    widths = [max(len(row[column]) for row in table) for column in range(len(headers))]
    sys.stdout.write("".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() + "\n"
                             for row in table))


def case_rows(rows: Sequence[Any]) -> None:
    """Print the case list: a Rich table on a terminal, plain aligned columns otherwise."""
    if not rows:
        info("no cases")
        return
    headers = ("case", "status", "opened", "updated", "readers", "you")
    cells = [(row.case, row.status, _short(row.opened), _short(row.updated), str(len(row.readers)),
              {True: "can read", False: "cannot read", None: ""}[row.readable]) for row in rows]
    if not sys.stdout.isatty():
        aligned(headers, cells)
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for header in headers:
        table.add_column(header, no_wrap=True)
    for row in cells:
        table.add_row(*map(_text, row))
    console().print(table)


def _short(moment: str) -> str:
    """``2026-11-16T09:12:00Z`` as ``2026-11-16 09:12`` (UTC)."""
    return moment[:16].replace("T", " ")


def case(state: Any) -> None:
    """Print a case's state and timeline."""
    from rich.table import Table

    out = console()
    out.print(f"[bold]case {_text(state.id)}[/bold]  {_text(state.status)}" + ("  [red]URGENT[/red]" if state.urgent else ""))
    facts = Table(box=None, show_header=False, pad_edge=False)
    facts.add_column(style="dim")
    facts.add_column()
    reporter = "—"
    if state.kind == "anonymous":
        reporter = "anonymous (no identity kept)"
    elif state.reporter is not None:
        reporter = " ".join(filter(None, (state.reporter.name, f"<{state.reporter.contact}>" if state.reporter.contact else None)))
    owners = _text(state.primary) if state.primary else "[yellow]no owner[/yellow]"
    if state.secondary:
        owners += f" (secondary {_text(state.secondary)})"
    for label, value in (
        ("kind", _text(f"{state.kind} via {state.channel}")),
        ("severity", _text(state.severity)),
        ("received", _text(state.received_at)),
        ("opened", _text(f"{state.opened_at} by {state.opened_by}")),
        ("updated", _text(state.updated_at)),
        ("summary", _text(state.summary, multiline=True)),
        ("area", _text(state.area or "—")),
        ("reported", _text(", ".join(state.reported) or "—")),
        ("reporter", _text(reporter)),
        ("witnesses", _text(", ".join(state.witnesses) or "—")),
        ("evidence", _text("; ".join(state.evidence) or "—")),
        ("privacy", _text(state.privacy or "—", multiline=True)),
        ("consent", "reporter consents to sharing details" if state.consent else "no consent to share details"),
        ("owners", owners),
        ("excluded", _text(", ".join(sorted(state.excluded)) or "—")),
    ):
        facts.add_row(label, value)
    # Who stated a conflict and who was cleared (no reason is shown: none is asked).
    recused = [f"{h} (no access)" for h in sorted(state.recused_hard)]
    recused += [f"{h} (no vote)" for h in sorted(state.recused_soft)]
    if recused:
        facts.add_row("recused", _text(", ".join(recused)))
    if state.cleared:
        facts.add_row("cleared", _text(", ".join(sorted(state.cleared))))
    if state.resolution:
        facts.add_row("resolution", _text(state.resolution, multiline=True))
    if state.public_summary:
        facts.add_row("public summary", _text(state.public_summary, multiline=True))
    out.print(facts)
    attachments(state.attachments)
    for conflict in state.conflicts:
        out.print(f"[red]conflict:[/red] {_text(conflict)}")
    decisions(state)
    out.print()
    out.print("[bold]timeline[/bold]")
    timeline(state.events)


def attachments(items: Sequence[Any]) -> None:
    """Print a case's evidence files: number, name, size, media type, the start of the SHA-256, description."""
    if not items:
        return
    from rich.table import Table

    table = Table(title="attachments", title_justify="left", box=None, pad_edge=False)
    for column in ("#", "name", "size", "type", "sha256", "description"):
        table.add_column(column, justify="right" if column in ("#", "size") else "left")
    for item in items:
        table.add_row(str(item.number), _text(item.name), size(item.size), _text(item.media_type),
                      item.sha256[:12], _text(item.description if item.description != item.name else ""))
    console().print(table)


def size(count: int) -> str:
    """A byte count for people: 512 B, 1.5 KiB, 3.2 MiB."""
    for unit in ("B", "KiB", "MiB"):
        if count < 1024 or unit == "MiB":
            return f"{count} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)


def decisions(state: Any) -> None:
    """Print a case's decisions, flagging interim measures awaiting the committee."""
    from cocctl.service.people import measures as spell

    out = console()
    for decision in state.decisions:
        measures = spell(decision.consequences) or "no action"
        flag = ""
        if decision.interim and decision.confirmed_at is None and decision.standing == "in-force":
            flag = "  [red]INTERIM: awaiting the committee's confirm or lift[/red]"
        out.print(f"decision {decision.number}: {_text(decision.outcome)}, {_text(measures)} "
                  f"({_text(decision.standing)}){flag}")
    numbers = {d.number: d for d in state.decisions}
    for response in state.plan_responses:
        line = f"plan of decision {response.decision}: {response.response} ({response.at[:10]})"
        if response.response != "accepted":
            plan = next((c for c in numbers[response.decision].consequences if c["id"] == "behaviour-plan"), {})
            planned = (plan.get("params") or {}).get("if-refused", "none recorded")
            line += f"; the response decided with the plan: {planned}; re-evaluate with 'cocctl propose'"
        out.print(_visible(line), markup=False, highlight=False)
    for proposal in state.proposals:
        if proposal.decided is None:
            measures = spell(proposal.consequences) or "no action"
            out.print(f"[yellow]proposal {proposal.number} open[/yellow] (by {_text(proposal.by)}: {_text(measures)}): "
                      f"{len(proposal.votes)} vote(s) so far")


def timeline(events: Iterable[Any]) -> None:
    """Print a case's events, one line each."""
    out = console()
    for event in events:
        out.print(f"  {_text(event.at)}  {_text(f'{event.by:<10}')} {_text(f'{event.type:<9}')} "
                  f"{_text(describe(event))}")


def _ref(value: Any) -> str:
    # Format 2 refers to a proposal or decision by its event id; its number
    # depends on the whole log, so one event alone shows the id's random tail.
    return f"…{value[-6:]}" if isinstance(value, str) else str(value)


def describe(event: Any) -> str:
    """A one-line description of an event's data.

    Args:
        event: an event of a case's state, or one as a log entry carries it (a dict).
    """
    kind, data = (event["type"], event.get("data") or {}) if isinstance(event, Mapping) else (event.type, event.data)
    summary = EVENT_SUMMARIES.get(kind)
    return summary(data) if summary is not None else ""


def _amended(data: dict[str, Any]) -> str:
    parts = [f"{name} set" for name in data.get("set", {})]
    parts += [f"{name} +{len(items)}" for name, items in data.get("add", {}).items()]
    parts += [f"{name} -{len(items)}" for name, items in data.get("remove", {}).items()]
    return ", ".join(parts)


def _measures(data: dict[str, Any]) -> str:
    from cocctl.service.people import measures as spell

    measures = spell(data.get("consequences", [])) or "no action"
    return ("interim: " if data.get("interim") else "") + measures


def _decision_ref(data: dict[str, Any]) -> str:
    return f"decision {_ref(data.get('decision'))}" + (f": {data['rationale']}" if data.get("rationale") else "")


# One entry per event type the case schema defines (a test checks): the
# line a timeline shows for an event's data.
EVENT_SUMMARIES: dict[str, Callable[[dict[str, Any]], str]] = {
    "opened": lambda data: f"{data['kind']} report, severity {data['severity']}",
    "amended": _amended,
    "note": lambda data: data["text"],
    "evidence": lambda data: data["description"] + (
        f" (attached: {data['file']['name']}, {size(data['file']['size'])})" if "file" in data else ""),
    "contact": lambda data: f"with {data['with']}: {data['text']}",
    "assigned": lambda data: f"primary {data['primary']}" + (
        f", secondary {data['secondary']}" if data.get("secondary") else ""),
    "excluded": lambda data: data.get("member", ""),
    "recused": lambda data: data.get("member", ""),
    "cleared": lambda data: data.get("member", ""),
    "granted": lambda data: data.get("name", ""),
    "revoked": lambda data: data.get("name", ""),
    "closed": lambda data: data["resolution"],
    "reopened": lambda data: data["reason"],
    "exported": lambda data: f"exported ({data['files']} file(s)): {data['reason']}" + (
        f"; withheld: {', '.join(data['redactions'])}" if data.get("redactions") else ""),
    "communicated": lambda data: f"message to the {data['to']} ({data['kind']})",
    "proposed": _measures,
    "voted": lambda data: f"proposal {_ref(data.get('proposal'))}: {data.get('vote')}",
    "decided": _measures,
    "confirmed": lambda data: _decision_ref(data),
    "lifted": lambda data: _decision_ref(data),
    "superseded": lambda data: _decision_ref(data),
    "appealed": lambda data: data.get("reason", ""),
    "appeal-decided": lambda data: data.get("result", ""),
    "released": lambda data: "",
    "searching": lambda data: "searching for the reported person" if data.get("searching") else
    "the reported person was found",
    "reporter-involvement": lambda data: "reporter involved" if data.get("involved") else
    "reporter prefers not to be involved further",
    "law-enforcement": lambda data: "at the reporter's request" if data.get("reporter_asked") else "",
    "consulted": lambda data: "those involved agreed to disclosure" if data.get("agreed") else
    "those involved did not agree to disclosure",
    "content-removed": lambda data: f"content {data.get('action')}: {data.get('where')}",
    "conversation": lambda data: f"with {data.get('with')} by {data.get('medium')}" + (
        f", observer {data['observer']} agreed by both" if data.get("observer") else ""),
    "plan-response": lambda data: f"decision {_ref(data.get('decision'))}: plan {data.get('response')}",
}


def members(roster: Sequence[Any]) -> None:
    """Print the committee roster."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for header in ("handle", "name", "roles", "employer", "joined", "left", "recipient"):
        table.add_column(header)
    for member in roster:
        table.add_row(*map(_text, (
            member.handle,
            member.name or "",
            ", ".join(member.roles),
            member.employer or "",
            member.joined[:10],
            (member.left or "")[:10],
            member.recipient[:16] + "…",
        )))
    console().print(table)
