"""verify: prove the history is the committee's, checking only the commits not proven before.

A clean walk is remembered in the git folder (archive/verified.py), so the
next verify checks only the commits made since; ``--known REV`` (CI: the
last verified push) skips REV's history too, and ``--full`` walks it all.
Case file versions are read one at a time from one ``git cat-file`` and only
a bounded number stay parsed, so memory does not grow with the history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cocctl.archive import blobs, history, messages, trust, verified
from cocctl.archive.actors import Actors
from cocctl.archive.casefile import CaseFile
from cocctl.archive.git import Git
from cocctl.archive.history import NULL_BLOB, Commit
from cocctl.archive.repo import CASES_DIR
from cocctl.archive.roster import Roster
from cocctl.errors import IntegrityError, NotFound
from cocctl.service import evidence, policy, retention
from cocctl.service.history import Versions, case_of, is_case_file
from cocctl.service.policy import policy_of
from cocctl.service.workspace import Session, Workspace

# The version of verify's checks a remembered proof was made under: change it
# when a check is added or tightened, and every clone walks its history again.
RULES = "1"

# Files cocctl writes outside cases/: a commit touching them must be cocctl's.
ARCHIVE_FILES = ("cocctl.yaml", "committee.yaml", ".gitattributes", "index.key.age")
ARCHIVE_DIRS = (CASES_DIR + "/", "index/", "templates/")
SEEN_BEFORE = "(a commit seen before)"

Progress = Callable[[str, int, "int | None"], None]


@dataclass(frozen=True)
class Offence:
    """Something in history that cocctl did not write, that is not signed, or that shrank a case."""

    commit: str
    subject: str
    message: str
    file: str = ""


@dataclass(frozen=True)
class Verification:
    """What verify walked and what it found, oldest offence first.

    ``proven`` are the commits whose history was proven before (remembered,
    or ``--known``) and not walked again; ``full`` says the whole history was
    walked, and ``why_full`` why.
    """

    commits: int
    case_commits: int
    checked: int
    unchecked: int
    signatures: dict[str, int]
    problems: tuple[Offence, ...]
    full: bool = True
    why_full: str = ""
    proven: tuple[str, ...] = ()


def _in_archive(path: str) -> bool:
    return path in ARCHIVE_FILES or path.startswith(ARCHIVE_DIRS)


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


def verify(session: Session, known: str | None = None, *, rev: str = "HEAD", exclude: tuple[str, ...] = (),
           full: bool = False, progress: Progress | None = None) -> Verification:
    """Prove the history is cocctl's: signed roster changes, signed seals, logs that only grew.

    Needs no key. Every roster or settings change must be signed by a member
    active at the commit's parent; every seal a commit adds or re-encrypts
    must be signed by a member active at the parent (so a removed member, an
    outsider with push access, or a seal moved from another case is caught);
    no commit may drop a seal; every commit touching the archive outside a
    merge must be cocctl's. Each check looks at one commit and its parents
    only, so a commit in the history of one proven before needs no new look.

    Args:
        known: a commit seen and verified before (CI passes the previous
            push's head): its history is not walked again. It must still be
            in ``rev``'s history, or history was rewritten (an offence).
        rev: the commit whose history is walked.
        exclude: report only offences in commits not reachable from these
            (``--remotes`` for the pre-push guard: what this push would add;
            ``HEAD`` for sync: what a fetch brought).
        full: walk the whole history, whatever was proven before.
        progress: called as commits are checked (stage, done, total).

    Raises:
        NotFound: ``known`` is not a commit in this repository.
    """
    work = Workspace(session)
    work.archive.require_repository()
    git = work.archive.git
    offences: list[Offence] = []
    memory = verified.read(git, RULES)
    known_id = _known(git, known, rev, offences)
    proven = () if full else tuple(c for c in memory.commits if git.is_ancestor(c, rev))
    skip = proven + ((known_id,) if known_id and not full else ())
    why_full = "" if skip else ("--full" if full else memory.problem or
                                "history was rewritten since the last verify (no commit proven before is in it)")
    commits = history.commits(git, oldest_first=True, signatures=True, rev=rev, exclude=skip)
    subjects = {c.id: c.subject for c in commits}
    _, findings = trust.walk(git, None, rev, removal_rule=policy.removal_rule, exclude=skip)
    offences += [Offence(f.commit, subjects.get(f.commit, ""), f"{f.file}: {f.message}" if f.file else f.message)
                 for f in findings]
    rosters = trust.Rosters(git)
    rosters.prepare([p for c in commits for p in (c.id, *c.parents)])
    with blobs.BlobReader(git) as reader:
        walk = _Walk(Versions(reader, None, keep=2048), rosters, offences, progress)
        walk.total = sum(1 + len(c.changes) for c in commits)
        for commit in commits:
            _check(git, walk, rosters, commit)
    offences = walk.offences
    head = git.commit_id(rev)
    if not offences and head and (not known_id or known_id in proven or full):
        verified.remember(git, RULES, head, memory)  # a proof of the whole history, trusting no --known
    if exclude:
        fresh = set(git.run("rev-list", rev, "--not", *exclude).split())
        offences = [o for o in offences if o.commit in fresh or o.subject == SEEN_BEFORE]
    return Verification(len(commits), walk.case_commits, walk.checked, walk.unchecked, walk.signatures,
                        tuple(offences), full=not skip, why_full=why_full, proven=skip)


def _known(git: Git, known: str | None, rev: str, offences: list[Offence]) -> str | None:
    """The commit ``--known`` names when it is in ``rev``'s history; an offence when history was rewritten past it.

    Raises:
        NotFound: no such commit here (force-pushed away, a shallow clone, or a typo).
    """
    if not known or not known.strip("0"):
        return None  # a new branch: nothing seen yet
    known_id = git.commit_id(known)
    if not known_id:
        raise NotFound(f"--known {known[:40]} is not a commit in this repository: history was rewritten "
                       "(force-pushed) or the clone is shallow (CI must fetch the whole history); review "
                       "'git log', then run 'cocctl verify --full'")
    if not git.is_ancestor(known_id, rev):
        offences.append(Offence(known_id, SEEN_BEFORE,
                                "the commit seen before is not an ancestor of HEAD: history was rewritten"))
        return None
    return known_id


def _check(git: Git, walk: _Walk, rosters: trust.Rosters, commit: Commit) -> None:
    """Every check of one commit against its parents."""
    per_parent = (history.merge_changes(git, commit, [CASES_DIR + "/"]) if commit.is_merge else
                  {commit.parents[0] if commit.parents else "": commit.changes})
    archive_changes = any(_in_archive(ch.path) for chs in per_parent.values() for ch in chs)
    case_changes = {p: [ch for ch in chs if ch.path.startswith(CASES_DIR + "/") and
                        not ch.path.endswith("/.gitkeep")] for p, chs in per_parent.items()}
    touches = any(case_changes.values())
    if touches:
        walk.case_commits += 1
        state = history.SIGNATURE_STATES.get(commit.signature, commit.signature)
        walk.signatures[state] = walk.signatures.get(state, 0) + 1
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
    walk.advance(1 + len(commit.changes) - walk.counted)
    walk.counted = 0


class _Walk:
    """The per-case checks of verify, accumulating offences in history order."""

    def __init__(self, versions: Versions, rosters: trust.Rosters, offences: list[Offence],
                 progress: Progress | None = None) -> None:
        self.versions = versions
        self.rosters = rosters
        self.offences = offences
        self.progress = progress
        self.case_commits = self.checked = self.unchecked = 0
        self.signatures: dict[str, int] = {}
        self.total = self.done = self.counted = 0

    def advance(self, steps: int) -> None:
        """Count ``steps`` more of the walk done (a commit, or a file of a large one) and report it."""
        self.done += max(steps, 0)
        if self.progress is not None:
            self.progress("checking commits", min(self.done, self.total), self.total)

    def offend(self, commit: Commit, message: str, file: str = "") -> None:
        self.offences.append(Offence(commit.id, commit.subject, message, file))

    def commit(self, commit: Commit, per_parent: dict[str, list[history.Change]]) -> None:
        """Check every case file ``commit`` changed against each parent it changed it from."""
        parents_versions: dict[str, dict[str, str]] = {}
        for parent, changes in per_parent.items():
            for change in changes:
                parents_versions.setdefault(change.path, {})[parent] = change.old
        news: dict[str, str] = {}
        for changes in per_parent.values():
            for change in changes:
                news.setdefault(change.path, change.new)
        paths = list(parents_versions)
        for number, (path, olds) in enumerate(parents_versions.items()):
            if number % 256 == 0:  # read the next files' versions in one pass
                if number:
                    self.advance(256)
                    self.counted += 256
                self.versions.prefetch(blob for p in paths[number:number + 256]
                                       for blob in (*parents_versions[p].values(), news[p]))
            if commit.is_merge and len(olds) < len(per_parent):
                continue  # the merge keeps one parent's version of this file, checked in its own commit
            new_blob = news[path]
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