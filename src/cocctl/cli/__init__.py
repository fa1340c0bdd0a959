"""cocctl's command line: parse, call one service function, render.

Each module below registers its commands on the Typer app (``cli/base.py``)
when imported. A run imports only the module(s) of the command it names, and
the app it runs holds only that command, so Typer builds only it (building
all ~70 costs ~20 ms of every run); ``--help``, no command, or a name not
listed here loads them all. ``from cocctl.cli import app`` is the whole
command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Any

# Every module that registers commands, in the order of ``cocctl --help``.
MODULES = ("keys", "archive", "cases", "demo", "evidence", "search", "followup", "merge", "governance", "people",
           "audit", "sync", "transparency")
# The module(s) registering each top-level command or group (tests/test_startup.py checks it is complete).
COMMANDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("keygen", "whoami", "unlock", "lock"), ("keys",)),
    **dict.fromkeys(("init", "rekey", "reencrypt", "upgrade"), ("archive",)),
    **dict.fromkeys(("member", "roster"), ("archive", "followup")),
    **dict.fromkeys(("open", "list", "show", "amend", "edit", "assign", "close", "reopen"), ("cases",)),
    "demo": ("demo",),
    **dict.fromkeys(("attach", "attachment", "export", "retention", "expunge"), ("evidence",)),
    "search": ("search",),
    **dict.fromkeys(("due", "draft", "reporter-involvement", "law-enforcement", "consulted", "content", "conversation",
                     "rotation", "searching"), ("followup",)),
    "merge-driver": ("merge",),
    **dict.fromkeys(("recuse", "grant", "revoke", "propose", "vote", "decide", "interim", "confirm", "lift",
                     "plan-response", "policy"), ("governance",)),
    **dict.fromkeys(("person", "sanctions", "appeal", "decide-appeal", "escrow"), ("people",)),
    **dict.fromkeys(("validate", "log", "verify", "setup", "textconv", "hooks"), ("audit",)),
    **dict.fromkeys(("clone", "sync"), ("sync",)),
    **dict.fromkeys(("report", "stats"), ("transparency",)),
}
# Global options that take a value (see base.py's callback).
_VALUED = ("--archive", "-C", "--identity", "-i")
# Every registered top-level command, while a run's app holds only its own.
_SET_ASIDE: list[Any] = []


def command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` (the arguments after ``cocctl``) names, or None when it names none (or is unclear)."""
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif arg.startswith(("--archive=", "--identity=")) or (arg[:2] in ("-C", "-i") and len(arg) > 2):
            continue
        else:
            return None if arg.startswith("-") else arg
    return None


def load(argv: Sequence[str] | None = None) -> Any:
    """The Typer app with the commands ``argv`` needs (None: all of them).

    With ``argv``, a top-level command's app holds that command alone: the
    process runs that one command (``main``). A later ``load()`` puts the
    others back.
    """
    command = command_of(argv) if argv is not None else None
    for module in COMMANDS.get(command, MODULES) if command else MODULES:
        import_module(f"cocctl.cli.{module}")
    from cocctl.cli.base import app

    registered = app.registered_commands
    if _SET_ASIDE:
        registered[:] = _SET_ASIDE + [info for info in registered if info not in _SET_ASIDE]
        _SET_ASIDE.clear()
    mine = [info for info in registered if _name(info) == command]
    if mine:
        _SET_ASIDE.extend(registered)
        registered[:] = mine
    return app


def _name(info: Any) -> str:
    """A registered command's name, as Typer derives it."""
    return info.name or info.callback.__name__.lower().replace("_", "-")


def __getattr__(name: str) -> Any:
    if name == "app":
        return load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
