"""What ``cocctl verify`` has proven in this clone, so the next run checks only new commits.

The memory is ``.git/cocctl/verified``: a header, the version of verify's
rules it was proven under, and the commits whose whole history passed every
check, newest first. It lives in the git folder, which no remote can write;
still, it is read strictly: anything but exactly this shape (or another
rules version) is ignored, and verify then walks the whole history again.
A commit named here is trusted only as far as it is still an ancestor of
what is verified (the caller checks); a rewritten history falls back to a
full walk.

    cocctl-verified 1
    rules 1
    <commit id>
    ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cocctl.archive.fsio import write_atomic
from cocctl.archive.git import Git

NAME = "cocctl/verified"
HEADER = "cocctl-verified 1"
KEEP = 16  # proven commits remembered (a branch, what sync fetched, a merge of both, ...)
_LIMIT = 4096  # bytes: a longer file was not written by cocctl
_COMMIT = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


@dataclass(frozen=True)
class Memory:
    """The commits proven before, newest first; ``problem`` says why the file was not used (empty when it was)."""

    commits: tuple[str, ...] = ()
    problem: str = ""


def memory_file(git: Git) -> Path:
    """Where this clone keeps the memory (inside the git folder, never committed)."""
    return Path(git.root / git.run("rev-parse", "--git-path", NAME).strip())


def read(git: Git, rules: str) -> Memory:
    """The proven commits, or none with the reason when the file is absent, unreadable or not cocctl's."""
    path = memory_file(git)
    try:
        with path.open("rb") as stream:
            data = stream.read(_LIMIT + 1)
    except FileNotFoundError:
        return Memory(problem="no earlier verify in this clone")
    except OSError as error:
        return Memory(problem=f"{path.name} cannot be read ({error.strerror or error})")
    try:
        lines = data.decode("ascii").split("\n")
    except UnicodeDecodeError:
        lines = []
    if len(data) > _LIMIT or len(lines) < 4 or lines[0] != HEADER or lines[-1] != "" or \
            not lines[1].startswith("rules ") or not all(_COMMIT.match(line) for line in lines[2:-1]) or \
            len(lines) - 3 > KEEP:
        return Memory(problem=f"{path} is corrupt")
    if lines[1] != f"rules {rules}":
        return Memory(problem="the earlier verify ran under other rules (another cocctl version)")
    return Memory(tuple(lines[2:-1]))


def remember(git: Git, rules: str, commit: str, before: Memory) -> None:
    """Record that ``commit``'s whole history passed verify (kept with the newest others proven before)."""
    commits = [commit, *(c for c in before.commits if c != commit)][:KEEP]
    text = f"{HEADER}\nrules {rules}\n" + "".join(f"{c}\n" for c in commits)
    try:
        write_atomic(memory_file(git), text.encode())
    except OSError:
        pass  # a memory that cannot be written is only a slower next verify

