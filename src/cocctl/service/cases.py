"""Actions on cases: open, list, show, amend, edit, assign, close, reopen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocctl.archive import validation, yamlio
from cocctl.archive.ids import new_case_id
from cocctl.clock import format_time, parse_time
from cocctl.errors import ConflictError, UsageError
from cocctl.model import events as ev
from cocctl.model.state import CLOSED, CaseState
from cocctl.policy import disclosure
from cocctl.policy.sanctions import pending_interim
from cocctl.service.bulk import Progress, envelope_rows
from cocctl.service.document import document
from cocctl.service.workspace import CaseChange, Session, Workspace
from cocctl.text import require_single_line, require_text

REQUIRED_REPORT_FIELDS = ("summary", "kind", "channel", "severity")
REPORT_FIELDS = (*ev.SCALAR_FIELDS, *ev.LIST_FIELDS)
# Report fields meant to span lines; every other one is shown on one line.
MULTI_LINE_FIELDS = ("summary", "privacy")


@dataclass(frozen=True)
class CaseRow:
    """One line of ``cocctl list``: envelope metadata only, readable without a key."""

    case: str
    status: str
    opened: str
    updated: str
    readers: tuple[str, ...]
    readable: bool | None


@dataclass(frozen=True)
class ReportChange(CaseChange):
    """A change to a report, with the other cases that name a person it reports."""

    related: tuple[str, ...] = ()


def missing_report_fields(report: dict[str, Any]) -> list[str]:
    """The required report fields ``report`` lacks (what ``open`` must ask for)."""
    return [name for name in REQUIRED_REPORT_FIELDS if report.get(name) in (None, "", [])]


def open_case(session: Session, report: dict[str, Any], exclude: list[str]) -> CaseChange:
    """Record a new report as a case, encrypted only to those allowed to read it.

    Args:
        report: report fields (see ``REPORT_FIELDS``); ``received_at`` defaults to now.
        exclude: member handles who must never see this case.

    Raises:
        UsageError: required fields missing, invalid values, an anonymous
            report with reporter details, or an exclusion that makes no sense.
    """
    work = Workspace(session)
    report = _clean_report(report)
    missing = missing_report_fields(report)
    if missing:
        raise UsageError(f"missing report fields: {', '.join(missing)}; pass them as flags or --from-file")
    if report["kind"] == "anonymous" and report.get("reporter"):
        raise UsageError("an anonymous report keeps no reporter identity or contact; drop --reporter/--reporter-contact")
    exclusions = sorted(set(exclude))
    for handle in exclusions:
        work.require_member(handle)
    if work.me.handle in exclusions:
        raise UsageError("you cannot exclude yourself from a report you take; ask another member to take it")
    report.setdefault("received_at", format_time(work.now))
    with work.archive.locked():
        case_id = new_case_id(work.now.year, work.archive.has_case)
        data = {"case": case_id, **report}
        if exclusions:
            data["exclude"] = exclusions
        check_event_data(ev.OPENED, data)
        events = work.new_events([], [(ev.OPENED, data)])
        state, commit = work.commit_case(None, events, "open", f"Open case {case_id}")
    related = _related(work, state)
    if work.policy.owners.primary:
        # CHAOSS: whoever takes the report makes sure it gets owners.
        related += (f"case {case_id} has no owner yet; the policy wants a primary and a secondary owner "
                    "('cocctl assign')",)
    return ReportChange(case_id, state, commit, tuple(events), related=related)


def read_report_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Read a report from a YAML file: report fields plus an optional ``exclude`` list.

    Raises:
        UsageError: unreadable, not YAML, not a mapping, or unknown fields.
    """
    try:
        raw = yamlio.loads(path.read_bytes())
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    except yamlio.YAMLSyntaxError as error:
        raise UsageError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise UsageError(f"{path} must be a YAML mapping of report fields")
    exclude = raw.pop("exclude", None) or []
    if not isinstance(exclude, list):
        raise UsageError(f"{path}: exclude must be a list of member handles")
    unknown = sorted(set(map(str, raw)) - set(REPORT_FIELDS))
    if unknown:
        raise UsageError(f"{path} has unknown fields: {', '.join(unknown)}")
    return raw, [str(handle) for handle in exclude]


