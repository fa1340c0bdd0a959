"""Which roster this clone trusts: a pin in .git, moved forward only through verified signed changes.

Like ssh's known_hosts: the first roster a clone sees is trusted on first
use (``cocctl clone`` prints its signing-key fingerprints to confirm out of
band), and from then on cocctl encrypts to a roster only if every commit
between the pinned one and HEAD changed committee.yaml through entries
signed by a member active at that commit's parent. A key appended or
swapped by anyone with push access, a change signed by a removed member,
or a rewritten history stops every write until a member looks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cocctl.archive import blind
from cocctl.archive import config as config_file
from cocctl.archive import history
from cocctl.archive import roster as roster_file
from cocctl.archive.fsio import write_atomic
from cocctl.archive.git import Git
from cocctl.archive.history import NULL_BLOB
from cocctl.archive.roster import Roster
from cocctl.errors import IntegrityError

# The member-removal rule of cocctl.yaml's bytes, or None when they do not load.
RemovalRule = Callable[[bytes | None], str | None]
PIN_NAME = "cocctl/roster-pin"


class UntrustedRoster(IntegrityError):
    """Raised when the roster at HEAD does not descend from the pinned one through valid signed changes."""


@dataclass(frozen=True)
class Finding:
    """A commit whose roster or settings change is not a valid signed change."""

    commit: str
    message: str
    file: str = roster_file.FILE_NAME  # empty when the message names its file


def pin_file(git: Git) -> Path:
    """Where this clone keeps its pin (inside the git folder, never committed)."""
    return git.git_path(PIN_NAME)


def read_pin(git: Git) -> str | None:
    """The commit whose roster this clone last verified, or None."""
    lines = _pin_lines(git)
    return lines[0] if lines else None


def _pin_lines(git: Git) -> list[str]:
    """The pin, then the commits cocctl made on it since, each on the one before (see :func:`follow`)."""
    try:
        return pin_file(git).read_text().split()
    except FileNotFoundError:
        return []


def walk_since_pin(git: Git, head: str = "HEAD",
                   removal_rule: RemovalRule | None = None) -> tuple[str, list[Finding]]:
    """:func:`walk` from this clone's pin (from the first commit when there is none, or it is gone)."""
    pin = read_pin(git)
    return walk(git, pin if pin and git.commit_id(pin) else None, head, removal_rule)


def write_pin(git: Git, commit: str) -> None:
    """Trust the roster at ``commit`` from now on."""
    write_atomic(pin_file(git), (commit + "\n").encode())


# What a commit must leave alone for the pin to follow it unchecked: the roster, the settings and the index key copies.
TRUSTED_PATHS = (roster_file.FILE_NAME, config_file.FILE_NAME, blind.INDEX_DIR, blind.LEGACY_FILE)
# How many of its own commits cocctl lists after the pin; past that the oldest becomes the pin.
FOLLOWED = 64


def follow(git: Git, parent: str | None, commit: str, paths: list[str]) -> None:
    """Note ``commit``, which this process just made on ``parent`` changing only ``paths``, as trusted.

    So the next command need not walk (several git processes) a commit that
    cannot change what the pin vouches for. It is listed after the pin when
    ``parent`` is the pin or listed, ``commit``'s only parent is ``parent`` and
    no path touches the roster, the settings or the index key copies;
    otherwise the next write checks it as any other commit. The pin itself
    stays, so resetting or switching back to it (or to a listed commit) is
    not taken for rewritten history.
    """
    if not parent or any(path == top or path.startswith(top + "/") for path in paths for top in TRUSTED_PATHS):
        return
    try:
        lines = _pin_lines(git)
        if parent in lines and git.parents(commit) == (parent,):
            chain = [*lines[:lines.index(parent) + 1], commit]
            write_atomic(pin_file(git), ("\n".join(chain[-FOLLOWED - 1:]) + "\n").encode())
    except OSError:
        pass  # not listed: the next write walks the commit


