"""`cocctl demo`: a guided walk through a throw-away archive."""

from __future__ import annotations

from typing import Any

import typer

from cocctl.cli.base import app


@app.command()
def demo(
    keep: bool = typer.Option(False, "--keep", help="Keep the demo folder to explore it afterwards."),
) -> None:
    """Build a throw-away archive with three members and walk one case from report to closure.

    Everything lives in a new temporary folder; your own keys and archives
    are never touched.
    """
    import shutil
    import tempfile
    from pathlib import Path

    from cocctl import render
    from cocctl.service import demo as walk

    folder = Path(tempfile.mkdtemp(prefix="cocctl-demo-"))
    out = render.console()

    def step(title: str, data: Any) -> None:
        if title == "committee":
            out.rule("the committee (committee.yaml, plaintext)")
            render.members(data)
        elif title == "opened":
            out.rule("alice opens a case; carol declared a conflict and is excluded")
            out.print(f"cocctl open ... --exclude carol  ->  {data.case}")
        elif title == "attached":
            for item in data.attachments:
                out.print(f"cocctl attach {data.case} {item.name}  ->  attachment #{item.number} ({item.media_type}), "
                          "encrypted to the case's readers only", markup=False)
        elif title == "draft":
            out.rule("cocctl draft --to reported --kind decision (the reporter's identity is kept out)")
            out.print(f"Subject: {data.subject}\n\n{data.body}", markup=False)
            out.rule("and the rest of the week")
        elif title in ("amended", "assigned", "closed", "proposed", "voted", "decided", "sent"):
            for event in data.added:
                out.print(f"{event.at}  {event.by} adds {event.type} to {data.case}: {render.describe(event)}",
                          markup=False)
        elif title == "denied":
            out.rule("carol tries to read it")
            out.print(f"cocctl: {data}", markup=False)
            out.rule("the rest of the week")
        elif title == "case":
            out.rule("cocctl show (as alice)")
            render.case(data)
        elif title == "list":
            out.rule("cocctl list")
            render.case_rows(data)
        elif title == "log":
            out.rule("git log: the audit trail (nothing confidential in it)")
            for entry in data:
                out.print(f"{entry['commit']}  {entry['date'][:16]}  {entry['actor']:<6} {entry['subject']}", markup=False)

    try:
        people = walk.run(folder, step)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    out.rule()
    if keep:
        out.print(f"the demo archive is in {folder}/archive; try:", markup=False)
        out.print(f"  cd {folder}/archive && export COCCTL_IDENTITY={people['alice'].identity}", markup=False)
        out.print("  cocctl list; cocctl show <case>; git log --stat", markup=False)
    else:
        shutil.rmtree(folder, ignore_errors=True)
        out.print("the demo folder was removed (use --keep to explore it)", markup=False)
