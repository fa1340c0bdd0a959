"""The 26 leak shapes `cocctl validate` must catch: files a careless member or an attacker commits.

Each shape is a path in the archive and the bytes put there, made at test
time from a real case (its case file, decrypted document and the output of
`show`, `draft`, `person` and `edit`). ``SECRETS`` are strings of that case
that must never appear in validate's output.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SUMMARY = "Sam cornered Riley at the meetup and would not let her leave"
REPORTER = "Riley Smith"
REPORTED = "samuel-b"
SECRETS = (SUMMARY, REPORTER, "riley@example.org", "Smith", "cornered")
SMUGGLED = "riley-smith-was-cornered"


@dataclass(frozen=True)
class Material:
    """What a committee member has at hand about one case, as cocctl wrote or printed it."""

    case: str
    case_file: bytes
    document: bytes  # `show --raw`: the decrypted case document (YAML)
    show: bytes
    show_json: bytes
    draft: bytes
    person: bytes
    edit_buffer: bytes
    identity: Path


@dataclass(frozen=True)
class Leak:
    """One shape: where it lands (``{case}`` is the case id) and what it holds (bytes, or a symlink's target)."""

    name: str
    path: str
    make: Callable[[Material], bytes | Path]


def _insert_after(data: bytes, marker: bytes, extra: bytes) -> bytes:
    index = data.index(marker) + len(marker)
    return data[:index] + extra + data[index:]


def _flow(material: Material) -> bytes:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.default_flow_style = True
    import io

    stream = io.StringIO()
    yaml.dump(_document(material), stream)
    return stream.getvalue().encode()


def _document(material: Material) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(material.document)


def _v1_plaintext(material: Material) -> bytes:
    armored = base64.b64encode(material.document).decode()
    lines = "\n".join("  " + armored[i:i + 64] for i in range(0, len(armored), 64))
    return (f"cocctl: 1\ncase: {material.case}\nstatus: open\nopened: '2026-11-20T09:00:00Z'\n"
            f"updated: '2026-11-20T09:00:00Z'\nrecipients:\n- alice\npayload: |\n"
            f"  -----BEGIN AGE ENCRYPTED FILE-----\n{lines}\n  -----END AGE ENCRYPTED FILE-----\n").encode()


LEAKS: tuple[Leak, ...] = (
    # Inside a case file cocctl wrote, otherwise valid.
    Leak("comment-line", "cases/{case}.yaml",
         lambda m: _insert_after(m.case_file, b"\n", f"# {SUMMARY}\n".encode())),
    Leak("comment-after-value", "cases/{case}.yaml",
         lambda m: m.case_file.replace(b"status: open\n", f"status: open  # {REPORTER}\n".encode(), 1)),
    Leak("text-in-a-deadline-kind", "cases/{case}.yaml",
         lambda m: m.case_file.replace(b"kind: decision", f"kind: {SMUGGLED}".encode(), 1)),
    Leak("extra-metadata-key", "cases/{case}.yaml",
         lambda m: m.case_file.replace(b"seals:\n", f"note: {SUMMARY}\nseals:\n".encode(), 1)),
    Leak("name-among-the-guests", "cases/{case}.yaml",
         lambda m: _insert_after(m.case_file, b"- carol\n", f"guests:\n- {SMUGGLED}\n".encode())),
    Leak("text-in-the-case-id", f"cases/2026-{SMUGGLED.split('-')[0]}-smith.yaml",
         lambda m: m.case_file.replace(m.case.encode(), f"2026-{SMUGGLED.split('-')[0]}-smith".encode())),
    Leak("plaintext-trailer", "cases/{case}.yaml", lambda m: m.case_file + f"{SUMMARY}.\n".encode()),
    Leak("text-inside-the-armor-block", "cases/{case}.yaml",
         lambda m: m.case_file + f"    {base64.b64encode(SUMMARY.encode()).decode()}\n".encode()),
    Leak("second-yaml-document", "cases/{case}.yaml",
         lambda m: m.case_file + f"---\nreporter: {REPORTER}\n".encode()),
    Leak("format-1-file-with-a-plaintext-payload", "cases/{case}.yaml", _v1_plaintext),
    Leak("prose-in-gitkeep", "cases/.gitkeep", lambda m: f"{REPORTER} reported: {SUMMARY}\n".encode()),
    # Copies of the decrypted case.
    Leak("decrypted-yaml", "cases/{case}.decrypted.yaml", lambda m: m.document),
    Leak("compact-json", "notes/{case}.json",
         lambda m: json.dumps(_document(m), separators=(",", ":")).encode()),
    Leak("flow-style-yaml", "cases/{case}.flow.yaml", _flow),
    Leak("gzip-copy", "backup/{case}.yaml.gz", lambda m: gzip.compress(m.document)),
    Leak("base64-copy", "backup/{case}.yaml.b64", lambda m: base64.encodebytes(m.document)),
    Leak("utf16-copy", "cases/{case}.utf16.yaml", lambda m: m.document.decode().encode("utf-16")),
    # What cocctl prints, saved to a file.
    Leak("saved-show", "{case}.txt", lambda m: m.show),
    Leak("saved-show-json", "{case}.json", lambda m: m.show_json),
    Leak("saved-draft", "drafts/{case}-reporter.txt", lambda m: m.draft),
    Leak("saved-person", f"people/{REPORTED}.txt", lambda m: m.person),
    Leak("edit-buffer", "cocctl-edit-x1y2/report.yaml", lambda m: m.edit_buffer),
    Leak("draft-saved-over-a-template", "templates/reporter-ack.txt", lambda m: m.draft),
    # Keys.
    Leak("secret-key", "keys/alice.txt", lambda m: m.identity.read_bytes()),
    Leak("lowercased-secret-key", "README.md", lambda m: b"Our notes:\n" + m.identity.read_bytes().lower()),
    Leak("symlink-to-the-identity", "alice.key", lambda m: m.identity),
)

# Shapes whose content alone gives them away: the second line must catch them
# even in a file the community may add (a README, .github/).
CONTENT_SHAPES = ("decrypted-yaml", "compact-json", "flow-style-yaml", "gzip-copy", "base64-copy", "utf16-copy",
                  "saved-show", "saved-show-json", "saved-draft", "saved-person", "edit-buffer", "secret-key",
                  "lowercased-secret-key")

assert len(LEAKS) == 26 and len({leak.name for leak in LEAKS}) == 26


def by_name(name: str) -> Leak:
    """The leak shape called ``name``."""
    return next(leak for leak in LEAKS if leak.name == name)


def plant(root: Path, leak: Leak, material: Material, path: str | None = None) -> str:
    """Write ``leak`` into the archive at ``root`` (at ``path`` if given); return its path."""
    where = (path or leak.path).format(case=material.case)
    target = root / where
    target.parent.mkdir(parents=True, exist_ok=True)
    content = leak.make(material)
    if isinstance(content, Path):
        target.unlink(missing_ok=True)
        target.symlink_to(content)
    else:
        target.write_bytes(content)
    return where
