"""The audit trail: log (who did what, when), verify (history only grew), setup and hooks."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocctl import clock
from cocctl.archive import drivers, history, messages
from cocctl.archive.envelope import loads as load_envelope
from cocctl.archive.history import NULL_BLOB, Commit
from cocctl.archive.repo import CASES_DIR, Archive
from cocctl.errors import CocctlError, ConflictError, IntegrityError, UsageError
from cocctl.model.ids import is_case_id
from cocctl.service import documents
from cocctl.service.workspace import Session, Workspace

HOOK_MARKER = "# Installed by 'cocctl hooks install'"
# Where each CI system reads its workflow, by the name `init --ci` takes.
CI_FILES = {"github": ".github/workflows/cocctl.yml", "gitlab": ".gitlab-ci.yml"}


@dataclass(frozen=True)
class LogEntry:
    """One commit of the audit trail; ``events`` are those it added that my key could read."""

    commit: str
    date: str
    author: str
    actor: str | None
    action: str | None
    case: str | None
    subject: str
    signature: str
    signature_state: str
    signer: str
    files: tuple[str, ...]
    events: tuple[dict[str, Any], ...] = field(default=())
    hidden: str = ""


@dataclass(frozen=True)
class Offence:
    """Something in history that cocctl did not write or that shrank a case."""

    commit: str
    subject: str
    message: str
    file: str = ""


@dataclass(frozen=True)
class Verification:
    """What verify walked and what it found, oldest offence first."""

    commits: int
    case_commits: int
    checked: int
    unchecked: int
    signatures: dict[str, int]
    problems: tuple[Offence, ...]


class _Versions:
    """Case file versions by blob id: their envelopes and, when my key opens them, their events."""

    def __init__(self, data: dict[str, bytes], identities: list[Any] | None) -> None:
        self.data = data
        self.identities = identities
        self._events: dict[str, dict[str, dict[str, Any]] | None] = {}
        self._envelopes: dict[str, Any] = {}

    def envelope(self, blob: str) -> Any:
        """The version's envelope, or None when it is not a valid case file."""
        if blob not in self._envelopes:
            try:
                self._envelopes[blob] = load_envelope(self.data.get(blob, b""), name="case file")
            except IntegrityError:
                self._envelopes[blob] = None
        return self._envelopes[blob]

    def events(self, blob: str) -> dict[str, dict[str, Any]] | None:
        """The version's events by id, or None when I cannot decrypt it."""
        if blob not in self._events:
            envelope = self.envelope(blob)
            found = None
            if envelope is not None and self.identities:
                try:
                    found = documents.events_of(documents.decrypt(envelope, self.identities))
                except (documents.NotARecipient, IntegrityError):
                    found = None
            self._events[blob] = found
        return self._events[blob]


def _identities(work: Workspace) -> tuple[list[Any] | None, str]:
    try:
        return work.identities, ""
    except CocctlError as error:
        return None, str(error).split(";")[0]