def list_cases(session: Session, statuses: list[str] | None = None, progress: Progress | None = None) -> list[CaseRow]:
    """List cases from their envelopes alone; no key is needed (``progress``: how a cold summary cache fills).

    When an identity is available, each row says whether I can read the case.
    """
    work = Workspace(session)
    try:
        me: str | None = work.me.handle
    except Exception:  # no identity, or not a member: the list is still useful
        me = None
    rows = []
    for case_id, envelope in envelope_rows(work, progress):
        if statuses and envelope.status not in statuses:
            continue
        readable = None if me is None else me in envelope.readers
        rows.append(CaseRow(case_id, envelope.status, envelope.opened, envelope.updated, envelope.readers, readable))
    return rows


def show_case(session: Session, case_id: str) -> CaseState:
    """Decrypt one case and return its state (with its full timeline)."""
    return Workspace(session).load_case(case_id).state


def raw_case(session: Session, case_id: str) -> str:
    """Return the decrypted case document as canonical YAML."""
    return yamlio.dumps(document(Workspace(session).load_case(case_id).state))


def amend_case(
    session: Session,
    case_id: str,
    *,
    notes: list[str] = (),  # type: ignore[assignment]
    evidence: list[str] = (),  # type: ignore[assignment]
    contacts: list[tuple[str, str]] = (),  # type: ignore[assignment]
    set_fields: dict[str, Any] | None = None,
    add: dict[str, list[str]] | None = None,
) -> CaseChange:
    """Add notes, evidence, contact records and report changes to a case.

    Values equal to what the case already holds are dropped; when nothing is
    left, no commit is made.

    Raises:
        UsageError: nothing to amend, or invalid values.
    """
    set_fields = _clean_report(set_fields or {})
    add = {name: list(values) for name, values in (add or {}).items() if values}
    if not (notes or evidence or contacts or set_fields or add):
        raise UsageError("nothing to amend; pass --note, --evidence, --contact, --witness, --reported or a field")

    for text in notes:
        require_text(text, "--note")
    for item in evidence:
        require_single_line(item, "--evidence")
    for who, text in contacts:
        require_single_line(who, "--contact's WHO")
        require_text(text, "--contact's text")

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        changes: list[tuple[str, dict[str, Any]]] = [(ev.NOTE, {"text": text}) for text in notes]
        changes += [(ev.EVIDENCE, {"description": item}) for item in evidence if item not in state.evidence]
        changes += [(ev.CONTACT, {"with": who, "text": text}) for who, text in contacts]
        amended = _report_diff(state, {**state.report, **set_fields}, add)
        if amended:
            changes.append((ev.AMENDED, amended))
        for kind, data in changes:
            check_event_data(kind, data)
        return changes

    work = Workspace(session)
    change = work.change_case(case_id, "amend", f"Amend case {case_id}", make)
    if change.commit and add.get("reported"):
        change = ReportChange(**vars(change), related=_related(work, change.state))
    return change


def _related(work: Workspace, state: CaseState) -> tuple[str, ...]:
    """Other cases naming a person ``state`` reports (escrowed or earlier ones)."""
    from cocctl.service.people import related

    return tuple(related(work, state))


EDIT_HEADER = """\
# Case {case}: edit the report below, save and quit to record the change.
# The change is recorded as an 'amended' event; nothing in the log is lost.
# Lines starting with '#' are ignored. An empty file aborts.
"""


def edit_text(session: Session, case_id: str) -> str:
    """Return the editable report of a case as YAML, with an explaining header."""
    state = Workspace(session).load_case(case_id).state
    report = {name: value for name, value in state.report.items() if value is not None}
    return EDIT_HEADER.format(case=case_id) + yamlio.dumps(report)