class Rosters:
    """Rosters and settings at commits, read in batches and memoised by blob id."""

    def __init__(self, git: Git) -> None:
        self.git = git
        self._ids: dict[str, str] = {}
        self._data: dict[str, bytes] = {}
        self._rosters: dict[str, Roster | IntegrityError] = {}

    def prepare(self, commits: list[str]) -> None:
        """Resolve the roster and settings blobs of ``commits`` in one git process."""
        names = [f"{c}:{path}" for c in commits for path in (roster_file.FILE_NAME, config_file.FILE_NAME)]
        self._ids.update(history.blob_ids(self.git, [n for n in names if n not in self._ids]))
        wanted = {blob for blob in self._ids.values() if blob != NULL_BLOB and blob not in self._data}
        self._data.update(history.blobs(self.git, wanted))

    def blob(self, commit: str, path: str) -> str:
        """The blob id of ``path`` at ``commit`` (NULL_BLOB when absent)."""
        name = f"{commit}:{path}"
        if name not in self._ids:
            self.prepare([commit])
        return self._ids[name]

    def data(self, blob: str) -> bytes | None:
        """A blob's bytes."""
        return self._data.get(blob)

    def roster(self, commit: str) -> Roster | IntegrityError | None:
        """The roster at ``commit``: None when absent, the error when it does not load."""
        blob = self.blob(commit, roster_file.FILE_NAME)
        if blob == NULL_BLOB:
            return None
        if blob not in self._rosters:
            try:
                self._rosters[blob] = roster_file.loads(self._data.get(blob, b""))
            except IntegrityError as error:
                self._rosters[blob] = error
        return self._rosters[blob]


def check_commit(rosters: Rosters, commit: str, parents: tuple[str, ...],
                 removal_rule: RemovalRule | None = None) -> list[str]:
    """What is wrong with the roster and settings change ``commit`` makes over its parents.

    Args:
        removal_rule: reads the member-removal rule of cocctl.yaml's bytes
            (the policy layer's business), to check a settings entry records
            the rule of the file it signs; None skips that check.

    Returns:
        One line per problem; empty when the change is valid (or there is none).
    """
    roster_blob = rosters.blob(commit, roster_file.FILE_NAME)
    config_blob = rosters.blob(commit, config_file.FILE_NAME)
    if parents and all(rosters.blob(p, roster_file.FILE_NAME) == roster_blob and
                       rosters.blob(p, config_file.FILE_NAME) == config_blob for p in parents):
        return []
    after = rosters.roster(commit)
    if after is None:
        return ["deletes committee.yaml"] if parents else []
    if isinstance(after, IntegrityError):
        return [f"leaves a roster that does not verify ({str(after).split(';')[0]})"]
    found = []
    if after.entries:
        config = rosters.data(config_blob)
        if config is None or roster_file.config_hash(config) != after.config:
            found.append("changes cocctl.yaml without a signed settings change in committee.yaml")
    befores = [rosters.roster(p) for p in parents]
    if not parents:
        return found
    if len(parents) > 1:
        union: set[str] = set()
        for before in befores:
            if isinstance(before, Roster):
                union |= before.ids
                if not before.ids <= after.ids:
                    found.append("drops roster changes one of its parents holds")
        if after.entries and not after.ids <= union:
            found.append("adds roster changes in a merge (a change must be its own commit)")
        return found
    before = befores[0]
    if isinstance(before, IntegrityError):
        return found  # the parent's own commit was reported
    if before is None or not before.entries:
        return found + _first_signed(before, after)
    if not before.ids <= after.ids:
        found.append("drops roster changes an earlier version held")
    for entry in after.entries:
        if entry.id in before.ids:
            continue
        signer = before.find(entry.by)
        if signer is None or not signer.active or signer.signing is None:
            found.append(f"adds a roster change signed by {entry.by!r}, who was not an active member before it")
        if entry.change == roster_file.CONFIG and removal_rule is not None:
            rule = removal_rule(rosters.data(config_blob))
            if rule is not None and (entry.removal or roster_file.SINGLE) != rule:
                found.append(f"signs settings with member removal {entry.removal or roster_file.SINGLE!r} "
                             f"where cocctl.yaml sets {rule!r}")
    return found


def _first_signed(before: Roster | None, after: Roster) -> list[str]:
    """A roster that becomes signed (init, or ``upgrade`` of a version-1 roster)."""
    if before is None:
        return []  # the archive's first roster: trusted on first use
    first = after.entries[0]
    member = next((m for m in before.active if m.handle == first.by), None)
    if member is None or member.recipient != (first.member or {}).get("recipient"):
        return ["signs the roster for the first time, but not as a member of the unsigned roster before it"]
    return []


def walk(git: Git, since: str | None, head: str = "HEAD",
         removal_rule: RemovalRule | None = None, exclude: tuple[str, ...] = ()) -> tuple[str, list[Finding]]:
    """Check every commit after ``since`` (or all) up to ``head``; return head's id and the findings.

    Args:
        exclude: also leave out the commits reachable from these (verify's
            commits proven before).
    """
    head_id = git.commit_id(head)
    if not head_id:
        return "", []
    spec = [head_id, "--not", *([since] if since else []), *exclude] if since or exclude else [head_id]
    lines = git.run("rev-list", "--reverse", "--topo-order", "--parents", *spec).split("\n")
    graph = [(parts[0], tuple(parts[1:])) for parts in (line.split() for line in lines) if parts]
    rosters = Rosters(git)
    rosters.prepare([c for c, parents in graph for c in (c, *parents)])
    index = IndexCopies(git, [c for c, parents in graph for c in (c, *parents)])
    findings = [finding for commit, parents in graph
                for finding in (*(Finding(commit, m) for m in check_commit(rosters, commit, parents, removal_rule)),
                                *(Finding(commit, m, "") for m in index.problems(rosters, commit, parents)))]
    return head_id, findings