def _case_of(path: str) -> str | None:
    """The case a path under cases/ belongs to (file or attachment), if any."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] != CASES_DIR:
        return None
    name = parts[1][: -len(".yaml")] if len(parts) == 2 and parts[1].endswith(".yaml") else parts[1]
    return name if is_case_id(name) else None


def _is_case_file(path: str) -> bool:
    return path.count("/") == 1 and _case_of(path) is not None


def log(session: Session, case: str | None = None, since: str | None = None) -> list[LogEntry]:
    """The archive's commits, newest first, with the events each added when my key reads them.

    Raises:
        UsageError: malformed case id or date.
    """
    work = Workspace(session)
    archive = work.archive
    if case is not None and not is_case_id(case):
        raise UsageError(f"{case!r} is not a case id (like 2026-amber-falcon); see 'cocctl list'")
    after = clock.format_time(clock.parse_time(since)) if since else None
    paths = [archive.case_relpath(case), f"{CASES_DIR}/{case}/"] if case else []
    commits = history.commits(archive.git, paths=paths, since=after, signatures=True)
    identities, why_not = _identities(work)
    wanted = [c for commit in commits for ch in commit.changes if _is_case_file(ch.path) for c in (ch.old, ch.new)]
    versions = _Versions(history.blobs(archive.git, wanted) if identities else {}, identities)
    entries = []
    for commit in commits:
        added: list[dict[str, Any]] = []
        hidden = ""
        for change in commit.changes:
            if not _is_case_file(change.path) or change.new == NULL_BLOB:
                continue
            if identities is None:
                hidden = f"event details hidden ({why_not})"
                continue
            new = versions.events(change.new)
            old = versions.events(change.old) if change.old != NULL_BLOB else {}
            if new is None or old is None:
                hidden = "event details hidden: you are not a recipient of this case"
                continue
            added += [event for key, event in new.items() if key not in old]
        entries.append(LogEntry(
            commit=commit.id, date=commit.date, author=commit.author, actor=commit.actor,
            action=commit.action, case=commit.case, subject=commit.subject, signature=commit.signature,
            signature_state=history.SIGNATURE_STATES.get(commit.signature, commit.signature),
            signer=commit.signer, files=tuple(change.path for change in commit.changes),
            events=tuple(added), hidden=hidden,
        ))
    return entries


def verify(session: Session, known: str | None = None) -> Verification:
    """Walk the whole history and prove it is cocctl's and that every case's log only grew.

    Without a key (or for cases my key cannot open) the envelopes are still
    compared: the case id and opening time never change and ``updated``
    never goes backwards; the count of such unchecked changes is reported.

    Args:
        known: a commit seen before (CI passes the previous push's head);
            it must still be in HEAD's history, or history was rewritten
            since. A history rebuilt from scratch is consistent in itself,
            so this (or signatures) is what catches it.
    """
    work = Workspace(session)
    archive = work.archive
    git = archive.git
    commits = history.commits(git, oldest_first=True, signatures=True)
    rewritten = _rewritten_since(git, known) if known and known.strip("0") else None
    tracked = [CASES_DIR + "/", "cocctl.yaml"]
    merges = {c.id: history.merge_changes(git, c, tracked) for c in commits if c.is_merge}
    identities, _ = _identities(work)
    wanted = [ch.old for c in commits for ch in c.changes] + [ch.new for c in commits for ch in c.changes]
    wanted += [ch.new for per in merges.values() for changes in per.values() for ch in changes]
    wanted += [ch.old for per in merges.values() for changes in per.values() for ch in changes]
    blobs = history.blobs(git, (b for b in wanted))
    versions = _Versions(blobs, identities)
    config_blob: dict[str, str] = {}
    walk = _Walk(versions)
    signatures: dict[str, int] = {}
    for commit in commits:
        per_parent = merges.get(commit.id) or {commit.parents[0] if commit.parents else "": commit.changes}
        config_blob[commit.id] = _config_after(commit, per_parent, config_blob)
        case_changes = {p: [ch for ch in changes if ch.path.startswith(CASES_DIR + "/") and
                            not ch.path.endswith("/.gitkeep")] for p, changes in per_parent.items()}
        touches = any(case_changes.values())
        if touches:
            walk.case_commits += 1
            state = history.SIGNATURE_STATES.get(commit.signature, commit.signature)
            signatures[state] = signatures.get(state, 0) + 1
        if not touches and not messages.is_cocctl_commit(commit):
            continue
        if not commit.is_merge and touches and not messages.is_cocctl_commit(commit):
            walk.offend(commit, "touches cases/ but was not made by cocctl (no Cocctl-Action trailer)")
        elif messages.is_cocctl_commit(commit):
            for line in messages.problems(commit):
                walk.offend(commit, f"message {line}")
        if touches:
            if commit.signature == "B":
                walk.offend(commit, "has a bad signature")
            elif not commit.signed and _requires_signing(blobs.get(config_blob[commit.id], b"")):
                walk.offend(commit, "is not signed, but the policy requires signed commits")
            walk.commit(commit, case_changes)
    offences = ([Offence(known or "", "(a commit seen before)", rewritten)] if rewritten else []) + walk.offences
    return Verification(len(commits), walk.case_commits, walk.checked, walk.unchecked, signatures, tuple(offences))


def _rewritten_since(git: Any, known: str) -> str | None:
    """Why ``known`` shows that history was rewritten, or None when HEAD still descends from it."""
    if not git.run("rev-parse", "--verify", "--quiet", f"{known}^{{commit}}", check=False).strip():
        return "the commit seen before is no longer in this repository: history was rewritten (force-pushed)"
    if git.run("rev-list", "--max-count=1", known, "^HEAD", check=False).strip():
        return "the commit seen before is not an ancestor of HEAD: history was rewritten"
    return None


class _Walk:
    """The growth checks of verify, accumulating offences in history order."""

    def __init__(self, versions: _Versions) -> None:
        self.versions = versions
        self.offences: list[Offence] = []
        self.case_commits = self.checked = self.unchecked = 0

    def offend(self, commit: Commit, message: str, file: str = "") -> None:
        self.offences.append(Offence(commit.id, commit.subject, message, file))

    def commit(self, commit: Commit, per_parent: dict[str, list[history.Change]]) -> None:
        """Check every case file ``commit`` changed against each parent it changed it from."""
        for parent, changes in per_parent.items():
            for change in changes:
                case = _case_of(change.path)
                if commit.case is not None and not commit.is_merge and case != commit.case:
                    self.offend(commit, "changes a file of another case than its Cocctl-Case trailer names",
                                change.path)
                    continue
                if not _is_case_file(change.path):
                    continue
                if change.new == NULL_BLOB:
                    self.offend(commit, "deletes a case file: a case's log may only grow", change.path)
                elif change.old == NULL_BLOB:
                    if not commit.is_merge and commit.case is None:
                        self.offend(commit, "adds a case file without a Cocctl-Case trailer", change.path)
                    self._added(commit, change.path, {}, change.new)
                else:
                    self._grew(commit, change.path, change.old, change.new)

    def _grew(self, commit: Commit, path: str, old_blob: str, new_blob: str) -> None:
        old, new = self.versions.envelope(old_blob), self.versions.envelope(new_blob)
        if new is None:
            self.offend(commit, "leaves a case file that is not a valid envelope", path)
            return
        if old is not None:
            if (new.case, new.opened) != (old.case, old.opened):
                self.offend(commit, "changes the case id or opening time of a case", path)
            if new.updated < old.updated:
                self.offend(commit, "moves the case's updated time backwards", path)
        before, after = self.versions.events(old_blob), self.versions.events(new_blob)
        if before is None or after is None:
            self.unchecked += 1
            return
        self.checked += 1
        dropped = [key for key in before if key not in after]
        altered = [key for key in before if key in after and after[key] != before[key]]
        if dropped:
            self.offend(commit, f"drops {len(dropped)} event(s) an earlier version of the case held", path)
        if altered:
            self.offend(commit, f"alters {len(altered)} event(s) an earlier version of the case held", path)
        self._added(commit, path, before, new_blob)

    def _added(self, commit: Commit, path: str, before: dict[str, Any], new_blob: str) -> None:
        after = self.versions.events(new_blob)
        if after is None:
            return
        added = [event for key, event in after.items() if key not in before]
        if commit.is_merge:
            return  # a merge's own additions are judged against every parent by the caller's loop
        strangers = [event for event in added if event.get("by") not in (commit.actor, "system")]
        if strangers:
            self.offend(commit, f"adds {len(strangers)} event(s) by someone else than its Cocctl-Actor", path)


def _config_after(commit: Commit, per_parent: dict[str, Any], known: dict[str, str]) -> str:
    """The cocctl.yaml blob in force at ``commit``, following its first parent."""
    first = commit.parents[0] if commit.parents else ""
    for change in per_parent.get(first, ()):
        if change.path == "cocctl.yaml":
            return change.new
    return known.get(first, NULL_BLOB)


def _requires_signing(config_data: bytes) -> bool:
    from cocctl.archive import config as config_file
    from cocctl.policy import presets

    if not config_data:
        return False
    try:
        config = config_file.loads(config_data)
        return bool(presets.effective(config.preset, config.policy).get("require_signed_commits"))
    except (IntegrityError, KeyError):
        return False


def setup(session: Session) -> dict[str, str]:
    """Register cocctl's diff and merge drivers in this clone's git config."""
    return drivers.setup(Archive.find(session.archive).git)


def hook_script() -> str:
    """The pre-commit hook: key-less validation of what is being committed."""
    return (
        "#!/bin/sh\n"
        f"{HOOK_MARKER}: key-less validation of the staged files.\n"
        f"exec {drivers.command('validate', '--staged')}\n"
    )


def install_hook(session: Session, force: bool = False) -> tuple[Path, bool | None]:
    """Write the pre-commit hook; return its path and whether it replaced another (None: already there).

    Raises:
        ConflictError: a different pre-commit hook exists and ``force`` is not set.
    """
    archive = Archive.find(session.archive)
    relative = archive.git.run("rev-parse", "--git-path", "hooks/pre-commit").strip()
    path = (archive.root / relative).resolve()
    script = hook_script()
    existing = path.read_text(errors="replace") if path.exists() else None
    if existing == script:
        return path, None
    if existing is not None and not force:
        raise ConflictError(
            f"a different pre-commit hook exists at {path}; rerun with --force to replace it, "
            "or add 'cocctl validate --staged' to it"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IRUSR)
    return path, existing is not None


def ci_workflow(kind: str) -> tuple[str, bytes]:
    """The CI workflow for ``kind`` (github or gitlab): its path in the archive and its text.

    Raises:
        UsageError: unknown CI system.
    """
    from importlib.resources import files

    from cocctl import __version__

    if kind not in CI_FILES:
        raise UsageError(f"unknown CI system {kind!r}; choose one of {', '.join(CI_FILES)}")
    text = (files("cocctl") / "templates" / f"{kind}.yml").read_text(encoding="utf-8")
    return CI_FILES[kind], text.replace("@COCCTL_VERSION@", __version__).encode()
