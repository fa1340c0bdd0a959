"""The consequence catalogue: ids, labels, parameters, and parsing ``ID:key=value,...``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from typing import Any

from cocctl.errors import UsageError
from cocctl.policy import calendar

# Parameter kinds: a duration ("30d", "6 months"), free text, a list of names, a count.
DURATION, TEXT, NAMES, COUNT = "duration", "text", "names", "count"

# What a consequence does, from least to most severe; ``person`` shows the highest.
LEVELS = ("none", "notice", "education", "strike", "restriction", "suspension", "ban")


@dataclass(frozen=True)
class Kind:
    """One entry of the catalogue."""

    id: str
    label: str
    level: str
    params: dict[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    # A sanction is in force from the decision until its period ends (or forever).
    sanction: bool = False
    violation: bool = True


def _kind(id: str, label: str, level: str, *, params: dict[str, str] | None = None,
          required: tuple[str, ...] = (), sanction: bool = False, violation: bool = True) -> Kind:
    return Kind(id, label, level, params or {}, required, sanction, violation)


PLAN_PARTS = ("behaviour", "context", "impact", "call-in", "plan")

CATALOGUE: dict[str, Kind] = {k.id: k for k in (
    _kind("no-action", "No action: not a Code of Conduct violation", "none", violation=False),
    _kind("awareness", "Administrative awareness only (a raised concern)", "none", violation=False),
    _kind("correction", "Private written correction", "notice"),
    _kind("private-warning", "Private warning", "notice", params={"no-contact": DURATION}),
    _kind("coaching", "Coaching or education", "education", params={"topic": TEXT}),
    # CHAOSS: "decide what response to take if the person does not understand ... or refuses" the plan.
    _kind("behaviour-plan", "Behaviour-modification plan", "education",
          params={part: TEXT for part in (*PLAN_PARTS, "if-refused")}, required=(*PLAN_PARTS, "if-refused")),
    _kind("strike", "A strike", "strike", params={"count": COUNT}),
    _kind("do-not-contact", "Do not contact", "restriction", params={"period": DURATION, "protect": NAMES},
          required=("period", "protect"), sanction=True),
    _kind("channel-restriction", "Restriction from channels or spaces", "restriction",
          params={"channels": NAMES, "period": DURATION}, required=("channels",), sanction=True),
    _kind("event-ban", "Ban from community events", "ban", params={"events": TEXT, "period": DURATION}, sanction=True),
    _kind("leave-event", "Leave the event now and not return", "restriction", params={"event": TEXT}),
    _kind("end-talk", "End a talk early", "restriction", params={"talk": TEXT}),
    _kind("unpublish-talk", "Do not publish a talk's video or slides", "restriction", params={"talk": TEXT}),
    _kind("speaking-ban", "No (further) talks", "restriction", params={"period": DURATION}, sanction=True),
    _kind("remove-privileges", "Removal of roles or privileges", "restriction",
          params={"what": TEXT, "period": DURATION}, required=("what",), sanction=True),
    _kind("refund-grant", "Refund a travel grant", "restriction"),
    _kind("temporary-suspension", "Temporary suspension", "suspension",
          params={"period": DURATION, "reapply": TEXT}, required=("period",), sanction=True),
    _kind("permanent-suspension", "Permanent suspension", "ban", sanction=True),
    _kind("public-statement", "Public statement", "notice", params={"text": TEXT}),
    _kind("recommendation", "Recommendation to other bodies", "notice", params={"to": TEXT}, required=("to",)),
    # CHAOSS: the list "is not inclusive"; any other action, described.
    _kind("other", "Other action", "notice", params={"description": TEXT}, required=("description",)),
)}

SUSPENSIONS = ("temporary-suspension", "permanent-suspension")

# Split "a=1,b=x, y" on the commas that start another key, so texts keep theirs.
_PARAM_SPLIT = re.compile(r",\s*(?=[a-z][a-z-]*=)")


def period(value: str) -> calendar.Duration:
    """Parse a consequence's period: any duration of the one grammar, longer than nothing.

    Raises:
        DurationError: not a duration, or zero.
    """
    found = calendar.parse(value)
    if found.amount == 0:
        raise calendar.DurationError(f"{value!r} is not a period: a consequence lasts longer than nothing")
    return found


def parse(spec: str, allowed: Sequence[str] | None = None, waive: Sequence[str] = ()) -> dict[str, Any]:
    """Parse ``ID[:key=value,...]`` into ``{"id": ..., "params": {...}}``, validated.

    Repeating a names key (``protect=a,protect=b``) or separating with ``+``
    gives a list. Parameters named in ``waive`` are not required.

    Raises:
        UsageError: unknown id, unknown or missing parameter, bad value.
    """
    ident, _, rest = spec.strip().partition(":")
    params: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in _PARAM_SPLIT.split(rest) if rest.strip())):
        key, equals, value = item.partition("=")
        if not equals or not value.strip():
            raise UsageError(f"consequence parameter {item.split('=')[0]!r} needs a value: use key=value")
        key, value = key.strip(), value.strip()
        if key in params and not isinstance(params[key], list):
            params[key] = [params[key]]
        if isinstance(params.get(key), list):
            params[key].append(value)
        else:
            params[key] = value
    return validate({"id": ident.strip(), "params": params}, allowed, waive)


def validate(consequence: dict[str, Any], allowed: Sequence[str] | None = None,
             waive: Sequence[str] = ()) -> dict[str, Any]:
    """Check a consequence's id and parameters; return it normalised.

    Raises:
        UsageError: unknown id (the message lists the known ones), unknown,
            missing or malformed parameters.
    """
    ident = consequence.get("id", "")
    known = [k for k in CATALOGUE if allowed is None or k in allowed]
    if ident not in known:
        raise UsageError(f"unknown consequence {ident!r}; known: {', '.join(known)}")
    kind = CATALOGUE[ident]
    params = dict(consequence.get("params") or {})
    unknown = sorted(set(params) - set(kind.params))
    if unknown:
        accepted = ", ".join(kind.params) or "none"
        raise UsageError(f"{ident} has no parameter {unknown[0]!r}; it accepts: {accepted}")
    missing = [name for name in kind.required if name not in params and name not in waive]
    if missing:
        raise UsageError(f"{ident} needs {', '.join(missing)}, e.g. " + _example(kind))
    clean: dict[str, Any] = {}
    for name, value in params.items():
        clean[name] = _value(ident, name, kind.params[name], value)
    return {"id": ident, "params": clean}


def _value(ident: str, name: str, kind: str, value: Any) -> Any:
    if kind == NAMES:
        items = value if isinstance(value, list) else [value]
        names = [part.strip() for item in items for part in str(item).split("+") if part.strip()]
        if not names:
            raise UsageError(f"{ident}: {name} needs at least one name")
        return names
    if isinstance(value, list):
        raise UsageError(f"{ident}: {name} may be given only once")
    if kind == DURATION:
        # Stored in its short form ("30d") where the unit has one, as people write it.
        return period(str(value)).short
    if kind == COUNT:
        if not str(value).isdigit() or int(value) < 1:
            raise UsageError(f"{ident}: {name} must be a whole number of at least 1")
        return int(value)
    return str(value)


def _example(kind: Kind) -> str:
    samples = {DURATION: "30d", NAMES: "riley", TEXT: "...", COUNT: "1"}
    return kind.id + ":" + ",".join(f"{name}={samples[kind.params[name]]}" for name in kind.required)


def label(consequence: dict[str, Any]) -> str:
    """A one-line description, e.g. ``do-not-contact (period=30d, protect=riley)``."""
    params = consequence.get("params") or {}
    if not params:
        return consequence["id"]
    shown = ", ".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in params.items())
    return f"{consequence['id']} ({shown})"


def ends(consequence: dict[str, Any], start: datetime, zone: tzinfo = timezone.utc) -> datetime | None:
    """When a sanction ends: start plus its period (counted in ``zone``); None when it has no end."""
    length = (consequence.get("params") or {}).get("period")
    return calendar.parse(length).after(start, zone) if length else None


def level_rank(ident: str) -> int:
    """The severity rank of a consequence id (unknown ids rank lowest)."""
    kind = CATALOGUE.get(ident)
    return LEVELS.index(kind.level) if kind else -1


def terms(consequence: dict[str, Any]) -> str:
    """A consequence's terms as the line naming it ends: an "other" action's description, a period, channels.

    The behaviour plan and do-not-contact orders are spelled out on their own, so they get none here.
    """
    params = consequence.get("params") or {}
    if consequence["id"] in ("behaviour-plan", "do-not-contact", "private-warning") or not params:
        return ""
    if consequence["id"] == "other":
        return f": {params.get('description', '')}"
    return " (" + "; ".join(f"{key} {', '.join(v) if isinstance(v, list) else v}" for key, v in params.items()) + ")"