def apply_edit(session: Session, case_id: str, text: str) -> CaseChange:
    """Record the edited report ``text`` as an ``amended`` event.

    Raises:
        UsageError: the text is not YAML, has unknown fields, or breaks the
            case schema; the message gives the location, never the content.
    """
    try:
        edited = yamlio.loads(text)
    except yamlio.YAMLSyntaxError as error:
        raise UsageError(f"the edited case is not valid YAML: {error}") from None
    if edited is None:
        raise UsageError("the edited file is empty; nothing was changed")
    if not isinstance(edited, dict):
        raise UsageError("the edited case must be a mapping of report fields")
    unknown = sorted(set(edited) - set(REPORT_FIELDS))
    if unknown:
        raise UsageError(f"unknown fields in the edited case: {', '.join(map(str, unknown))}")
    _check_report_text(edited)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        wanted = {**{name: None for name in REPORT_FIELDS}, **edited}
        for name in REQUIRED_REPORT_FIELDS:
            if wanted.get(name) in (None, ""):
                raise UsageError(f"the edited case lacks the required field {name}")
        amended = _report_diff(state, wanted, {}, replace_lists=True)
        if not amended:
            return []
        check_event_data(ev.AMENDED, amended)
        return [(ev.AMENDED, amended)]

    return Workspace(session).change_case(case_id, "edit", f"Edit case {case_id}", make)


def assign_case(session: Session, case_id: str, primary: str, secondary: str | None) -> CaseChange:
    """Make ``primary`` (and ``secondary``) the owners of a case.

    Raises:
        UsageError: an owner is not an active member, cannot read the case,
            or both owners are the same person.
    """
    if secondary is not None and secondary == primary:
        raise UsageError("the primary and secondary owner must be different members")
    work = Workspace(session)
    if secondary is None and work.policy.owners.secondary:
        raise UsageError("this archive's policy wants a primary and a secondary owner; pass --secondary too")

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        readers = work.readers(state)
        for handle in filter(None, (primary, secondary)):
            work.require_member(handle)
            if handle not in readers:
                raise UsageError(f"{handle} cannot read case {case_id} (excluded, recused or not cleared)")
        if (state.primary, state.secondary) == (primary, secondary):
            return []
        data = {"primary": primary, **({"secondary": secondary} if secondary else {})}
        return [(ev.ASSIGNED, data)]

    return work.change_case(case_id, "assign", f"Assign case {case_id}", make)


def close_case(session: Session, case_id: str, resolution: str, public_summary: str | None,
               out_of_scope: bool = False) -> CaseChange:
    """Close a case with its resolution and, optionally, a publishable summary (``out_of_scope``: as outside the Code).

    Raises:
        ConflictError: already closed, an interim measure pending, or a summary disclosed unconsulted.
        UsageError: control characters in the resolution or summary.
    """
    require_text(resolution, "--resolution")
    require_text(public_summary or "", "--public-summary")
    work = Workspace(session)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if state.status == CLOSED:
            raise ConflictError(f"case {case_id} is already closed; 'cocctl reopen' it first")
        data: dict[str, Any] = {"resolution": resolution, "public_summary": public_summary, "out_of_scope": out_of_scope}
        data = {key: value for key, value in data.items() if value or key == "resolution"}
        if public_summary and (why := disclosure.blocked(work.policy, state)):
            raise ConflictError(why)
        pending = pending_interim(state, work.now, work.policy.zone)
        if pending and not work.policy.interim.until_resolved:
            raise ConflictError(f"case {case_id} has interim measure {pending[0].number} awaiting the committee; "
                                f"make it final ('cocctl confirm' or a vote) or 'cocctl lift' it before closing")
        if pending:  # it lasts until the case is resolved: the close ends it
            data["ends"] = [decision.id for decision in pending]
        check_event_data(ev.CLOSED, data)
        return [(ev.CLOSED, data)]

    return work.change_case(case_id, "close", f"Close case {case_id}", make)


