"""Reading an archive's git history fast, through the git command.

One ``git log`` with a separator-delimited format and ``--raw`` diffs reads
every commit with the files it changed; ``git cat-file --batch`` reads many
old versions in one process. GitPython's commit iteration measured ~10x
slower, and importing it costs ~70 ms, so it is not used here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cocctl.archive.git import TRAILER_ACTION, TRAILER_ACTOR, TRAILER_CASE, Git

# Separators no commit cocctl writes can hold: record, group and unit separators.
_RECORD, _GROUP, _UNIT = "\x1e", "\x1d", "\x1f"
_FIELDS = ("%H", "%P", "%aI", "%an", "%ae", "%G?", "%GS", "%B")
_SIGNED_FIELDS = {"%G?", "%GS"}
_TRAILER_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*): (.*)$")
_HASH = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
NULL_BLOB = "0" * 40

# What git's %G? letters mean (git-log(1), "Placeholders that expand to
# information extracted from the commit").
SIGNATURE_STATES = {
    "G": "good",
    "B": "bad",
    "U": "good, unknown validity",
    "X": "good, expired",
    "Y": "good, expired key",
    "R": "good, revoked key",
    "E": "cannot be checked",
    "N": "unsigned",
}


@dataclass(frozen=True)
class Change:
    """One file a commit changed against one parent; a blob is NULL_BLOB when absent."""

    path: str
    old: str
    new: str
    status: str
    mode: str = ""  # the new version's git mode (100644, 120000 for a symbolic link, ...)


@dataclass(frozen=True)
class Commit:
    """One commit as cocctl needs it: who, when, message, signature and changed files."""

    id: str
    parents: tuple[str, ...]
    date: str
    author: str
    email: str
    message: str
    signature: str = "N"
    signer: str = ""
    changes: tuple[Change, ...] = field(default=())

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0]

    @property
    def trailers(self) -> dict[str, str]:
        """The ``Key: value`` lines of the message's last paragraph (empty if it has none)."""
        paragraphs = self.message.strip("\n").split("\n\n")
        if len(paragraphs) < 2:
            return {}
        found = {}
        for line in paragraphs[-1].splitlines():
            match = _TRAILER_LINE.match(line)
            if not match:
                return {}
            found[match.group(1)] = match.group(2)
        return found

    @property
    def action(self) -> str | None:
        """The Cocctl-Action trailer: set on every commit cocctl made."""
        return self.trailers.get(TRAILER_ACTION)

    @property
    def case(self) -> str | None:
        """The Cocctl-Case trailer, when the commit is about one case."""
        return self.trailers.get(TRAILER_CASE)

    @property
    def actor(self) -> str | None:
        """The Cocctl-Actor trailer: the member who acted."""
        return self.trailers.get(TRAILER_ACTOR)

    @property
    def is_merge(self) -> bool:
        """Whether the commit has more than one parent."""
        return len(self.parents) > 1

    @property
    def signed(self) -> bool:
        """Whether the commit carries a signature at all (valid or not)."""
        return self.signature != "N"


def commits(
    git: Git,
    *,
    paths: Sequence[str] = (),
    since: str | None = None,
    signatures: bool = False,
    oldest_first: bool = False,
    rev: str = "HEAD",
    exclude: Sequence[str] = (),
) -> list[Commit]:
    """Read the commits reachable from ``rev`` with the files each changed.

    Merges list no changes (git shows none by default); use
    :func:`merge_changes` for them.

    Args:
        paths: limit to commits touching these paths.
        since: only commits made after this ISO 8601 time.
        signatures: also check signatures (runs gpg or ssh-keygen per signed commit).
        oldest_first: parents before children (``--reverse --topo-order``).
        exclude: leave out commits reachable from these (``--remotes``: what a push adds).

    Returns:
        The commits, newest first unless ``oldest_first``; [] before the first commit.

    Raises:
        GitError: git failed.
    """
    if not git.run("rev-parse", "--verify", "--quiet", rev, check=False).strip():
        return []
    fields = [f for f in _FIELDS if signatures or f not in _SIGNED_FIELDS]
    form = _RECORD + _UNIT.join(fields) + _GROUP
    args = ["log", "-z", "--raw", "--no-abbrev", "--no-renames", f"--format={form}"]
    if oldest_first:
        args += ["--reverse", "--topo-order"]
    if since:
        args.append(f"--since={since}")
    args += [rev, *(["--not", *exclude] if exclude else []), "--", *paths]
    output = git.run_bytes(*args).decode("utf-8", "replace")
    return [_parse_record(record, signatures) for record in output.split(_RECORD) if record]


def write_graph(git: Git) -> None:
    """Write git's commit-graph with changed-path Bloom filters (a new layer on top of one already there).

    With it ``git log -- PATH`` (``cocctl log CASE``) skips the commits that
    did not touch the path instead of diffing every tree in the history.
    Only a speed-up: a git too old for it or a failure changes nothing.
    """
    git.run("commit-graph", "write", "--reachable", "--changed-paths", "--split", check=False)


