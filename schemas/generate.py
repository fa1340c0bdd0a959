"""Write the files generated from sources: ``python -m cocctl.schemas``.

case.schema.json is generated from case.py: its per-event-type rules are
mechanical. The other schemas are short and kept by hand; a test checks that
the definitions they share with case.py are the same. validators.py is
compiled from all the schemas (codegen.py), after case.schema.json.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cocctl.schemas import case, codegen

FOLDER = Path(__file__).parent
COMMAND = "python -m cocctl.schemas"


def render(schema: dict[str, Any]) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


# In order: validators.py is compiled from the schemas in the folder, the generated one included.
GENERATED: dict[str, Callable[[Path], str]] = {
    "case.schema.json": lambda folder: render(case.schema()),
    "validators.py": codegen.source,
}


def outdated(folder: Path = FOLDER) -> list[str]:
    """Names of the generated schemas in ``folder`` that differ from what their source gives."""
    stale = []
    for name, build in GENERATED.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != build(folder):
            stale.append(name)
    return stale


def main(argv: list[str] | None = None) -> int:
    """Regenerate the schemas (or, with ``--check``, exit 1 naming those out of date)."""
    parser = argparse.ArgumentParser(prog=COMMAND, description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a schema is out of date")
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where the schemas are (default: %(default)s)")
    args = parser.parse_args(argv)
    stale = outdated(args.folder)
    if args.check:
        for name in stale:
            print(f"{name} is out of date; run: {COMMAND}")
        return 1 if stale else 0
    for name, build in GENERATED.items():
        text = build(args.folder)
        path = args.folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 0
