"""The layering of ARCHITECTURE.md stays true: the import contracts hold, every module has a layer,
no module uses another's private names, and no source file grows past ~400 lines."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cocctl"
# STYLE.md: split by concept before a file passes ~400 lines.
MAX_LINES = 400


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their ``__init__.py``)."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def test_the_import_contracts_hold():
    # import-linter's own command line, as `lint-imports` would run it; no cache is written.
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--config", str(ROOT / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_every_module_has_a_layer():
    [layers] = [contract["layers"] for contract in _contracts() if contract["type"] == "layers"]
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    top = {name for name in _modules() if name.count(".") == 1}
    assert top - layered == set(), "give each new top-level module a layer in pyproject.toml and ARCHITECTURE.md"
    assert layered - top == set()


def test_no_module_imports_another_modules_private_names():
    modules = _modules()
    found = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported_modules = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                source = node.module or ""
                if node.level:
                    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    source = f"{base}.{source}" if source else base
                if not source.startswith("cocctl"):
                    continue
                for alias in node.names:
                    if f"{source}.{alias.name}" in modules:
                        imported_modules.add(alias.asname or alias.name)
                    elif alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{name} imports {source}.{alias.name}")
            elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id in imported_modules and node.attr.startswith("_")
                  and not node.attr.startswith("__")):
                found.append(f"{name} uses {node.value.id}.{node.attr}")
    assert found == []


def test_no_source_file_is_over_the_limit():
    long = {str(path.relative_to(SRC)): count for path in SRC.rglob("*.py")
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these by concept (at most {MAX_LINES} lines each)"
