"""cocctl's command line: parse, call one service function, render."""

from __future__ import annotations

from cocctl.cli import archive, cases, demo, keys  # noqa: F401  (they register commands)
from cocctl.cli import followup  # noqa: F401  (due, draft, roster check, rotation)
from cocctl.cli import transparency  # noqa: F401  (report, stats)
from cocctl.cli import audit  # noqa: F401  (validate, log, verify, setup, textconv, hooks)
from cocctl.cli import governance, people  # noqa: F401  (access, decisions, people, appeals)
from cocctl.cli.app import app


def main() -> None:
    """Entry point of the ``cocctl`` console script."""
    import os

    # Everything cocctl creates (temp files, key folders) is private to the user.
    os.umask(0o077)
    app()
