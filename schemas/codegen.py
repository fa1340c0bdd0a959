"""Compile the shipped JSON Schemas into plain Python: ``validators.py``.

cocctl checks every file it reads against its schema, so the check sits on
every command's path. A general validator (jsonschema, with referencing and
attrs) costs ~80 ms to import and ~1 ms per case document; the code written
here costs ~2 ms to import and checks a case document several times faster.

Each schema node becomes one function ``f(x, p, out)`` that appends
``(path, rule)`` pairs to ``out`` for every violation of ``x`` (at the path
``p``, a tuple). The semantics are JSON Schema 2020-12's as jsonschema
implements them (types: ``bool`` is neither integer nor number; ``const``,
``enum`` and ``uniqueItems`` compare without ``True == 1``), and each rule's
wording is the one ``cocctl.archive.validation`` has always shown: the
location and the rule broken, never the offending value. ``anyOf`` and a
failed ``oneOf`` report every branch's violations (the most specific
causes), as the validator used to. tests/test_validators.py checks the
generated code against jsonschema on valid and broken documents.

Only the keywords the schemas use are supported: a new one fails here, loudly,
rather than being silently skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent
NAMES = ("case", "casefile", "committee", "config", "envelope", "policy")
# The case document's frame: the schema without each event type's data rules,
# which case_problems applies per event (linear in the number of events).
FRAME_EVENT = "event"

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "$defs", "then", "else"}
TYPES = {
    "object": "isinstance(x, dict)",
    "array": "isinstance(x, list)",
    "string": "isinstance(x, str)",
    "null": "x is None",
    "boolean": "isinstance(x, bool)",
    "integer": "_is_integer(x)",
    "number": "_is_number(x)",
}
OBJECT_KEYWORDS = ("properties", "additionalProperties", "required", "minProperties", "dependentRequired",
                   "propertyNames")
NOT_RULE = "has a field that is not allowed here (an anonymous report keeps no reporter)"

RUNTIME = '''"""Validators compiled from the JSON Schemas in this folder. GENERATED: do not edit.

