"""The allow-list guard: every file of an archive is a kind cocctl writes, in the exact bytes cocctl writes.

A leak of any shape (a comment in a case file, a saved ``show``, a gzip copy
of a decrypted case) fails here because it is not on the list, whatever it
holds. Files a community adds on purpose (a README, CI settings, templates)
cannot be checked that way; the content heuristics of ``archive/leaks.py``
are their second line. Nothing here needs a key, the roster or git history:
``validate`` adds those checks, the pre-commit hook, the pre-push hook and
``sync`` run this.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from cocctl.archive import attachments, casefile, history, leaks, sources, tombstone, yamlio
from cocctl.archive import roster as roster_file
from cocctl.archive.casefile import CaseFile
from cocctl.archive.git import Git
from cocctl.archive.repo import CASES_DIR
from cocctl.errors import IntegrityError
from cocctl.archive.ciphertext import age_problem
from cocctl.archive.ids import is_case_id, is_generated_case_id

# The kinds of file an archive holds.
CONFIG, ROSTER, ATTRIBUTES = "config", "roster", "attributes"
CASE, KEEP, ATTACHMENT = "case", "keep", "attachment"
INDEX, LEGACY_INDEX, TEMPLATE, COMMUNITY = "index", "legacy-index", "template", "community"
TOMBSTONE = "tombstone"
KEEP_FILE = ".gitkeep"
INDEX_DIR, LEGACY_INDEX_FILE, TEMPLATES_DIR = "index", "index.key.age", "templates"
COMMUNITY_FILES = ("README", "README.md", "README.txt", "README.rst", ".gitignore", ".gitlab-ci.yml")
COMMUNITY_DIRS = (".github/",)
# .gitattributes as `cocctl init` writes it, and as format-1 archives have it.
ATTRIBUTES_TEXTS = (b"cases/** diff=cocctl merge=cocctl\ncommittee.yaml merge=cocctl-roster\n",
                    b"cases/** diff=cocctl merge=cocctl\n")
# git's modes for files; a symbolic link (120000) or a submodule (160000) is never cocctl's.
FILE_MODES = ("100644", "100755")
MAX_FILE = yamlio.MAX_BYTES
# 64 MiB of evidence (policy evidence.max_mib at most) and its STREAM tags and header.
MAX_ATTACHMENT = 65 * 1024 * 1024
DEEP_SCAN_BYTES = 1024 * 1024
# What an index key copy decrypts to: the 32-byte key, as one STREAM chunk.
INDEX_KEY_PAYLOAD = 16 + 32 + 16
ALLOWED = ("cocctl.yaml, committee.yaml, .gitattributes, cases/<id>.yaml, cases/.gitkeep, cases/<id>/<seal>-<n>.age, "
           "expunged/<id>.yaml, index/<handle>.age, templates/<name>, a README, .gitignore, .github/ and .gitlab-ci.yml")

_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_HANDLE = re.compile(r"[a-z0-9][a-z0-9._-]{0,38}")
_ULID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")
_TOKEN = re.compile(r"[0-9a-f]{32}")
_SIGNATURE = re.compile(r"[A-Za-z0-9+/]{86}")
_PLACEHOLDER = re.compile(r"\$\{?[a-z_]+\}?")


@dataclass(frozen=True)
class Checked:
    """One file's verdict: its kind (None: not allowed), what is wrong, and the case file when it parses as one."""

    kind: str | None
    problems: tuple[str, ...]
    case_file: CaseFile | None = None