def _parse_record(record: str, signatures: bool) -> Commit:
    head, _, raw = record.partition(_GROUP)
    values = head.split(_UNIT)
    if signatures:
        commit_id, parents, date, author, email, state, signer, message = values[0], *values[1:8]
    else:
        commit_id, parents, date, author, email, message = values[0], *values[1:6]
        state, signer = "N", ""
    if not _HASH.match(commit_id):
        from cocctl.errors import GitError

        raise GitError("git log printed something cocctl cannot read; is this a git repository?")
    return Commit(
        id=commit_id,
        parents=tuple(parents.split()),
        date=date,
        author=author,
        email=email,
        message=message.rstrip("\n"),
        signature=state or "N",
        signer=signer,
        changes=parse_raw(raw),
    )


def parse_raw(raw: str) -> tuple[Change, ...]:
    """Parse ``--raw -z`` diff output (renames off) into changes."""
    parts = raw.lstrip("\x00\n").split("\x00")
    found = []
    for meta, path in zip(parts[0::2], parts[1::2]):
        meta = meta.strip("\n")
        if not meta.startswith(":"):
            continue
        _, mode, old, new, status = meta[1:].split(" ")
        found.append(Change(path, old, new, status[:1], mode))
    return tuple(found)


def merge_changes(git: Git, merge: Commit, paths: Sequence[str] = ()) -> dict[str, tuple[Change, ...]]:
    """Return, per parent of ``merge``, the files the merge changed against it."""
    result = {}
    for parent in merge.parents:
        output = git.run_bytes("diff-tree", "-r", "-z", "--no-abbrev", "--no-renames", parent, merge.id, "--", *paths)
        result[parent] = parse_raw(output.decode("utf-8", "replace"))
    return result


def show(git: Git, rev: str, path: str) -> bytes | None:
    """Return ``path`` as it was at ``rev``, or None if it did not exist there."""
    blob = git.run("rev-parse", "--verify", "--quiet", f"{rev}:{path}", check=False).strip()
    return git.run_bytes("cat-file", "blob", blob) if blob else None


def blobs(git: Git, ids: Iterable[str], *, keep: Sequence[str] = ()) -> dict[str, bytes]:
    """Read many blobs in one ``git cat-file --batch`` process; missing ones are left out."""
    wanted = sorted({blob for blob in ids if blob and blob != NULL_BLOB})
    if not wanted:
        return {}
    output = git.run_bytes("cat-file", "--batch", input=("\n".join(wanted) + "\n").encode(), keep=keep)
    found: dict[str, bytes] = {}
    pos = 0
    for blob in wanted:
        end = output.index(b"\n", pos)
        header = output[pos:end].decode("ascii", "replace").split(" ")
        pos = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        found[blob] = output[pos : pos + size]
        pos += size + 1  # the blob is followed by a newline
    return found


def staged(git: Git) -> list[tuple[str, str, str]]:
    """Return (path, blob id, mode) of every file added or changed in the index against HEAD.

    The index a pre-commit hook must look at is the one git names in
    ``GIT_INDEX_FILE`` (``git commit --only`` builds a temporary one), so that
    variable is passed through here.
    """
    keep = ("GIT_INDEX_FILE",)
    if git.run("rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
        output = git.run_bytes("diff-index", "--cached", "-z", "--no-abbrev", "--no-renames", "HEAD", keep=keep)
        changes = parse_raw(output.decode("utf-8", "replace"))
        return [(c.path, c.new, c.mode) for c in changes if c.status != "D"]
    output = git.run_bytes("ls-files", "--stage", "-z", keep=keep).decode("utf-8", "replace")
    entries = []
    for item in output.split("\x00"):
        if item:
            meta, _, path = item.partition("\t")
            mode, blob = meta.split(" ")[:2]
            entries.append((path, blob, mode))
    return entries


def tree(git: Git, rev: str) -> list[tuple[str, str, str]]:
    """Return (path, blob id, mode) of every file in ``rev``'s tree (submodules have a commit id)."""
    output = git.run_bytes("ls-tree", "-r", "-z", "--full-tree", rev).decode("utf-8", "replace")
    entries = []
    for item in output.split("\x00"):
        if item:
            meta, _, path = item.partition("\t")
            mode, _, blob = meta.split(" ")[:3]
            entries.append((path, blob, mode))
    return entries


def blob_sizes(git: Git, ids: Iterable[str]) -> dict[str, int]:
    """The size in bytes of each blob, read in one ``git cat-file --batch-check`` (missing ones left out)."""
    wanted = sorted({blob for blob in ids if blob and blob != NULL_BLOB})
    if not wanted:
        return {}
    output = git.run("cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
                     input=("\n".join(wanted) + "\n").encode())
    sizes = {}
    for line in output.splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[1] == "blob":
            sizes[parts[0]] = int(parts[2])
    return sizes


def tracked(git: Git) -> list[str]:
    """Every tracked file, plus untracked ones git does not ignore (they may be committed next)."""
    output = git.run_bytes("ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted({path for path in output.decode("utf-8", "replace").split("\x00") if path})


def blob_ids(git: Git, names: Iterable[str]) -> dict[str, str]:
    """Resolve ``rev:path`` names to blob ids in one ``git cat-file --batch-check``; absent ones map to NULL_BLOB."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    output = git.run("cat-file", "--batch-check=%(objectname) %(objecttype)", input=("\n".join(wanted) + "\n").encode())
    found = {}
    for name, line in zip(wanted, output.splitlines()):
        parts = line.split(" ")
        found[name] = parts[0] if len(parts) == 2 and parts[1] == "blob" else NULL_BLOB
    return found
