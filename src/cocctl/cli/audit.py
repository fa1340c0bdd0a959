"""Commands that guard and read the audit trail: validate, log, verify, setup, textconv, hooks."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from cocctl.cli.base import app, command_group, session

hooks_app = command_group("hooks", "Install git hooks in this clone.")


@app.command()
def validate(
    ctx: typer.Context,
    paths: List[Path] = typer.Argument(None, help="Check only these files or folders (default: the whole archive)."),
    deep: bool = typer.Option(False, "--deep", help="Also decrypt every case your key opens and check its log."),
    staged: bool = typer.Option(False, "--staged", help="Check the files staged for the next commit (as a hook does)."),
    form: str = typer.Option("text", "--format", help="text, or github for GitHub Actions annotations."),
    pushed: bool = typer.Option(False, "--pushed", help="Check what a push adds, from the lines git gives a "
                                "pre-push hook on stdin (the pre-push guard)."),
) -> None:
    """Check the archive without a key: only files cocctl writes, in its exact form; no plaintext; commit messages.

    Prints one problem per line (file: problem) and exits 1 when anything
    fails. Outside an archive, checks just the files given (for example
    'cocctl validate cases/' in a template repository).
    """
    import sys

    from cocctl.errors import UsageError
    from cocctl.render import audit as out
    from cocctl.service import validate as service

    if form not in ("text", "github"):
        raise UsageError(f"unknown --format {form!r}; use text or github")
    if pushed:
        if paths or staged or deep:
            raise UsageError("--pushed checks what git pushes; it takes no files, --staged or --deep")
        if sys.stdin.isatty():
            raise UsageError("--pushed reads the lines git gives a pre-push hook on stdin; "
                             "'cocctl setup' installs the hook that runs it")
        updates = [(parts[1], parts[3]) for parts in (line.split() for line in sys.stdin) if len(parts) == 4]
        report = service.validate_push(session(ctx), updates)
        out.problems(report.problems, form)
        if not report.ok:
            from cocctl import render

            render.error("refusing to push what the guard rejects; remove it from the commits to push "
                         "(for example with 'git rebase -i') and push again")
            raise typer.Exit(1)
        return
    report = service.validate(session(ctx), paths or (), staged=staged, deep=deep)
    out.problems(report.problems, form)
    out.validate_summary(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def log(
    ctx: typer.Context,
    case: Optional[str] = typer.Argument(None, help="Only this case's commits."),
    since: Optional[str] = typer.Option(None, "--since", help="Only commits after this date (ISO 8601)."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who did what to which case and when, from git; with your key, the events each commit added."""
    from cocctl import render
    from cocctl.render import audit as out
    from cocctl.service import history

    entries = history.log(session(ctx), case, since)
    render.emit_json(entries) if json else out.log_entries(entries)


@app.command()
def verify(
    ctx: typer.Context,
    known: Optional[str] = typer.Option(
        None, "--known", help="A commit verified before (CI: the previous push): only the commits after it are "
        "checked. It must still be in the history, or history was rewritten."
    ),
    full: bool = typer.Option(False, "--full", help="Check the whole history again, not only what is new since "
                              "the last verify."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the offences (the pre-push guard)."),
    new: bool = typer.Option(False, "--new", help="Report only commits the remotes do not have yet (what a push adds)."),
) -> None:
    """Prove the history is the committee's: signed roster changes and seals, logs that only grow, cocctl's commits.

    Needs no key. Names each offending commit and exits 1 when anything fails.
    A clean verify is remembered in this clone (.git/cocctl/verified), so the
    next one checks only the commits made since; --full checks everything.
    """
    from cocctl import render
    from cocctl.render import audit as out
    from cocctl.render import progress
    from cocctl.service import verification

    with progress.reporter("verify", show=not (json or quiet)) as report:
        result = verification.verify(session(ctx), known, exclude=("--remotes",) if new else (), full=full,
                                     progress=report)
    if json:
        render.emit_json(result)
    elif not quiet or result.problems:
        out.verify_result(result)
    if result.problems:
        raise typer.Exit(1)


@app.command()
def setup(ctx: typer.Context) -> None:
    """Register cocctl's git drivers in this clone (decrypted diffs, key-less merges) and the pre-push guard."""
    from cocctl import render
    from cocctl.service import setup as service

    entries = service.setup(session(ctx))
    for key, value in entries.items():
        render.info(f"set {key} = {value}")


@app.command(hidden=True)
def textconv(ctx: typer.Context, file: Path = typer.Argument(..., help="A version of a case file, from git.")) -> None:
    """git's textconv driver: print the decrypted case as canonical YAML, or a one-line marker."""
    import sys

    from cocctl.service import history

    sys.stdout.write(history.textconv(session(ctx), file))


@hooks_app.command("install")
def hooks_install(
    ctx: typer.Context,
    force: bool = typer.Option(False, "--force", help="Replace a different existing pre-commit hook."),
) -> None:
    """Add a git pre-commit hook running 'cocctl validate --staged' (key-less) before each commit."""
    from cocctl import render
    from cocctl.service import setup as service

    path, replaced = service.install_hook(session(ctx), force)
    if replaced is None:
        render.info(f"the cocctl pre-commit hook is already installed at {path}")
    else:
        render.info(f"installed the cocctl pre-commit hook at {path}" + (" (replaced the old one)" if replaced else ""))
