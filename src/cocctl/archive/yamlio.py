"""YAML in and out: safe loading, stable dumping, literal blocks for payloads."""

from __future__ import annotations

import io
from datetime import date, datetime
from functools import cache
from typing import Any

from cocctl.clock import format_time


class Literal(str):
    """A string dumped as a YAML literal block (``|``), as armored payloads are."""


class YAMLSyntaxError(ValueError):
    """Raised when text is not YAML; the message gives the position, not the text."""


@cache
def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    # Keep the order the program gives: a case file reads top-down as written.
    yaml.representer.sort_base_mapping_type_on_output = False
    yaml.representer.add_representer(
        Literal, lambda r, d: r.represent_scalar("tag:yaml.org,2002:str", str(d), style="|")
    )
    return yaml


def loads(text: str | bytes) -> Any:
    """Parse YAML text; timestamps come back as canonical strings.

    Raises:
        YAMLSyntaxError: the text is not valid YAML (message has line and column only).
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise YAMLSyntaxError(f"invalid YAML{where}: {error.problem}") from None
    except YAMLError:
        raise YAMLSyntaxError("invalid YAML") from None
    return _normalize(data)


def dumps(data: Any) -> str:
    """Dump plain data as block-style YAML in the order given."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _normalize(value: Any) -> Any:
    # Hand-written files may hold unquoted times, which YAML turns into
    # datetimes; the archive keeps every time as a canonical UTC string.
    if isinstance(value, dict):
        return {key: _normalize(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalize(item) for item in value]
    if isinstance(value, datetime):
        return format_time(value if value.tzinfo else value.replace(tzinfo=_utc()))
    if isinstance(value, date):
        return value.isoformat()
    return value


def _utc() -> Any:
    from datetime import timezone

    return timezone.utc