def kind_of(path: str) -> str | None:
    """The kind of file ``path`` (relative to the archive root, with /) names, or None when none is allowed there."""
    if path in ("cocctl.yaml", roster_file.FILE_NAME):
        return CONFIG if path == "cocctl.yaml" else ROSTER
    if path == ".gitattributes":
        return ATTRIBUTES
    if path == LEGACY_INDEX_FILE:
        return LEGACY_INDEX
    if path in COMMUNITY_FILES or path.startswith(COMMUNITY_DIRS):
        return COMMUNITY
    parts = path.split("/")
    if len(parts) == 2 and parts[0] == INDEX_DIR:
        return INDEX if parts[1].endswith(".age") and _HANDLE.fullmatch(parts[1][:-4]) else None
    if len(parts) == 2 and parts[0] == TEMPLATES_DIR:
        return TEMPLATE if parts[1] in template_names() else None
    if len(parts) == 2 and parts[0] == tombstone.FOLDER:
        return TOMBSTONE if parts[1].endswith(".yaml") and is_case_id(parts[1][:-5]) else None
    if parts[0] != CASES_DIR or len(parts) == 1:
        return None
    if len(parts) == 2 and parts[1] == KEEP_FILE:
        return KEEP
    if len(parts) == 2 and parts[1].endswith(".yaml") and is_case_id(parts[1][:-5]):
        return CASE
    if len(parts) > 2 and is_case_id(parts[1]):
        return ATTACHMENT
    return None


@cache
def template_names() -> frozenset[str]:
    """The message and report templates a community may override in templates/ (cocctl's own names)."""
    from importlib.resources import files

    return frozenset(item.name for item in (files("cocctl") / TEMPLATES_DIR).iterdir()
                     if item.name.endswith((".txt", ".md")))


def size_limit(path: str) -> int:
    """How many bytes a file at ``path`` may have (read one more to tell a larger file)."""
    return MAX_ATTACHMENT if kind_of(path) == ATTACHMENT else MAX_FILE


def check(path: str, data: bytes, *, mode: str = "100644", size: int | None = None, cases: Collection[str] = (),
          archive: bool = True) -> Checked:
    """Check one file against the allow-list, its kind's exact form, and the leak patterns.

    Args:
        path: the file's path relative to the archive root, with ``/``.
        data: its bytes (at most :func:`size_limit` + 1 of them).
        mode: git's mode for it (``120000`` is a symbolic link).
        size: its whole size, when ``data`` was not read because it is too large.
        cases: ids of the case files present, for attachments.
        archive: False outside an archive (cocctl's own repository): only
            ``cases/`` is held to the allow-list, other files to the patterns.
    """
    kind = kind_of(path)
    if mode not in FILE_MODES:
        what = "a symbolic link" if mode == "120000" else "a submodule" if mode == "160000" else "not a regular file"
        return Checked(kind, (f"is {what}; cocctl writes none (it could reach a key or a case outside the "
                              f"archive): remove it with 'git rm --cached {path}'",))
    # The roster and settings go through the YAML loader, which has the same limit and says so.
    if max(len(data), size or 0) > size_limit(path) and kind not in (ROSTER, CONFIG):
        return Checked(kind, (f"is too large: more than {size_limit(path) // (1024 * 1024)} MiB, and no file "
                              f"cocctl writes is; remove it with 'git rm --cached {path}'",))
    first = leaks.secret_problems(data)
    # Files whose text cocctl does not control get every pattern; a file at a path that is not
    # allowed fails anyway, and gets them only while that is cheap, for a sharper message.
    if kind in (CONFIG, TEMPLATE, COMMUNITY) or (kind is None and len(data) <= DEEP_SCAN_BYTES):
        first = leaks.content_problems(data)
    if first:
        return Checked(kind, tuple(first))
    if kind is None:
        if not archive and not path.startswith(CASES_DIR + "/"):
            return Checked(None, ())
        return Checked(None, (f"is not a file cocctl writes or an archive may hold; remove it with "
                              f"'git rm --cached {path}' and keep it outside the archive (allowed: {ALLOWED})",))
    if kind == CASE:
        return _case(path, data)
    return Checked(kind, tuple(_OTHER[kind](path, data, cases)))


@dataclass(frozen=True)
class Outgoing:
    """A file version a push would add that the guard refuses: where, in which commit, and why."""

    path: str
    commit: str
    message: str