class IndexCopies:
    """The people-index key copies (``index/<handle>.age``) at commits, and who may change them.

    The copies are age files anyone can write, so without this check someone
    with push access could give members an index key they know and read the
    blinded tokens of every name cocctl computes from then on. A copy may
    appear only for an active member, be replaced only by the roster change
    that gives its member a new key, and go only when its member left; a
    merge only keeps one parent's copy.
    """

    def __init__(self, git: Git, commits: list[str]) -> None:
        self.git = git
        names = sorted({f"{c}:{path}" for c in commits for path in (blind.INDEX_DIR, blind.LEGACY_FILE)})
        output = git.run("cat-file", "--batch-check=%(objectname)", input=("\n".join(names) + "\n").encode()) if names else ""
        self._ids = {name: "" if line.endswith(" missing") else line for name, line in zip(names, output.splitlines())}

    def _id(self, commit: str, path: str) -> str:
        return self._ids.get(f"{commit}:{path}", "")

    def _files(self, commit: str) -> dict[str, str]:
        """Every file under index/ (and the legacy key file) at ``commit``: path to blob id."""
        out = self.git.run("ls-tree", "-r", "--full-tree", commit, "--", blind.INDEX_DIR, blind.LEGACY_FILE)
        return {line.split("\t", 1)[1]: line.split()[2] for line in out.splitlines() if "\t" in line}

    def problems(self, rosters: Rosters, commit: str, parents: tuple[str, ...]) -> list[str]:
        """What is wrong with how ``commit`` changes the index key copies over its parents."""
        paths = (blind.INDEX_DIR, blind.LEGACY_FILE)
        if not parents or any(all(self._id(commit, p) == self._id(parent, p) for p in paths) for parent in parents):
            return []
        after, files = rosters.roster(commit), self._files(commit)
        if len(parents) > 1:
            olds = [self._files(parent) for parent in parents]
            return [f"brings a people-index key copy ({path}) in a merge that neither side holds"
                    for path, blob in sorted(files.items()) if all(old.get(path) != blob for old in olds)]
        before, old = rosters.roster(parents[0]), self._files(parents[0])
        if not isinstance(before, Roster) or not before.entries or not isinstance(after, Roster):
            return []  # the archive's first or upgraded roster, or one already reported
        found = []
        for path in sorted(set(old) | set(files)):
            if old.get(path) == files.get(path):
                continue
            handle = path[len(blind.INDEX_DIR) + 1:-len(".age")] if path.startswith(blind.INDEX_DIR + "/") else None
            now, was = (after.find(handle), before.find(handle)) if handle else (None, None)
            if path not in files:
                allowed = now is None or not now.active
            elif path not in old:
                allowed = now is not None and now.active
            else:
                allowed = (now is not None and now.active and was is not None
                           and (not was.active or was.recipient != now.recipient))
            if not allowed:
                found.append(f"{'removes' if path not in files else 'writes'} the people-index key copy {path} "
                             "without a signed roster change that calls for it")
        return found


def ensure_trusted(git: Git) -> str:
    """Refuse to go on unless HEAD's roster descends from the pinned one; move the pin to HEAD.

    HEAD may also be one of cocctl's own commits listed after the pin (see
    :func:`follow`): then nothing is walked and the pin stays.

    Returns:
        HEAD's commit, now trusted.

    Raises:
        UntrustedRoster: history was rewritten past the pin, or a commit
            since changed the roster or settings without a valid signature.
    """
    lines = _pin_lines(git)
    pin = lines[0] if lines else None
    head = git.head() or ""
    if not head or pin == head or head in lines[1:]:
        return head
    if pin is not None:
        if not git.commit_id(pin) or not git.is_ancestor(pin, head):
            raise UntrustedRoster(
                f"the roster you trusted (commit {pin[:12]}) is no longer in this branch's history: "
                "history was rewritten; review 'git log' with the committee, then run 'cocctl roster trust'"
            )
    _, findings = walk(git, pin)
    if findings:
        first = findings[0]
        raise UntrustedRoster(
            f"commit {first.commit[:12]} {first.message}; nothing was encrypted. Review it with "
            f"'git show {first.commit[:12]}' and 'cocctl verify', and run 'cocctl roster trust' only if the committee confirms it"
        )
    write_pin(git, head)
    return head
