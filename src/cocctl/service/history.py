"""The audit trail: log (who did what, when), verify (every change signed, every case only grew), decrypted diffs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from cocctl import clock
from cocctl.archive import casefile, drivers, history, messages, trust
from cocctl.archive.actors import Actors
from cocctl.archive.casefile import CaseFile
from cocctl.archive.history import NULL_BLOB, Commit
from cocctl.archive.ids import is_case_id
from cocctl.archive.repo import CASES_DIR
from cocctl.archive.roster import Roster
from cocctl.errors import AccessDenied, CocctlError, IntegrityError, UsageError
from cocctl.service import evidence, policy, retention
from cocctl.service.policy import policy_of
from cocctl.service.workspace import Session, Workspace

# Files cocctl writes outside cases/: a commit touching them must be cocctl's.
ARCHIVE_FILES = ("cocctl.yaml", "committee.yaml", ".gitattributes", "index.key.age")
ARCHIVE_DIRS = (CASES_DIR + "/", "index/", "templates/")


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
    """Something in history that cocctl did not write, that is not signed, or that shrank a case."""

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


class Versions:
    """Case file versions by blob id: parsed once, and their events when my key opens them."""

    def __init__(self, data: dict[str, bytes], identities: list[Any] | None) -> None:
        self.data = data
        self.identities = identities
        self._files: dict[str, CaseFile | None] = {}
        self._events: dict[str, dict[str, dict[str, Any]] | None] = {}

    def file(self, blob: str) -> CaseFile | None:
        """The version's parsed case file, or None when it is not a valid one."""
        if blob not in self._files:
            try:
                self._files[blob] = casefile.loads(self.data.get(blob, b""), name="case file")
            except IntegrityError:
                self._files[blob] = None
        return self._files[blob]

    def events(self, blob: str) -> dict[str, dict[str, Any]] | None:
        """The version's events by id, or None when I cannot decrypt all of it."""
        if blob not in self._events:
            found = self.file(blob)
            result: dict[str, dict[str, Any]] | None = None
            if found is not None and self.identities:
                try:
                    raw, hidden = casefile.readable_events(found, self.identities, name="case file")
                    result = None if hidden else {str(item.get("id")): item for item in raw}
                except (AccessDenied, IntegrityError):
                    result = None
            self._events[blob] = result
        return self._events[blob]


def textconv(session: Session, data: bytes) -> str:
    """git's textconv driver: one version of a case file decrypted as canonical YAML, or a one-line marker.

    Never asks for a passphrase: git runs textconv without a terminal.
    """
    if data.startswith(b"age-encryption.org/v1\n"):
        return f"(encrypted attachment, {len(data)} bytes; 'cocctl attachment' decrypts it)\n"
    identities, why_not = _identities(Workspace(replace(session, ask_passphrase=None)))
    return drivers.textconv(data, identities, why_not)


def _identities(work: Workspace) -> tuple[list[Any] | None, str]:
    try:
        return work.identities, ""
    except CocctlError as error:
        return None, str(error).split(";")[0]