Regenerate with ``python -m cocctl.schemas``; see codegen.py for how and why.
"""

# ruff: noqa
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from numbers import Number

_search = re.search


def _is_integer(x):
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def _is_number(x):
    return not isinstance(x, bool) and isinstance(x, Number)


# equal, unbool and uniq follow jsonschema._utils (MIT licence), so the verdicts agree.
def _equal(one, two):
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(_equal(i, j) for i, j in zip(one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(key in two and _equal(value, two[key]) for key, value in one.items())
    return _unbool(one) == _unbool(two)


def _unbool(element, true=object(), false=object()):
    if element is True:
        return true
    if element is False:
        return false
    return element


def _unique(container):
    try:
        ordered = sorted(_unbool(i) for i in container)
        for i, j in zip(ordered, ordered[1:]):
            if _equal(i, j):
                return False
    except (NotImplementedError, TypeError):
        seen = []
        for element in container:
            element = _unbool(element)
            if any(_equal(i, element) for i in seen):
                return False
            seen.append(element)
    return True


def _in(x, choices, strings):
    if x.__class__ is str:
        return x in strings
    return any(_equal(choice, x) for choice in choices)


def _ok(x):
    pass
'''


def anchored(node: Any) -> Any:
    """The schema with each pattern's final ``$`` as ``\\Z``: in JSON Schema it ends the string, in ``re`` it also
    matches before a final newline (so ``"eve\\n"`` would pass as a handle)."""
    if isinstance(node, dict):
        return {key: (value[:-1] + "\\Z" if key == "pattern" and isinstance(value, str) and value.endswith("$")
                      and not value.endswith("\\$") else anchored(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [anchored(item) for item in node]
    return node


def load(name: str, folder: Path = FOLDER) -> dict[str, Any]:
    return anchored(json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8")))


class Compiler:
    """Writes one function per schema node; ``$defs`` entries are compiled once per schema."""

    def __init__(self) -> None:
        self.functions: list[str] = []
        self.defs: dict[tuple[str, str], str] = {}
        self.constants: dict[str, str] = {}

    def constant(self, value: Any) -> str:
        if isinstance(value, frozenset):  # in a fixed order, so the output is the same on every run
            text = f"frozenset(({''.join(repr(item) + ', ' for item in sorted(value))}))"
        else:
            text = repr(value)
        if text not in self.constants:
            self.constants[text] = f"_C{len(self.constants)}"
        return self.constants[text]

    def definition(self, schema: str, defs: dict[str, Any], name: str, overrides: dict[str, Any]) -> str:
        key = (schema + ("+frame" if name in overrides else ""), name)
        if key not in self.defs:
            self.defs[key] = f"_{schema}_{len(self.functions)}_{re.sub(r'[^0-9A-Za-z]', '_', name)}"
            placeholder = len(self.functions)
            self.functions.append("")
            node = overrides.get(name, defs[name])
            self.functions[placeholder] = self.body(self.defs[key], node, schema, defs, overrides)
        return self.defs[key]

    def node(self, node: Any, schema: str, defs: dict[str, Any], overrides: dict[str, Any]) -> str:
        name = f"_{schema}_{len(self.functions)}"
        placeholder = len(self.functions)
        self.functions.append("")
        self.functions[placeholder] = self.body(name, node, schema, defs, overrides)
        return name

    def body(self, name: str, node: Any, schema: str, defs: dict[str, Any], overrides: dict[str, Any]) -> str:
        sub = lambda child: "_ok" if child is True or child == {} else self.node(child, schema, defs, overrides)  # noqa: E731
        lines = [f"def {name}(x, p, out):"]
        if node is False:
            return "\n".join(lines + ["    out.append((p, 'breaks the None rule'))", ""])
        if not isinstance(node, dict):
            raise ValueError(f"{schema}: a schema must be an object or a boolean, not {node!r}")
        unknown = set(node) - ANNOTATIONS - set(OBJECT_KEYWORDS) - {
            "type", "$ref", "const", "enum", "pattern", "minLength", "maxLength", "items", "minItems", "maxItems",
            "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "allOf", "anyOf", "oneOf", "not", "if"}
        if unknown:
            raise ValueError(f"{schema}: codegen.py does not support the keyword(s) {', '.join(sorted(unknown))}")
        add = lines.append
        if "type" in node:
            kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
            test = " or ".join(TYPES[kind] for kind in kinds)
            add(f"    if not ({test}):")
            add(f"        out.append((p, {'must be of type ' + str(node['type'])!r}))")
        if "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/$defs/"):
                raise ValueError(f"{schema}: only local references are supported, not {ref}")
            add(f"    {self.definition(schema, defs, ref.removeprefix('#/$defs/'), overrides)}(x, p, out)")
        for keyword, choices in (("const", [node.get("const")]), ("enum", node.get("enum"))):
            if keyword not in node:
                continue
            rule = "must be one of " + ", ".join(str(choice) for choice in choices)
            strings = frozenset(choice for choice in choices if isinstance(choice, str))
            add(f"    if not _in(x, {self.constant(tuple(choices))}, {self.constant(strings)}):")
            add(f"        out.append((p, {rule!r}))")
        if "pattern" in node:
            add(f"    if isinstance(x, str) and not _search({node['pattern']!r}, x):")
            add("        out.append((p, 'is not in the expected format'))")
        for keyword, kind, test, rule in (
                ("minLength", "str", "len(x) < {}", "must not be empty"), ("maxLength", "str", "len(x) > {}", "is too long"),
                ("minItems", "list", "len(x) < {}", "must not be empty"), ("maxItems", "list", "len(x) > {}", "is too long"),
                ("minimum", None, "x < {}", "breaks the minimum rule"), ("maximum", None, "x > {}", "breaks the maximum rule"),
                ("exclusiveMinimum", None, "x <= {}", "breaks the exclusiveMinimum rule")):
            if keyword in node:
                guard = f"isinstance(x, {kind})" if kind else "_is_number(x)"
                add(f"    if {guard} and {test.format(repr(node[keyword]))}:")
                add(f"        out.append((p, {rule!r}))")
        if node.get("uniqueItems"):
            add("    if isinstance(x, list) and not _unique(x):")
            add("        out.append((p, 'has duplicate entries'))")
        if "items" in node:
            add("    if isinstance(x, list):")
            add("        for index, item in enumerate(x):")
            add(f"            {sub(node['items'])}(item, p + (index,), out)")
        if any(keyword in node for keyword in OBJECT_KEYWORDS):
            self.object_checks(node, add, sub)
        for child in node.get("allOf", []):
            add(f"    {sub(child)}(x, p, out)")
        if "anyOf" in node:
            names = ", ".join(sub(child) for child in node["anyOf"])
            add("    found = []")
            add(f"    for check in ({names},):")
            add("        errors = []")
            add("        check(x, p, errors)")
            add("        if not errors:")
            add("            break")
            add("        found += errors")
            add("    else:")
            add("        out += found")
        if "oneOf" in node:
            names = ", ".join(sub(child) for child in node["oneOf"])
            add(f"    checks = ({names},)")
            add("    found = []")
            add("    for index, check in enumerate(checks):")
            add("        errors = []")
            add("        check(x, p, errors)")
            add("        if not errors:")
            add("            for other in checks[index + 1:]:")
            add("                errors = []")
            add("                other(x, p, errors)")
            add("                if not errors:")
            add("                    out.append((p, 'breaks the oneOf rule'))")
            add("                    break")
            add("            break")
            add("        found += errors")
            add("    else:")
            add("        out += found")
        if "not" in node:
            add("    errors = []")
            add(f"    {sub(node['not'])}(x, p, errors)")
            add("    if not errors:")
            add(f"        out.append((p, {NOT_RULE!r}))")
        if "if" in node and ("then" in node or "else" in node):
            add("    errors = []")
            add(f"    {sub(node['if'])}(x, p, errors)")
            add("    if not errors:")
            add(f"        {sub(node['then']) if 'then' in node else '_ok'}(x, p, out)")
            if "else" in node:
                add("    else:")
                add(f"        {sub(node['else'])}(x, p, out)")
        if len(lines) == 1:
            add("    pass")
        return "\n".join(lines) + "\n"

    def object_checks(self, node: dict[str, Any], add: Any, sub: Any) -> None:
        add("    if isinstance(x, dict):")
        properties = node.get("properties", {})
        for key, child in properties.items():
            if child is True or child == {}:
                continue
            add(f"        if {key!r} in x:")
            add(f"            {sub(child)}(x[{key!r}], p + ({key!r},), out)")
        if "additionalProperties" in node:
            extra = node["additionalProperties"]
            known = self.constant(frozenset(properties))
            if extra is False:
                add("        for key in x:")
                add(f"            if key not in {known}:")
                add("                out.append((p, 'has fields this format does not allow'))")
                add("                break")
            elif extra is not True:
                add("        for key in x:")
                add(f"            if key not in {known}:")
                add(f"                {sub(extra)}(x[key], p + (key,), out)")
        if "required" in node:
            add(f"        missing = [name for name in {tuple(node['required'])!r} if name not in x]")
            add("        if missing:")
            add("            out.append((p, 'missing required field ' + ', '.join(missing)))")
        if "minProperties" in node:
            add(f"        if len(x) < {node['minProperties']!r}:")
            add("            out.append((p, 'must not be empty'))")
        for key, needed in node.get("dependentRequired", {}).items():
            add(f"        if {key!r} in x:")
            add(f"            for name in {tuple(needed)!r}:")
            add("                if name not in x:")
            add("                    out.append((p, 'breaks the dependentRequired rule'))")
        if "propertyNames" in node:
            add("        for key in x:")
            add(f"            {sub(node['propertyNames'])}(key, p, out)")


def source(folder: Path = FOLDER) -> str:
    """The text of validators.py for the schemas in ``folder``."""
    compiler = Compiler()
    roots: dict[str, str] = {}
    table: dict[tuple[str, str], str] = {}
    schemas = {name: load(name, folder) for name in NAMES}
    for name, schema in schemas.items():
        defs = schema.get("$defs", {})
        roots[name] = compiler.node(schema, name, defs, {})
        for definition in defs:
            table[(name, definition)] = compiler.definition(name, defs, definition, {})
    case_defs = schemas["case"]["$defs"]
    frame_event = {key: value for key, value in case_defs[FRAME_EVENT].items() if key != "allOf"}
    for definition, node in case_defs.items():
        if definition != FRAME_EVENT and f'"#/$defs/{FRAME_EVENT}"' in json.dumps(node):
            raise ValueError(f"case: $defs/{definition} refers to the event; the frame cannot share it")
    frame = compiler.node(schemas["case"], "case", case_defs, {FRAME_EVENT: frame_event})
    data = {rule["if"]["properties"]["type"]["const"]: rule["then"]["properties"]["data"]["$ref"].removeprefix("#/$defs/")
            for rule in case_defs[FRAME_EVENT]["allOf"]}
    parts = [RUNTIME]
    parts += [f"{name} = {text}\n" for text, name in compiler.constants.items()]
    parts.append("\n")
    parts += [text + "\n" for text in compiler.functions]
    parts.append("# Each schema's root, by schema name.\nROOTS = {\n")
    parts += [f"    {name!r}: {function},\n" for name, function in roots.items()]
    parts.append("}\n\n# Each schema's $defs entries, by (schema name, definition).\nDEFINITIONS = {\n")
    parts += [f"    {key!r}: {function},\n" for key, function in table.items()]
    parts.append("}\n\n# The case document without each event's data rules, and each event type's data rules.\n")
    parts.append(f"CASE_FRAME = {frame}\nCASE_EVENT_DATA = {{\n")
    parts += [f"    {kind!r}: {table[('case', definition)]},\n" for kind, definition in data.items()]
    parts.append("}\n")
    return "".join(parts)
