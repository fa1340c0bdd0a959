"""Commands on cases: open, list, show, amend, edit, assign, close, reopen."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from cocctl.cli.base import app, session

KIND_HELP = "complaint, concern, anonymous or escrow"
CHANNEL_HELP = "email, dm, in-person, public-channel or proactive"
SEVERITY_HELP = "low, medium, high or critical"


@app.command("open")
def open_(
    ctx: typer.Context,
    summary: Optional[str] = typer.Option(None, "--summary", help="What happened."),
    area: Optional[str] = typer.Option(None, "--area", help="Which part of the Code of Conduct it concerns."),
    reported: List[str] = typer.Option([], "--reported", help="A person reported (repeatable)."),
    reporter: Optional[str] = typer.Option(None, "--reporter", help="Who reported (never for anonymous reports)."),
    reporter_contact: Optional[str] = typer.Option(None, "--reporter-contact", help="How to reach the reporter."),
    witness: List[str] = typer.Option([], "--witness", help="A witness (repeatable)."),
    evidence: List[str] = typer.Option([], "--evidence", help="Supporting material: link, file, screenshot (repeatable)."),
    privacy: Optional[str] = typer.Option(None, "--privacy", help="The reporter's privacy concerns."),
    consent: Optional[bool] = typer.Option(
        None, "--consent/--no-consent", help="Whether details may be shared with the reported person."
    ),
    kind: Optional[str] = typer.Option(None, "--kind", help=KIND_HELP),
    channel: Optional[str] = typer.Option(None, "--channel", help=f"How it was received: {CHANNEL_HELP}."),
    received_at: Optional[str] = typer.Option(None, "--received-at", help="When it was received (ISO 8601; default now)."),
    severity: Optional[str] = typer.Option(None, "--severity", help=SEVERITY_HELP),
    urgent: Optional[bool] = typer.Option(None, "--urgent/--not-urgent", help="Someone is in immediate danger."),
    exclude: List[str] = typer.Option([], "--exclude", help="A member who must never see this case (repeatable)."),
    from_file: Optional[Path] = typer.Option(None, "--from-file", help="Read the report from a YAML file (or an .eml message); flags override it."),
    from_email: Optional[str] = typer.Option(
        None, "--from-email", help="Read the report from an email (.eml file, or - for standard input): subject, "
        "sender and date; its body becomes a note and its files evidence."),
    interactive: Optional[bool] = typer.Option(
        None, "--interactive/--no-interactive", help="Ask for missing fields (default: when on a terminal)."
    ),
    json: bool = typer.Option(False, "--json", help="Print the new case as JSON."),
) -> None:
    """Record a new report as an encrypted case and print its id.

    On a terminal, cocctl asks for what is missing: what happened, who is
    involved, what supports it, privacy and consent, then kind, channel, when
    it was received and severity. Without a terminal, missing required fields
    are an error.
    """
    from cocctl import render
    from cocctl.service import cases

    report: dict[str, Any] = {}
    file_exclude: list[str] = []
    mail = None
    if from_file is not None and from_file.suffix.lower() == ".eml":
        from_email, from_file = str(from_file), None
    if from_email is not None:
        from cocctl.service import intake

        mail = intake.read_mail(from_email)
        report = dict(mail.report)
    if from_file is not None:
        report, file_exclude = cases.read_report_file(from_file)
    flags = {
        "summary": summary, "area": area, "reported": reported, "witnesses": witness, "evidence": evidence,
        "privacy": privacy, "consent": consent, "kind": kind, "channel": channel, "received_at": received_at,
        "severity": severity, "urgent": urgent,
        "reporter": {k: v for k, v in (("name", reporter), ("contact", reporter_contact)) if v} or None,
    }
    report.update({name: value for name, value in flags.items() if value not in (None, [], {})})
    if interactive if interactive is not None else sys.stdin.isatty() and from_email != "-":
        _ask_missing(report, given=set(report))
    if mail is not None:
        done = intake.open_from_mail(session(ctx), mail, report, [*file_exclude, *exclude])
        change = done.opened
        for item in done.attached.attachments:
            render.info(f"attached {item.name} as #{item.number} ({render.size(item.size)}, {item.media_type})")
    else:
        change = cases.open_case(session(ctx), report, [*file_exclude, *exclude])
    if json:
        render.emit_json({"case": change.case, "commit": change.commit, "state": change.state})
    else:
        render.line(change.case)
    for message in change.related:
        render.info(f"note: {message}")


def _ask_missing(report: dict[str, Any], given: set[str]) -> None:
    """Ask, in the seeds' order, for every report field not given."""

    def ask(name: str, question: str, default: str = "") -> None:
        if name not in given:
            answer = typer.prompt(question, default=default, show_default=bool(default)).strip()
            if answer:
                report[name] = answer

    def ask_list(name: str, question: str) -> None:
        if name not in given:
            answer = typer.prompt(question + " (comma-separated, blank for none)", default="", show_default=False)
            report[name] = [item.strip() for item in answer.split(",") if item.strip()]

    ask("summary", "What happened?")
    ask("area", "Which part of the Code of Conduct does it concern? (blank if unsure)")
    ask_list("reported", "Who is involved (the people reported)?")
    ask_list("witnesses", "Who witnessed it?")
    ask_list("evidence", "What material supports it (links, screenshots, logs)?")
    ask("privacy", "Any privacy concerns? (blank for none)")
    if "consent" not in given:
        report["consent"] = typer.confirm("Does the reporter consent to details being shared with the reported person?")
    ask("kind", f"Kind of report ({KIND_HELP})", "complaint")
    if report.get("kind") != "anonymous" and "reporter" not in given:
        name = typer.prompt("Reporter's name (blank to leave out)", default="", show_default=False).strip()
        contact = typer.prompt("Reporter's contact (blank to leave out)", default="", show_default=False).strip()
        if name or contact:
            report["reporter"] = {k: v for k, v in (("name", name), ("contact", contact)) if v}
    ask("channel", f"How was it received ({CHANNEL_HELP})", "email")
    ask("received_at", "When was it received (ISO 8601, blank for now)")
    ask("severity", f"Severity ({SEVERITY_HELP})", "medium")
    if "urgent" not in given:
        report["urgent"] = typer.confirm("Is anyone in immediate danger?")


