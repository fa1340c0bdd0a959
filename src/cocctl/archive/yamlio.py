"""YAML in and out: guarded loading, stable dumping, literal blocks for payloads.

Everything cocctl reads as YAML (case files, decrypted documents, the
roster, cocctl.yaml, report files, edits) comes through ``loads``, so the
limits below hold for hostile input anywhere: a file a stranger commits, or
a payload someone encrypted to the committee.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from functools import cache
from typing import Any

from cocctl.clock import format_time

# A case document nests about seven levels deep; the roster and settings fewer.
MAX_DEPTH = 64
MAX_BYTES = 8 * 1024 * 1024

# What YAML allows in a stream (YAML 1.2, 5.1): no C0 controls but tab, LF,
# CR; no DEL, C1 controls (NEL aside), surrogates or non-characters. Spelled
# as the forbidden ranges: the negated class of the allowed ones takes ~10 ms
# to compile, on every command.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# ruamel quotes keys, values and characters into some messages; none of it
# may reach a terminal or a CI log.
_QUOTED = re.compile(r"""\s*("[^"]*"|'[^']*'|`[^`]*`|\([^)]*\))""")
# Text without these holds no anchor, alias, tag, flow collection or complex
# key, and breaks lines only with LF (see _plainly_shallow).
_NOT_PLAIN = re.compile("[&*!?\\[\\]{}\t\r\x85\u2028\u2029]")
# A line's indentation and compact sequence entries ("- - "): the column of its first node.
_LINE_START = re.compile(r"^ *(?:- +)*", re.MULTILINE)


class Literal(str):
    """A string dumped as a YAML literal block (``|``), as armored payloads are."""


class YAMLSyntaxError(ValueError):
    """Raised when text is not YAML cocctl accepts; the message gives the position, never the text."""


@cache
def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    # Keep the order the program gives: a case file reads top-down as written.
    yaml.representer.sort_base_mapping_type_on_output = False
    # loads refuses anchors and aliases, so dumps writes a shared object out in full.
    yaml.representer.ignore_aliases = lambda data: True
    yaml.representer.add_representer(
        Literal, lambda r, d: r.represent_scalar("tag:yaml.org,2002:str", str(d), style="|")
    )
    return yaml


def loads(data: str | bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse one YAML document of plain data; timestamps come back as canonical strings.

    The text must be UTF-8 (bytes) or valid Unicode (str), at most
    ``max_bytes`` long, nested at most ``max_depth`` deep, with no anchors,
    aliases, explicit tags or duplicate keys: cocctl never writes them, and
    aliases let a few hundred bytes expand to gigabytes.

    Raises:
        YAMLSyntaxError: the text breaks one of these rules or is not YAML;
            the message names the problem and its line and column, never content.
    """
    text = _decode(data, max_bytes)
    _check_characters(text)
    if not _plainly_shallow(text, max_depth):
        _check_structure(text, max_depth)
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        value = _yaml().load(text)
    except MarkedYAMLError as error:
        raise _syntax_error(error) from None
    except YAMLError:
        raise YAMLSyntaxError("invalid YAML") from None
    except (ValueError, OverflowError):
        # A scalar YAML reads as a number or a date that Python cannot hold:
        # an integer of thousands of digits, or the 30th of February.
        raise YAMLSyntaxError("invalid YAML: a number or date is out of range") from None
    return _normalize(value)


def dumps(data: Any) -> str:
    """Dump plain data as block-style YAML in the order given."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _decode(data: str | bytes, max_bytes: int) -> str:
    """The text of ``data``, refusing what is too large or not UTF-8."""
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as error:
            raise YAMLSyntaxError(f"invalid text: not valid Unicode at character {error.start + 1}") from None
    if len(data) > max_bytes:
        raise YAMLSyntaxError(f"too large: {len(data)} bytes, the limit is {max_bytes}")
    if data.startswith(_WIDE_BOMS):
        raise YAMLSyntaxError("not UTF-8: the text starts with a UTF-16 or UTF-32 byte order mark")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise YAMLSyntaxError(f"not UTF-8: invalid byte at line {line}, column {column}") from None


def _check_characters(text: str) -> None:
    found = _FORBIDDEN.search(text)
    if found:
        line, column = _position(text, found.start())
        raise YAMLSyntaxError(f"invalid YAML at line {line}, column {column}: "
                              f"control character U+{ord(found.group()):04X} is not allowed")


def _plainly_shallow(text: str, max_depth: int) -> bool:
    """Whether ``text`` cannot hold anything :func:`_check_structure` refuses, seen without parsing it.

    Most of what cocctl reads is what it wrote (case files, the roster), and
    walking the parser's events costs as much as loading them. Without the
    characters of ``_NOT_PLAIN`` there are only block collections with plain
    keys, and a block collection nested in another starts at a column no
    smaller than its parent's, and two levels down at a greater one; every
    collection starts where a line's indentation and "- " entries end. So
    the depth is at most twice the widest such start, plus two.
    """
    if _NOT_PLAIN.search(text):
        return False
    widest = max(map(len, _LINE_START.findall(text)), default=0)
    return 2 * widest + 2 <= max_depth


def _check_structure(text: str, max_depth: int) -> None:
    """Walk the parser's events, refusing deep nesting, anchors, aliases and tags.

    This runs before anything is built, and stops at the first offence: the
    C composer recurses per level and crashes the interpreter on deep input,
    and an alias can stand for a tree of any size.
    """
    from ruamel.yaml import CParser, events
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    nodes = (events.ScalarEvent, events.SequenceStartEvent, events.MappingStartEvent)
    collections = nodes[1:]
    # One entry per open collection: for a mapping, whether a key comes next.
    open_collections: list[bool | None] = []
    # libyaml's parser keeps its own stacks: it does not recurse per level.
    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind in nodes:
                if event.anchor is not None:
                    raise _refused("anchors are not allowed", event)
                if event.tag is not None:
                    raise _refused("explicit tags are not allowed", event)
                if open_collections and open_collections[-1] is not None:
                    if open_collections[-1] and kind is not events.ScalarEvent:
                        raise _refused("a mapping key must be a single value", event)
                    open_collections[-1] = not open_collections[-1]
                if kind in collections:
                    if len(open_collections) == max_depth:
                        raise _refused(f"nested deeper than {max_depth} levels", event)
                    open_collections.append(True if kind is events.MappingStartEvent else None)
            elif kind in (events.SequenceEndEvent, events.MappingEndEvent):
                open_collections.pop()
            elif kind is events.AliasEvent:
                raise _refused("aliases are not allowed", event)
            elif kind is events.StreamEndEvent:
                return
    except MarkedYAMLError as error:
        raise _syntax_error(error) from None
    except YAMLError:
        raise YAMLSyntaxError("invalid YAML") from None
    finally:
        parser.dispose()


def _refused(problem: str, event: Any) -> YAMLSyntaxError:
    mark = event.start_mark
    return YAMLSyntaxError(f"invalid YAML at line {mark.line + 1}, column {mark.column + 1}: {problem}")


def _syntax_error(error: Any) -> YAMLSyntaxError:
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = error.problem_mark or error.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    if isinstance(error, DuplicateKeyError):
        problem = "duplicate key"
    else:
        problem = _QUOTED.sub("", str(error.problem or error.context or "")).strip() or "not YAML"
    return YAMLSyntaxError(f"invalid YAML{where}: {problem}")


def _position(text: str | bytes, offset: int) -> tuple[int, int]:
    newline = "\n" if isinstance(text, str) else b"\n"
    line_start = text.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    return text.count(newline, 0, offset) + 1, offset - line_start + 1  # type: ignore[arg-type]


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