def case_of(path: str) -> str | None:
    """The case a path under cases/ belongs to (file or attachment), if any."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] != CASES_DIR:
        return None
    name = parts[1][: -len(".yaml")] if len(parts) == 2 and parts[1].endswith(".yaml") else parts[1]
    return name if is_case_id(name) else None


def is_case_file(path: str) -> bool:
    """Whether ``path`` is a case file (``cases/<id>.yaml``)."""
    return path.count("/") == 1 and case_of(path) is not None


def _in_archive(path: str) -> bool:
    return path in ARCHIVE_FILES or path.startswith(ARCHIVE_DIRS)


def log(session: Session, case: str | None = None, since: str | None = None) -> list[LogEntry]:
    """The archive's commits, newest first, with the events each added when my key reads them.

    Raises:
        UsageError: malformed case id or date.
        NotFound: the archive is not a git repository.
    """
    work = Workspace(session)
    archive = work.archive
    archive.require_repository()
    if case is not None and not is_case_id(case):
        raise UsageError(f"{case!r} is not a case id (like 2026-amber-falcon); see 'cocctl list'")
    after = clock.format_time(clock.parse_time(since)) if since else None
    paths = [archive.case_relpath(case), f"{CASES_DIR}/{case}/"] if case else []
    commits = history.commits(archive.git, paths=paths, since=after, signatures=True)
    identities, why_not = _identities(work)
    wanted = [c for commit in commits for ch in commit.changes if is_case_file(ch.path) for c in (ch.old, ch.new)]
    versions = Versions(history.blobs(archive.git, wanted) if identities else {}, identities)
    entries = []
    for commit in commits:
        added: list[dict[str, Any]] = []
        hidden = ""
        for change in commit.changes:
            if not is_case_file(change.path) or change.new == NULL_BLOB:
                continue
            if identities is None:
                hidden = f"event details hidden ({why_not})"
                continue
            new = versions.events(change.new)
            old = versions.events(change.old) if change.old != NULL_BLOB else {}
            if new is None or old is None:
                hidden = "event details hidden: you are not a reader of this case"
                continue
            added += [event for key, event in new.items() if key not in old]
        entries.append(LogEntry(
            commit=commit.id, date=commit.date, author=commit.author, actor=commit.actor,
            action=commit.action, case=commit.case, subject=commit.subject, signature=commit.signature,
            signature_state=history.SIGNATURE_STATES.get(commit.signature, commit.signature),
            signer=commit.signer, files=tuple(change.path for change in commit.changes),
            events=tuple(sorted(added, key=lambda e: (e.get("at", ""), e.get("id", "")))), hidden=hidden,
        ))
    return entries


def _unsigned(config: bytes | None) -> str | None:
    """What is wrong with an unsigned commit changing cases under the settings ``config`` it carries, if anything.

    Settings that cannot be read might require signatures, so the commit is
    an offence then too: an unreadable policy never switches signing off.
    """
    if not config:
        return None
    try:
        required = policy_of(config).require_signed_commits
    except IntegrityError as error:
        return f"is not signed, and its settings cannot be read to tell whether they require it: {error}"
    return "is not signed, but the policy requires signed commits" if required else None


def verify(session: Session, known: str | None = None, *, rev: str = "HEAD",
           exclude: tuple[str, ...] = ()) -> Verification:
    """Walk the whole history and prove it is cocctl's: signed roster changes, signed seals, logs that only grew.

    Needs no key. Every roster or settings change must be signed by a member
    active at the commit's parent; every seal a commit adds or re-encrypts
    must be signed by a member active at the parent (so a removed member, an
    outsider with push access, or a seal moved from another case is caught);
    no commit may drop a seal; every commit touching the archive outside a
    merge must be cocctl's.

    Args:
        known: a commit seen before (CI passes the previous push's head);
            it must still be in HEAD's history, or history was rewritten.
        rev: the commit whose history is walked.
        exclude: report only offences in commits not reachable from these
            (``--remotes`` for the pre-push guard: what this push would add;
            ``HEAD`` for sync: what a fetch brought).
    """
    work = Workspace(session)
    work.archive.require_repository()
    git = work.archive.git
    commits = history.commits(git, oldest_first=True, signatures=True, rev=rev)
    offences: list[Offence] = []
    if known and known.strip("0"):
        rewritten = _rewritten_since(git, known)
        if rewritten:
            offences.append(Offence(known, "(a commit seen before)", rewritten))
    subjects = {c.id: c.subject for c in commits}
    _, findings = trust.walk(git, None, rev, removal_rule=policy.removal_rule)
    offences += [Offence(f.commit, subjects.get(f.commit, ""), f"{f.file}: {f.message}" if f.file else f.message)
                 for f in findings]
    merges = {c.id: history.merge_changes(git, c, [CASES_DIR + "/"]) for c in commits if c.is_merge}
    wanted = [b for c in commits for ch in c.changes for b in (ch.old, ch.new) if is_case_file(ch.path)]
    wanted += [b for per in merges.values() for chs in per.values() for ch in chs for b in (ch.old, ch.new)]
    versions = Versions(history.blobs(git, wanted), None)
    rosters = trust.Rosters(git)
    rosters.prepare([p for c in commits for p in (c.id, *c.parents)])
    walk = _Walk(versions, rosters, offences)
    signatures: dict[str, int] = {}
    for commit in commits:
        per_parent = merges.get(commit.id) or {commit.parents[0] if commit.parents else "": commit.changes}
        archive_changes = any(_in_archive(ch.path) for chs in per_parent.values() for ch in chs)
        case_changes = {p: [ch for ch in chs if ch.path.startswith(CASES_DIR + "/") and
                            not ch.path.endswith("/.gitkeep")] for p, chs in per_parent.items()}
        touches = any(case_changes.values())
        if touches:
            walk.case_commits += 1
            state = history.SIGNATURE_STATES.get(commit.signature, commit.signature)
            signatures[state] = signatures.get(state, 0) + 1
        if not commit.is_merge and archive_changes and not messages.is_cocctl_commit(commit):
            walk.offend(commit, "changes the archive but was not made by cocctl (no Cocctl-Action trailer); "
                        "review it with 'git show'")
        elif messages.is_cocctl_commit(commit):
            for line in messages.problems(commit):
                walk.offend(commit, f"message {line}")
        if commit.signature == "B":
            walk.offend(commit, "has a bad signature")
        elif touches and not commit.signed:
            unsigned = _unsigned(rosters.data(rosters.blob(commit.id, "cocctl.yaml")))
            if unsigned:
                walk.offend(commit, unsigned)
        if touches:
            walk.commit(commit, case_changes)
    offences = walk.offences
    if exclude:
        fresh = set(git.run("rev-list", rev, "--not", *exclude).split())
        offences = [o for o in offences if o.commit in fresh or o.subject == "(a commit seen before)"]
    return Verification(len(commits), walk.case_commits, walk.checked, walk.unchecked, signatures,
                        tuple(offences))


def _rewritten_since(git: Any, known: str) -> str | None:
    """Why ``known`` shows that history was rewritten, or None when HEAD still descends from it."""
    if not git.commit_id(known):
        return "the commit seen before is no longer in this repository: history was rewritten (force-pushed)"
    if git.run("rev-list", "--max-count=1", known, "^HEAD", check=False).strip():
        return "the commit seen before is not an ancestor of HEAD: history was rewritten"
    return None


class _Walk:
    """The per-case checks of verify, accumulating offences in history order."""

    def __init__(self, versions: Versions, rosters: trust.Rosters, offences: list[Offence]) -> None:
        self.versions = versions
        self.rosters = rosters
        self.offences = offences
        self.case_commits = self.checked = self.unchecked = 0

    def offend(self, commit: Commit, message: str, file: str = "") -> None:
        self.offences.append(Offence(commit.id, commit.subject, message, file))

    def commit(self, commit: Commit, per_parent: dict[str, list[history.Change]]) -> None:
        """Check every case file ``commit`` changed against each parent it changed it from."""
        parents_versions: dict[str, dict[str, str]] = {}
        for parent, changes in per_parent.items():
            for change in changes:
                parents_versions.setdefault(change.path, {})[parent] = change.old
        for path, olds in parents_versions.items():
            if commit.is_merge and len(olds) < len(per_parent):
                continue  # the merge keeps one parent's version of this file, checked in its own commit
            new_blob = next(ch.new for chs in per_parent.values() for ch in chs if ch.path == path)
            case = case_of(path)
            if commit.case is not None and not commit.is_merge and case != commit.case and commit.action != "upgrade":
                self.offend(commit, "changes a file of another case than its Cocctl-Case trailer names", path)
                continue
            if not is_case_file(path):
                if not commit.is_merge:
                    self._attachment(commit, path, new_blob, parents_versions, per_parent)
                continue
            if new_blob == NULL_BLOB:
                parent, blob = next(iter(olds.items()))
                old, roster = self.versions.file(blob), self.rosters.roster(parent) if parent else None
                if not retention.expunge_allowed(commit, old, {c.path for c in commit.changes}):
                    self.offend(commit, "deletes a case file: a case's log may only grow (only 'cocctl expunge' "
                                "removes a case, once its retention date has passed)", path)
                elif isinstance(roster, Roster) and roster.entries and not _active(roster, commit.actor or ""):
                    self.offend(commit, f"expunges the case as {commit.actor or 'nobody'}, not a member active "
                                "before it", path)
                continue
            new = self.versions.file(new_blob)
            if new is None:
                self.offend(commit, "leaves a case file that is not valid", path)
                continue
            if new.case != case:
                self.offend(commit, "puts a case under another case's file name", path)
                continue
            old_files = {p: self.versions.file(b) if b != NULL_BLOB else None for p, b in olds.items()}
            if commit.is_merge:
                self._merged(commit, path, new, old_files)
            else:
                parent, old = next(iter(old_files.items()))
                self._grew(commit, path, parent, old, new)

    def _attachment(self, commit: Commit, path: str, blob: str, versions: dict[str, dict[str, str]],
                    per_parent: dict[str, list[history.Change]]) -> None:
        """An attachment changes only with the seal it is named after; it goes only with its case, expunged."""
        case_path = f"{CASES_DIR}/{case_of(path)}.yaml"
        new_blob = next((ch.new for chs in per_parent.values() for ch in chs if ch.path == case_path), None)
        old_blob = next(iter(versions.get(case_path, {}).values()), NULL_BLOB)
        new, old = (self.versions.file(b) if b and b != NULL_BLOB else None for b in (new_blob, old_blob))
        problem = evidence.change_problem(path, blob == NULL_BLOB, old, new, commit.action == "expunge")
        if problem:
            self.offend(commit, problem, path)

    def _grew(self, commit: Commit, path: str, parent: str, old: CaseFile | None, new: CaseFile) -> None:
        if new.version == 1:
            if old is not None and old.version == 2:
                self.offend(commit, "turns a format-2 case file back into format 1", path)
            self.unchecked += 1
            return
        roster = self.rosters.roster(parent) if parent else None
        if not isinstance(roster, Roster) or not roster.entries:
            self.unchecked += 1  # no signed roster yet at the parent (before init or upgrade)
            return
        before = {s.id: s for s in old.seals} if old is not None and old.version == 2 else {}
        dropped = [seal_id for seal_id in before if seal_id not in {s.id for s in new.seals}]
        if dropped:
            self.offend(commit, f"drops {len(dropped)} seal(s) an earlier version of the case held", path)
        for seal in new.seals:
            if before.get(seal.id) == seal:
                continue
            self.checked += 1
            if not Actors(new, roster).seal_valid(new.case, seal) or not _active(roster, seal.signer, new):
                self.offend(commit, f"adds seal {seal.id} not signed by a member active before it "
                            "(forged, by a removed member, or moved from another case)", path)
            elif seal.id not in before and seal.signer != seal.by and not seal.imported:
                self.offend(commit, f"adds seal {seal.id} by {seal.by} but signed by {seal.signer}; a new seal "
                            "is signed by its author (a member forging another's events)", path)
            elif seal.id not in before and seal.by != commit.actor and not (seal.imported and
                                                                              commit.action == "upgrade"):
                self.offend(commit, f"adds seal {seal.id} by {seal.by}, not by its Cocctl-Actor", path)
            elif seal.imported and commit.action != "upgrade":
                self.offend(commit, f"adds an imported seal {seal.id} outside 'cocctl upgrade'", path)
            elif seal.id in before and seal.sealer != commit.actor:
                self.offend(commit, f"re-encrypts seal {seal.id} as {seal.sealer}, not as its Cocctl-Actor", path)

    def _merged(self, commit: Commit, path: str, new: CaseFile, olds: dict[str, CaseFile | None]) -> None:
        if new.version != 2:
            self.unchecked += 1
            return
        known: dict[str, set[tuple[str, str]]] = {}
        for old in olds.values():
            for seal in old.seals if old is not None and old.version == 2 else ():
                known.setdefault(seal.id, set()).add((seal.sig, seal.age))
        ids = {s.id for s in new.seals}
        for parent, old in olds.items():
            if old is not None and old.version == 2 and not {s.id for s in old.seals} <= ids:
                self.offend(commit, "drops seals one of the merged sides held", path)
        roster = self.rosters.roster(commit.id)
        for seal in new.seals:
            self.checked += 1
            if (seal.sig, seal.age) not in known.get(seal.id, set()):
                self.offend(commit, f"brings seal {seal.id} that neither merged side held", path)
            elif isinstance(roster, Roster) and roster.entries and not Actors(new, roster).seal_valid(new.case, seal):
                # Both sides were valid on their own, but one side's member
                # was removed on the other before this seal's time.
                self.offend(commit, f"keeps seal {seal.id} by {seal.signer}, made after they left the committee "
                            "(or their grant as mediator ended)", path)


def _active(roster: Roster, handle: str, case: CaseFile | None = None) -> bool:  # an active member, or case's actor
    member = roster.find(handle)
    return member.active if member is not None else case is not None and Actors(case, roster).is_actor(handle)
