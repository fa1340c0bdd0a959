"""The Typer application, its global options, and the one place errors become exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer
from typer.core import TyperGroup

from cocctl import __version__


class _Group(TyperGroup):
    """Maps cocctl's errors to a one-line message and the error's exit code."""

    def invoke(self, ctx: Any) -> Any:
        from cocctl.errors import CocctlError

        try:
            return super().invoke(ctx)
        except CocctlError as error:
            from cocctl import render

            render.error(str(error))
            raise typer.Exit(error.exit_code) from None
        except OSError as error:
            # The last net: a file system error no command turned into its own message.
            from cocctl import render

            where = f" ({error.filename})" if error.filename else ""
            render.error(f"cannot continue: {(error.strerror or type(error).__name__).lower()}{where}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            from cocctl import render

            render.error("interrupted; nothing was written")
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=_Group,
    name="cocctl",
    help=(
        "Code of Conduct case management over an encrypted git archive.\n\n"
        "Every case is an age-encrypted YAML file readable only by the committee members allowed "
        "to see it; every action is one git commit. Set COCCTL_NOW (ISO 8601) to replace the clock."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def command_group(name: str, help: str) -> typer.Typer:
    """A group of sub-commands (``cocctl NAME ...``) whose errors become exit codes like the top level's."""
    group = typer.Typer(cls=_Group, help=help, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


member_app = command_group("member", "Manage the committee roster.")
roster_app = command_group(
    "roster", "The roster: the committee's own rules (check) and which roster this clone trusts (trust)."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cocctl {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    archive: Optional[Path] = typer.Option(
        None, "--archive", "-C", envvar="COCCTL_ARCHIVE", help="Archive folder (default: nearest ancestor with cocctl.yaml)."
    ),
    identity: Optional[Path] = typer.Option(
        None, "--identity", "-i", envvar="COCCTL_IDENTITY",
        help="Your age identity file (default: $XDG_CONFIG_HOME/cocctl/identity).",
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Global options."""
    ctx.obj = (archive, identity)
    if ctx.invoked_subcommand not in _NO_DRIVER_WARNING and not ctx.resilient_parsing:
        from cocctl.service import setup_check

        if setup_check.drivers_missing(session(ctx)):
            from cocctl import render

            render.info("warning: this clone lacks cocctl's git drivers, so concurrent edits merge as raw "
                        "conflicts; run 'cocctl setup' once")


# Commands that make or register an archive, or that git itself runs through
# the drivers, do not warn about the drivers.
_NO_DRIVER_WARNING = frozenset({"setup", "init", "clone", "keygen", "demo", "textconv", "merge-driver", None})


def session(ctx: typer.Context) -> Any:
    """The Session for the current command, from the global options."""
    from cocctl.service.workspace import Session

    root = ctx.find_root()
    archive, identity = root.obj or (None, None)
    return Session(archive=archive, identity=identity, ask_passphrase=_ask_passphrase, tell=_tell)


def _tell(message: str) -> None:
    """Show a message from a plugin (e.g. "touch your key") on stderr."""
    typer.echo(message, err=True)


ASKPASS_VARIABLE = "COCCTL_ASKPASS"


def _ask_passphrase(prompt: str) -> str:
    """Ask on the terminal; without one, run ``$COCCTL_ASKPASS PROMPT`` (as ssh runs SSH_ASKPASS)."""
    import os
    import sys

    from cocctl.errors import IdentityError

    if sys.stdin.isatty():
        return typer.prompt(prompt, hide_input=True)
    program = os.environ.get(ASKPASS_VARIABLE)
    if not program:
        raise IdentityError(
            f"your identity is passphrase-protected; run cocctl in a terminal to enter it, set {ASKPASS_VARIABLE}, "
            "or run 'cocctl unlock' first"
        )
    import subprocess

    try:
        answer = subprocess.run([program, prompt], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, check=True)
    except (OSError, subprocess.CalledProcessError):
        raise IdentityError(f"{ASKPASS_VARIABLE} ({program}) gave no passphrase") from None
    return answer.stdout.decode("utf-8", "replace").removesuffix("\n")