@app.command("list")
def list_(
    ctx: typer.Context,
    status: List[str] = typer.Option([], "--status", help="Only cases with this status (repeatable): open, escrowed, closed."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List cases from their plaintext metadata (no key needed)."""
    from cocctl import render
    from cocctl.render import progress
    from cocctl.service import cases

    with progress.reporter("list", show=not json) as report:
        rows = cases.list_cases(session(ctx), status or None, report)
    render.emit_json(rows) if json else render.case_rows(rows)


@app.command()
def show(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    json: bool = typer.Option(False, "--json", help="Print the state and timeline as JSON."),
    raw: bool = typer.Option(False, "--raw", help="Print the decrypted case document (YAML)."),
) -> None:
    """Decrypt a case and show its state and timeline."""
    from cocctl import render
    from cocctl.service import cases

    if json and raw:
        raise typer.BadParameter("choose one of --json and --raw")
    if raw:
        sys.stdout.write(cases.raw_case(session(ctx), case))
        return
    state = cases.show_case(session(ctx), case)
    render.emit_json(state) if json else render.case(state)


@app.command()
def amend(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    note: List[str] = typer.Option([], "--note", help="Add a note (repeatable)."),
    evidence: List[str] = typer.Option([], "--evidence", help="Add supporting material (repeatable)."),
    witness: List[str] = typer.Option([], "--witness", help="Add a witness (repeatable)."),
    reported: List[str] = typer.Option([], "--reported", help="Add a reported person (repeatable)."),
    contact: List[str] = typer.Option(
        [], "--contact", help="Record a conversation: 'WHO: what was said' (repeatable)."
    ),
    summary: Optional[str] = typer.Option(None, "--summary", help="Replace the summary."),
    area: Optional[str] = typer.Option(None, "--area", help="Set the Code of Conduct area."),
    severity: Optional[str] = typer.Option(None, "--severity", help=SEVERITY_HELP),
    kind: Optional[str] = typer.Option(None, "--kind", help=KIND_HELP),
    channel: Optional[str] = typer.Option(None, "--channel", help=CHANNEL_HELP),
    privacy: Optional[str] = typer.Option(None, "--privacy", help="Set the privacy concerns."),
    consent: Optional[bool] = typer.Option(None, "--consent/--no-consent", help="Change the reporter's consent."),
    urgent: Optional[bool] = typer.Option(None, "--urgent/--not-urgent", help="Change urgency."),
    from_email: Optional[str] = typer.Option(
        None, "--from-email", help="Add a follow-up email (.eml, or - for standard input): its body as a note, "
        "the message and its files as evidence."),
) -> None:
    """Add notes, evidence, witnesses, contacts, changed fields or a follow-up email to a case (one commit each)."""
    from cocctl import render
    from cocctl.errors import UsageError
    from cocctl.service import cases

    contacts = []
    for item in contact:
        who, _, text = item.partition(":")
        if not text.strip() or not who.strip():
            raise UsageError("use --contact 'WHO: what was said', e.g. --contact 'reporter: agreed to a call'")
        contacts.append((who.strip(), text.strip()))
    fields = {"summary": summary, "area": area, "severity": severity, "kind": kind, "channel": channel,
              "privacy": privacy, "consent": consent, "urgent": urgent}
    if from_email is not None:
        from cocctl.service import intake

        mail = intake.read_mail(from_email)
        if not (note or evidence or contacts or witness or reported or any(v is not None for v in fields.values())):
            _changed(render, intake.attach_mail(session(ctx), case, mail), "amended")
            return
    change = cases.amend_case(
        session(ctx), case, notes=note, evidence=evidence, contacts=contacts,
        set_fields=fields, add={"witnesses": witness, "reported": reported},
    )
    _changed(render, change, "amended")
    if from_email is not None:
        _changed(render, intake.attach_mail(session(ctx), case, mail), "amended")


@app.command()
def edit(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    resume: bool = typer.Option(False, "--resume", help="Reopen the edit an earlier invalid attempt kept."),
) -> None:
    """Edit a case's report in $EDITOR; the difference is recorded as an 'amended' event.

    An edit that cannot be recorded is kept in a private folder (under
    $XDG_RUNTIME_DIR, else $XDG_CACHE_HOME/cocctl/edits); --resume picks it
    up again and removes it.
    """
    from cocctl import render
    from cocctl.cli import editor
    from cocctl.errors import NotFound, UsageError
    from cocctl.service import cases

    current = session(ctx)
    resumed = None
    if resume:
        buffers = editor.kept(f"{case}.yaml")
        if not buffers:
            raise NotFound(f"no kept edit of case {case}; start one with 'cocctl edit {case}'")
        resumed = buffers[0]
        text = resumed.read_text(encoding="utf-8")
        for older in buffers[1:]:
            render.info(f"an older kept edit of case {case} stays in {older}")
    else:
        text = cases.edit_text(current, case)
    with editor.private_file(f"{case}.yaml", text) as path:
        if resumed is not None:
            editor.discard(resumed)  # its text lives in the new buffer now
        while True:
            editor.run(path)
            try:
                change = cases.apply_edit(current, case, path.read_text(encoding="utf-8"))
                break
            except UsageError as error:
                render.error(str(error))
                if not sys.stdin.isatty() or not typer.confirm("reopen the editor?", default=True):
                    editor.keep(path)
                    raise UsageError(f"case {case} was not changed; your edit is kept in {path} "
                                     f"('cocctl edit --resume {case}' reopens it)") from None
    _changed(render, change, "edited")


@app.command()
def assign(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    primary: str = typer.Option(..., "--primary", help="The primary owner (handle)."),
    secondary: Optional[str] = typer.Option(None, "--secondary", help="The secondary owner (handle)."),
) -> None:
    """Make members the primary (and secondary) owners of a case."""
    from cocctl import render
    from cocctl.service import cases

    _changed(render, cases.assign_case(session(ctx), case, primary, secondary), "assigned")


@app.command()
def close(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    resolution: str = typer.Option(..., "--resolution", help="How the case was resolved (confidential)."),
    public_summary: Optional[str] = typer.Option(
        None, "--public-summary", help="A generalized description fit for a transparency report."
    ),
    out_of_scope: bool = typer.Option(
        False, "--out-of-scope", help="The report is outside the Code of Conduct's scope (counted as such in reports)."),
) -> None:
    """Close a case with its resolution."""
    from cocctl import render
    from cocctl.service import cases

    _changed(render, cases.close_case(session(ctx), case, resolution, public_summary, out_of_scope), "closed")


@app.command()
def reopen(
    ctx: typer.Context,
    case: str = typer.Argument(..., help="The case id."),
    reason: str = typer.Option(..., "--reason", help="Why the case is reopened."),
) -> None:
    """Reopen a closed case."""
    from cocctl import render
    from cocctl.service import cases

    _changed(render, cases.reopen_case(session(ctx), case, reason), "reopened")


def _changed(render: Any, change: Any, verb: str) -> None:
    if change.commit:
        render.info(f"{verb} case {change.case} (commit {change.commit[:10]})")
    else:
        render.info(f"case {change.case} already says that; nothing changed")
    for message in getattr(change, "related", ()):
        render.info(f"note: {message}")