def outgoing(git: Git, rev: str = "HEAD", exclude: Sequence[str] = ("--remotes",)) -> list[Outgoing]:
    """Check every file version the commits of ``rev`` not reachable from ``exclude`` add.

    Not only the last tree: a leak added in one commit and removed in the
    next is still pushed with the history. A merge is checked for the files
    it changed against every parent (what a merge driver wrote); what it
    takes from one side was checked in that side's commits.
    """
    commits = history.commits(git, rev=rev, exclude=exclude)
    added: dict[tuple[str, str], tuple[str, str]] = {}
    for commit in reversed(commits):
        changes = commit.changes
        if commit.is_merge:
            per_parent = history.merge_changes(git, commit)
            everywhere = set.intersection(*({c.path for c in chs} for chs in per_parent.values()))
            changes = tuple(c for c in per_parent[commit.parents[0]] if c.path in everywhere)
        for change in changes:
            if change.status != "D":
                added.setdefault((change.path, change.new), (change.mode, commit.id))
    if not added:
        return []
    cases = {path.split("/")[1][:-5] for path, _, _ in history.tree(git, rev) if kind_of(path) == CASE}
    cases |= {path.split("/")[1][:-5] for path, _ in added if kind_of(path) == CASE}
    files = sources.blobs(git, [(path, blob, mode) for (path, blob), (mode, _) in added.items()], size_limit)
    found = []
    for source in files:
        commit = added[(source.path, source.blob)][1]
        for message in check(source.path, source.read(), mode=source.mode, size=source.size, cases=cases).problems:
            found.append(Outgoing(source.path, commit, message))
    return found