def reopen_case(session: Session, case_id: str, reason: str) -> CaseChange:
    """Reopen a closed case, recording why.

    Raises:
        ConflictError: the case is not closed.
        UsageError: control characters in the reason.
    """
    require_text(reason, "--reason")

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if state.status != CLOSED:
            raise ConflictError(f"case {case_id} is not closed")
        check_event_data(ev.REOPENED, {"reason": reason})
        return [(ev.REOPENED, {"reason": reason})]

    return Workspace(session).change_case(case_id, "reopen", f"Reopen case {case_id}", make)


def _clean_report(report: dict[str, Any]) -> dict[str, Any]:
    """Drop unset values, normalise times, and check field names."""
    unknown = sorted(set(report) - set(REPORT_FIELDS))
    if unknown:
        raise UsageError(f"unknown report fields: {', '.join(map(str, unknown))}")
    cleaned = {name: value for name, value in report.items() if value not in (None, "", [], {})}
    for name in ev.LIST_FIELDS:
        if isinstance(cleaned.get(name), str):
            cleaned[name] = [cleaned[name]]  # one name, not a list of its letters
        if name in cleaned and (not isinstance(cleaned[name], list)
                                or not all(isinstance(item, str) for item in cleaned[name])):
            raise UsageError(f"{name} must be a name or a list of names (text), one per person or item")
    _check_report_text(cleaned)
    if "received_at" in cleaned:
        cleaned["received_at"] = format_time(parse_time(str(cleaned["received_at"]), what="received-at"))
    for name in ev.LIST_FIELDS:
        if name in cleaned:
            cleaned[name] = list(dict.fromkeys(str(item) for item in cleaned[name]))
    return cleaned


def _check_report_text(report: dict[str, Any]) -> None:
    """Refuse control characters in report fields, and line breaks outside summary and privacy."""
    for name, value in report.items():
        if isinstance(value, str):
            (require_text if name in MULTI_LINE_FIELDS else require_single_line)(value, name)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    require_single_line(item, f"an entry of {name}")
        elif isinstance(value, dict):
            for part, item in value.items():
                if isinstance(item, str):
                    require_single_line(item, f"{name} {part}")


def _report_diff(
    state: CaseState, wanted: dict[str, Any], add: dict[str, list[str]], *, replace_lists: bool = False
) -> dict[str, Any]:
    """The data of an ``amended`` event taking ``state``'s report to ``wanted``.

    A field set to nothing is left as it was: the log keeps every version,
    so nothing can be erased by an edit, only superseded.
    """
    current = state.report
    changes = {
        name: wanted[name]
        for name in ev.SCALAR_FIELDS
        if wanted.get(name) is not None and wanted[name] != current[name]
    }
    if changes.get("kind", state.kind) == "anonymous" and (changes.get("reporter") or current["reporter"]):
        raise UsageError("an anonymous report keeps no reporter identity or contact; this case has one")
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    for name in ev.LIST_FIELDS:
        have = current[name]
        target = [str(item) for item in wanted.get(name) or []] if replace_lists else have + add.get(name, [])
        added[name] = [item for item in dict.fromkeys(target) if item not in have]
        removed[name] = [item for item in have if item not in target]
    data: dict[str, Any] = {}
    if changes:
        data["set"] = changes
    if any(added.values()):
        data["add"] = {name: items for name, items in added.items() if items}
    if any(removed.values()):
        data["remove"] = {name: items for name, items in removed.items() if items}
    return data


def check_event_data(kind: str, data: dict[str, Any]) -> None:
    """Validate one event's data against the case schema before anything is written."""
    from cocctl.model.events import new_event_id

    probe = {"id": new_event_id(0), "at": "2000-01-01T00:00:00Z", "by": "system", "type": kind, "data": data}
    found = validation.problems(validation.CASE, probe, definition="event")
    if found:
        raise UsageError(f"invalid {kind} data: {found[0]}")
