"""cocctl's command line: parse, call one service function, render."""

from __future__ import annotations

from cocctl.cli import keys, archive, cases, demo  # noqa: F401,I001  (they register commands, in help order)
from cocctl.cli import evidence, search  # noqa: F401  (attach, attachment, search)
from cocctl.cli import followup  # noqa: F401  (due, draft, roster check, rotation)
from cocctl.cli import merge  # noqa: F401  (the git merge driver)
from cocctl.cli import governance, people  # noqa: F401  (access, decisions, people, appeals)
from cocctl.cli import audit  # noqa: F401  (validate, log, verify, setup, textconv, hooks)
from cocctl.cli import sync  # noqa: F401  (clone, sync)
from cocctl.cli import transparency  # noqa: F401  (report, stats)
from cocctl.cli.app import app

__all__ = ["app"]
