"""Evidence files: attach, attachment."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cocctl.cli.base import app, session


@app.command()
def attach(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    files: List[Path] = typer.Argument(..., help="The files to attach (screenshots, logs, PDFs, videos)."),
    description: Optional[str] = typer.Option(None, "--description", help="What the files are (default: their names)."),
    json: bool = typer.Option(False, "--json", help="Print the new attachments as JSON."),
) -> None:
    """Store files as evidence of a case, encrypted to exactly its readers (one commit).

    Each file is encrypted as it is read, so a large one never sits in
    memory; the case records its name, size, SHA-256 and media type.
    'cocctl show' lists the attachments and 'cocctl attachment' reads one back.
    """
    from cocctl import render
    from cocctl.service import evidence

    change = evidence.attach(session(ctx), case, files, description)
    if json:
        render.emit_json(list(change.attachments))
        return
    for item in change.attachments:
        render.info(f"attached {item.name} as #{item.number} ({render.size(item.size)}, {item.media_type})")
    render.info(f"case {change.case} (commit {change.commit[:10] if change.commit else '-'})")


@app.command()
def attachment(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    which: str = typer.Argument(..., help="The attachment's number (as 'cocctl show' lists it) or its file name."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write it to this new file (mode 0600; never overwritten)."),
) -> None:
    """Decrypt one attachment of a case to --out or standard output, checking its SHA-256.

    Binary data is never written to a terminal: pass --out or redirect the
    output. A file whose hash differs from the one recorded is an error (and
    --out is then removed).
    """
    from cocctl import render
    from cocctl.service import evidence

    terminal = out is None and sys.stdout.isatty()
    stdout = _Terminal() if terminal else sys.stdout.buffer
    saved = evidence.save(session(ctx), case, which, out, stdout, terminal=terminal)
    stdout.flush()
    if out is not None:
        render.info(f"wrote {saved.name} ({render.size(saved.size)}, SHA-256 checked) to {out}")


class _Terminal:
    """Text on its way to a terminal: control characters written out, so the file cannot drive the terminal."""

    def __init__(self) -> None:
        import codecs

        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def write(self, data: bytes) -> None:
        from cocctl.render.safe import visible

        sys.stdout.write(visible(self.decoder.decode(data), multiline=True))

    def flush(self) -> None:
        from cocctl.render.safe import visible

        sys.stdout.write(visible(self.decoder.decode(b"", final=True), multiline=True))
        sys.stdout.flush()


@app.command("export")
def export_(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    out: Path = typer.Option(..., "--out", help="A new (or empty) folder outside the archive for the bundle."),
    reason: str = typer.Option(..., "--reason", help="Why it is handed over (recorded in the case)."),
    redact_reporter: bool = typer.Option(False, "--redact-reporter", help="Withhold the reporter's name, contact "
                                         "and the original mail."),
) -> None:
    """Write a decrypted hand-over bundle of a case: case.md, its attachments, and a manifest with hashes.

    For the reporter's request (for example to law enforcement). The folder is
    0700 and each file 0600; the case records who exported it, why, and what
    was withheld. Delete the bundle once it has been handed over.
    """
    from cocctl import render
    from cocctl.service import export

    done = export.export(session(ctx), case, out, reason, redact_reporter=redact_reporter)
    render.info(f"exported case {case} to {done.folder}: {len(done.files)} file(s); recorded in commit "
                f"{(done.change.commit or '')[:10]}; delete the folder once it has been handed over")


@app.command()
def retention(
    ctx: typer.Context,
    check: bool = typer.Option(False, "--check", help="Exit 1 when a case is past its retention date (for CI)."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List each case's retention date (from plaintext metadata; no key needed)."""
    from cocctl import render
    from cocctl.service import retention as service

    found = service.report(session(ctx))
    if json:
        render.emit_json({"now": found.now, "cases": list(found.rows), "past": list(found.past)})
    else:
        for row in found.rows:
            when = row.expunge or "kept (no date)"
            if row.held_by and row.expunge:
                when += f"  held: open case {', '.join(row.held_by)} names the same person"
            render.line(f"{row.case}  {row.status:<8}  {when}" + ("  PAST: run 'cocctl expunge'" if row.past else ""))
        if check and found.past:
            render.info(f"{len(found.past)} case(s) past their retention date: {', '.join(found.past)}")
    if check and found.past:
        raise typer.Exit(1)


@app.command()
def expunge(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation (for scripts)."),
) -> None:
    """Remove a closed case past its retention date, and its attachments, in one commit; a tombstone stays.

    The tombstone keeps only what transparency reports and strike ledgers
    count (kind, outcome class, dates, blinded tokens), never content.
    """
    from cocctl import render
    from cocctl.service import retention as service

    if not yes and not typer.confirm(f"remove case {case} and its attachments from the archive?"):
        raise typer.Abort()
    done = service.expunge(session(ctx), case)
    render.info(f"expunged case {case}: {len(done.removed)} file(s) removed (commit {done.commit[:10]})")
    render.info(f"note: {done.note}")
