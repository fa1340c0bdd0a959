"""A decrypted hand-over bundle of one case (for the reporter's request): Markdown, attachments and a manifest.

The bundle is the one place cocctl writes a case's plaintext on purpose, at
the member's request: into a new 0700 folder outside the archive, each file
0600, and the case records who exported it, why, and what was withheld.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocctl.archive import attachments
from cocctl.errors import UsageError
from cocctl.model import events as ev
from cocctl.model.state import CaseState
from cocctl.service.workspace import CaseChange, Session, Workspace
from cocctl.text import require_text

REPORTER = "[reporter]"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Exported:
    """The bundle written and the case change that records it."""

    folder: Path
    files: tuple[str, ...]
    change: CaseChange


def export(session: Session, case_id: str, out: Path, reason: str, *, redact_reporter: bool = False) -> Exported:
    """Write ``case.md``, the attachments and ``manifest.json`` into the new folder ``out``, and record it.

    Raises:
        UsageError: no reason, ``out`` inside the archive, or an existing non-empty ``out``.
    """
    work = Workspace(session)
    work.signer  # only members with a valid key record the export  # noqa: B018
    if not reason.strip():
        raise UsageError("say why the case is exported (--reason), e.g. --reason \"the reporter asked for it\"")
    require_text(reason, "--reason")
    target = out.expanduser().resolve()
    if target == work.archive.root or work.archive.root in target.parents:
        raise UsageError("export outside the archive: a decrypted bundle must never be committed; choose --out elsewhere")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{out} exists and is not an empty folder; choose a new --out folder")
    state = work.load_case(case_id).state
    written = _write(work, state, target, reason, redact_reporter)
    redactions = ["reporter"] if redact_reporter else []
    try:
        change = work.change_case(case_id, "export", f"Record an export of case {case_id}", lambda _: [
            (ev.EXPORTED, {"reason": reason, "files": len(written),
                           **({"redactions": redactions} if redactions else {})})])
    except BaseException:
        _remove(target, written)
        raise
    return Exported(target, tuple(written), change)


def _write(work: Workspace, state: CaseState, target: Path, reason: str, redact: bool) -> list[str]:
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    target.chmod(0o700)
    hide = _reporter_words(state) if redact else []
    written: list[str] = []
    manifest: list[dict[str, Any]] = []
    withheld: list[str] = []
    try:
        for item in state.attachments:
            if redact and item.media_type == "message/rfc822":
                withheld.append(f"attachment {item.number} ({item.media_type}): it names the reporter")
                continue
            name = f"attachments/{item.number}-{_safe_name(item.name)}"
            (target / "attachments").mkdir(mode=0o700, exist_ok=True)
            digest = _decrypt(work, item.path, target / name)
            written.append(name)
            if digest != item.sha256:
                raise UsageError(f"{item.path} decrypts to another file than the one attached (SHA-256 differs); "
                                 "restore it with git and run 'cocctl verify'; nothing was exported")
            manifest.append({"file": name, "sha256": digest, "size": item.size, "media_type": item.media_type,
                             "attached_at": item.at, "attached_by": item.by})
        text = _redacted(markdown(state, hide), hide)
        _put(target / "case.md", text.encode("utf-8"))
        written.append("case.md")
        manifest.insert(0, {"file": "case.md", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()})
        about = {"case": state.id, "exported_by": work.me.handle, "exported_at": _now(work), "reason": reason,
                 "redactions": ["reporter"] if redact else [], "withheld": withheld, "files": manifest}
        _put(target / MANIFEST, (json.dumps(about, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        written.append(MANIFEST)
    except BaseException:
        _remove(target, written)
        raise
    return written


def markdown(state: CaseState, hide: Sequence[str] = ()) -> str:
    """The case as readable Markdown: its report, outcome, attachments and timeline."""
    reporter = "anonymous" if state.kind == "anonymous" else "—"
    if state.reporter is not None:
        reporter = REPORTER if hide else " ".join(filter(None, (state.reporter.name, state.reporter.contact)))
    lines = [f"# Case {state.id}", "", f"- status: {state.status}", f"- kind: {state.kind} via {state.channel}",
             f"- severity: {state.severity}", f"- received: {state.received_at}",
             f"- opened: {state.opened_at} by {state.opened_by}", f"- reporter: {reporter}",
             f"- reported: {', '.join(state.reported) or '—'}", f"- witnesses: {', '.join(state.witnesses) or '—'}",
             "", "## Summary", "", state.summary, ""]
    if state.resolution:
        lines += ["## Resolution", "", state.resolution, ""]
    if state.attachments:
        lines += ["## Attachments", ""]
        lines += [f"{a.number}. {a.name} ({a.size} bytes, {a.media_type}, SHA-256 {a.sha256}): {a.description}"
                  for a in state.attachments]
        lines.append("")
    lines += ["## Timeline", ""]
    for event in state.events:
        lines.append(f"- {event.at} {event.by} {event.type}: {_describe(event.data)}")
    return "\n".join(lines) + "\n"


def _describe(data: dict[str, Any]) -> str:
    for key in ("text", "description", "resolution", "reason", "summary", "rationale", "member", "name"):
        if isinstance(data.get(key), str):
            return " ".join(data[key].split())
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _reporter_words(state: CaseState) -> list[str]:
    if state.reporter is None:
        return []
    return sorted({w for w in (state.reporter.name, state.reporter.contact) if w and len(w) > 1}, key=len, reverse=True)


def _redacted(text: str, hide: Sequence[str]) -> str:
    for word in hide:
        text = re.sub(re.escape(word), REPORTER, text, flags=re.IGNORECASE)
    return text


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.+-]+", "_", name).strip("._") or "file"
    return cleaned[:120]


def _decrypt(work: Workspace, path: str, out: Path) -> str:
    digest = hashlib.sha256()
    handle = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(work.archive.root / path, "rb") as source, os.fdopen(handle, "wb") as target:
        for chunk in attachments.opened(source, work.identities, path):
            digest.update(chunk)
            target.write(chunk)
    return digest.hexdigest()


def _put(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as target:
        target.write(data)


def _remove(target: Path, written: Sequence[str]) -> None:
    for name in (*written, *(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())):
        (target / name).unlink(missing_ok=True)
    for folder in (target / "attachments", target):
        try:
            folder.rmdir()
        except OSError:
            pass


def _now(work: Workspace) -> str:
    from cocctl.clock import format_time

    return format_time(work.now)