def _keep(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    if data:
        return ["must be empty (cocctl writes it empty); empty it, and remove what it held from history"]
    return []


def _attributes(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    if data not in ATTRIBUTES_TEXTS:
        return ["differs from the lines cocctl writes ('cases/** diff=cocctl merge=cocctl' and "
                "'committee.yaml merge=cocctl-roster'); restore it with git"]
    return []


def _roster(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    # A roster that does not parse is reported by validate's roster check
    # and refused by every trust walk; here only its exact form is checked.
    try:
        roster = roster_file.loads(data)
    except IntegrityError:
        return []
    if roster_file.is_unsigned(roster):
        return []  # format 1, until 'cocctl upgrade'
    return _differs(data, roster_file.dumps(roster), "restore it with git")


def _template(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["is not UTF-8 text; a template is text with $placeholders"]
    if not _PLACEHOLDER.search(text):
        return ["holds no $placeholder: it looks like a filled-in message (a saved draft), not a template; "
                "remove it from git and from history"]
    return []


def _attachment(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    # cocctl names an attachment after the seal recording it, never after the
    # file (its name is case content); the seal and its readers are checked
    # against the case file by validate (service/validate.py).
    parts = path.split("/")
    if parts[1] not in cases:
        return [f"attachment of case {parts[1]}, which has no case file"]
    if len(parts) != 3 or attachments.parse_name(parts[2]) is None:
        return [f"is not an attachment as cocctl names one (cases/{parts[1]}/<seal id>-<n>.age, never the "
                "file's own name, which can say what it holds); store it with 'cocctl attach' and remove this "
                f"one with 'git rm --cached {path}'"]
    problem = age_problem(data, armored=False)
    return [f"attachment is not an encrypted age file as cocctl writes it ({problem})"] if problem else []


def _index(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    problem = age_problem(data, armored=None if path == LEGACY_INDEX_FILE else True, payload=INDEX_KEY_PAYLOAD,
                          stanzas=None if path == LEGACY_INDEX_FILE else 1)
    return [f"the blinded-index key is not an encrypted age file as cocctl writes it ({problem})"] if problem else []


def _text(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    # cocctl.yaml is hand-edited and signed ('cocctl policy sign'; validate checks
    # its schema); community files hold any text: the leak patterns are all there is.
    return []


def _tombstone(path: str, data: bytes, cases: Collection[str]) -> list[str]:
    return tombstone.problems(data, path.split("/")[1][:-5])


_OTHER = {KEEP: _keep, ATTRIBUTES: _attributes, ROSTER: _roster, TEMPLATE: _template, COMMUNITY: _text,
          CONFIG: _text, ATTACHMENT: _attachment, INDEX: _index, LEGACY_INDEX: _index, TOMBSTONE: _tombstone}


def _case(path: str, data: bytes) -> Checked:
    """A case file: valid, every field in its exact grammar, and byte for byte what cocctl writes for it."""
    try:
        found = casefile.loads(data, name=path)
    except IntegrityError as error:
        return Checked(CASE, (str(error).removeprefix(f"{path} is ").removesuffix("; restore it with git")
                              + "; restore it with git",))
    problems = grammar_problems(found)
    stem = path.split("/")[1][:-5]
    if found.case != stem:
        problems.insert(0, "the case id inside differs from the file name")
    if not problems:
        problems = _differs(data, canonical(found), "restore it with git")
    return Checked(CASE, tuple(problems), found)


def grammar_problems(found: CaseFile) -> list[str]:
    """Every plaintext field of a parsed case file in the exact grammar cocctl writes it in."""
    from cocctl.policy.deadlines import KINDS
    from cocctl.policy import reportable

    problems = []
    if not is_generated_case_id(found.case):
        problems.append("the case id is not one cocctl makes (a year and two words from its lists)")
    times = [found.opened, found.updated, *(item["at"] for item in found.due), *filter(None, [found.expunge])]
    times += [t for seal in found.seals for t in (seal.at, seal.sealed) if t is not None]
    if not all(_valid_time(value) for value in times):
        problems.append("a time is not a UTC time as cocctl writes it (2026-11-20T09:00:00Z)")
    handles = [*found.readers, *found.guests]
    handles += [h for seal in found.seals for h in (seal.by, seal.sealer or seal.by, *seal.readers, *seal.guests)]
    if not all(_HANDLE.fullmatch(handle) for handle in handles):
        problems.append("a reader, guest or author is not a handle")
    kinds = [(item["at"], item["kind"]) for item in found.due]
    if any(kind not in KINDS for _, kind in kinds) or kinds != sorted(kinds):
        problems.append(f"due lists something other than cocctl's deadline kinds ({', '.join(KINDS)}) "
                        "in time order")
    if not all(_TOKEN.fullmatch(token) for token in found.people) or list(found.people) != sorted(set(found.people)):
        problems.append("people holds something other than sorted blinded tokens (32 hex digits)")
    if found.report and reportable.trusted(found.report, found.status) is None:
        problems.append("report actions hold something other than sorted consequence ids of the catalogue, "
                        "or the report has an outcome while the case is not closed (or none once it is)")
    if found.version == 1:
        problem = age_problem((found.payload or "").encode("utf-8"), armored=True,
                              stanzas=len(found.readers) + len(found.guests))
        if problem:
            problems.append(f"the payload is not an age file as cocctl writes it ({problem})")
    for seal in found.seals:
        if not _ULID.fullmatch(seal.id) or not _canonical_signature(seal.sig):
            problems.append(f"seal {seal.id[:26]!r} has an id or signature cocctl does not write")
            continue
        problem = age_problem(seal.age.encode("utf-8"), armored=True, stanzas=len(seal.readers) + len(seal.guests))
        if problem:
            problems.append(f"seal {seal.id} is not an age file as cocctl writes it ({problem})")
    return problems


def canonical(found: CaseFile) -> bytes:
    """The bytes cocctl writes for ``found``: format 2 through the case-file writer, format 1 as it wrote them."""
    if found.version == 2:
        return casefile.dumps(found)
    # Format 1 had the same fields in the same order, with recipients for readers and one payload.
    data = {("recipients" if key == "readers" else key): value for key, value in found.to_dict().items()
            if key not in ("reseal", "seals")}
    data["cocctl"] = 1
    data["payload"] = yamlio.Literal(found.payload or "")
    return yamlio.dumps(data).encode("utf-8")


def _differs(data: bytes, written: bytes, fix: str) -> list[str]:
    if data == written:
        return []
    ours, theirs = written.split(b"\n"), data.split(b"\n")
    line = next((n for n, (a, b) in enumerate(zip(ours, theirs), 1) if a != b), min(len(ours), len(theirs)) + 1)
    return [f"is not byte for byte what cocctl writes for its content (from line {line}: a comment, extra text "
            f"or a hand edit); {fix}"]


def _valid_time(value: str) -> bool:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def _canonical_signature(value: str) -> bool:
    if not _SIGNATURE.fullmatch(value):
        return False
    raw = base64.b64decode(value + "==")
    return base64.b64encode(raw).decode("ascii").rstrip("=") == value
