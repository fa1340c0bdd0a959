"""The git diff driver: members see decrypted canonical YAML, others a one-line marker.

``.gitattributes`` marks ``cases/**`` with ``diff=cocctl``; ``setup`` tells
this clone's git what that driver runs. git calls ``cocctl textconv FILE``
for each side of a diff, so ``git log -p`` and ``git diff`` show what changed
in a case rather than two walls of ciphertext.
"""

from __future__ import annotations

import hashlib
import shlex
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cocctl.archive import casefile, yamlio
from cocctl.archive.git import Git
from cocctl.errors import AccessDenied, IntegrityError

DRIVER = "cocctl"
ROSTER_DRIVER = "cocctl-roster"
PRE_PUSH_MARKER = "# Installed by 'cocctl setup': refuse to push what 'cocctl verify' rejects."
MARKER = "# cocctl:"


def command(*args: str) -> str:
    """A command line git runs: this interpreter running this cocctl with ``args``.

    The interpreter's absolute path is written rather than a bare
    ``cocctl``, because git runs drivers with whatever PATH it has (an IDE,
    a GUI client), where the user's virtual environment is often missing.
    Run ``cocctl setup`` again after moving the environment.
    """
    return " ".join([shlex.quote(sys.executable), "-m", "cocctl", *args])


def settings() -> dict[str, str]:
    """The git config entries of the diff and merge drivers.

    ``cachetextconv`` is false on purpose: git's textconv cache stores the
    converted text as notes (``refs/notes/textconv/cocctl``) in the object
    database, which would keep decrypted case documents on disk unencrypted,
    past a member's off-boarding and into any push of ``refs/notes/*``.
    Decrypting again on each diff costs a few milliseconds per version.
    """
    return {
        f"diff.{DRIVER}.textconv": command("textconv"),
        f"diff.{DRIVER}.cachetextconv": "false",
        # The merge drivers: case files merge as the union of their seals,
        # the roster as the union of its signed changes; neither needs a key.
        f"merge.{DRIVER}.name": "cocctl case files: union of the seals",
        f"merge.{DRIVER}.driver": command("merge-driver", "%O", "%A", "%B", "%P"),
        f"merge.{ROSTER_DRIVER}.name": "cocctl roster: union of the signed changes",
        f"merge.{ROSTER_DRIVER}.driver": command("merge-driver", "--roster", "%O", "%A", "%B", "%P"),
    }


def registered(root: Path) -> bool:
    """Whether the clone at ``root`` has cocctl's merge drivers in its git config.

    Reads ``.git/config`` directly (every command asks, and a git process
    costs more than the answer); a linked worktree or submodule, where
    ``.git`` is a file, asks git.
    """
    config = root / ".git" / "config"
    wanted = (f'[merge "{DRIVER}"]', f'[merge "{ROSTER_DRIVER}"]')
    if (root / ".git").is_dir():
        try:
            text = config.read_text(errors="replace")
        except OSError:
            return False
        return all(section in text for section in wanted)
    found = Git(root).run("config", "--get-regexp", r"^merge\.cocctl", check=False)
    return f"merge.{DRIVER}.driver" in found and f"merge.{ROSTER_DRIVER}.driver" in found


def pre_push_script() -> str:
    """The pre-push guard: refuse to push a roster or case that would not verify, or a file the guard rejects.

    git gives the hook one line per ref pushed on stdin; ``validate --pushed``
    reads them to check every file version the push adds.
    """
    return (f"#!/bin/sh\n{PRE_PUSH_MARKER}\n"
            f"{command('verify', '--quiet', '--new')} || exit 1\n"
            f"exec {command('validate', '--pushed')}\n")


def setup(git: Git) -> dict[str, str]:
    """Write the drivers into the clone's own git config (``.git/config``) and the pre-push guard; return the entries.

    An existing pre-push hook that is not cocctl's is left alone.
    """
    entries = settings()
    for key, value in entries.items():
        git.run("config", "--local", key, value)
    hook = Path(git.root / git.run("rev-parse", "--git-path", "hooks/pre-push").strip())
    existing = hook.read_text(errors="replace") if hook.exists() else None
    if existing is None or PRE_PUSH_MARKER in existing:
        hook.parent.mkdir(parents=True, exist_ok=True)
        hook.write_text(pre_push_script())
        hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IRUSR)
    from cocctl.archive.history import write_graph

    write_graph(git)  # 'cocctl log CASE' reads only the commits that touched the case
    return entries


def installed(git: Git) -> bool:
    """Whether this clone's git config holds the drivers as :func:`setup` writes them, and cocctl's pre-push guard is current."""
    for key, value in settings().items():
        if git.run("config", "--local", "--get", key, check=False).strip() != value:
            return False
    hook = Path(git.root / git.run("rev-parse", "--git-path", "hooks/pre-push").strip())
    existing = hook.read_text(errors="replace") if hook.is_file() else None
    return existing is not None and (PRE_PUSH_MARKER not in existing or existing == pre_push_script())


def textconv(data: bytes, identities: Sequence[Any] | None, why_not: str = "no identity") -> str:
    """Return what git should show of one version of a file under ``cases/``.

    Args:
        data: the file's bytes, as git hands them over.
        identities: my age identities, or None when I have none.
        why_not: why there are no identities, for the marker line.

    Returns:
        The decrypted case document as canonical YAML (with the recipients
        as a leading comment), or one marker line when it cannot be read.
        Never the ciphertext.
    """
    from cocctl.age import armor

    if not data.strip():
        return ""
    if data.startswith(b"age-encryption.org/") or armor.is_armored(data):
        return _attachment(data, identities, why_not)
    try:
        found = casefile.loads(data, name="case file")
    except IntegrityError:
        if b"events" in data and b"opened" in data:
            return f"{MARKER} not an encrypted case file (plaintext? run 'cocctl validate')\n"
        return data.decode("utf-8", "replace")
    about = f"case {found.case}, {found.status}, updated {found.updated}"
    if identities is None:
        return f"{MARKER} encrypted {about}; you cannot decrypt it ({why_not})\n"
    try:
        events, hidden = casefile.readable_events(found, identities, name="case file")
    except AccessDenied:
        return f"{MARKER} encrypted {about}; you are not a reader\n"
    except IntegrityError:
        return f"{MARKER} encrypted {about}; it is corrupt\n"
    if hidden and not events:
        return f"{MARKER} encrypted {about}; you are not a reader\n"
    header = f"# readers: {', '.join(found.readers)}\n"
    if found.guests:
        header += f"# guests: {', '.join(found.guests)}\n"
    if hidden:
        header += f"# {hidden} seal(s) you cannot read\n"
    if found.reseal:
        header += "# needs a reader's re-seal\n"
    document = {"case": found.case, "status": found.status, "opened": found.opened, "updated": found.updated,
                "events": sorted(events, key=lambda e: (str(e.get("at")), str(e.get("id"))))}
    return header + yamlio.dumps(document)


def _attachment(data: bytes, identities: Sequence[Any] | None, why_not: str) -> str:
    from cocctl import age

    if identities is None:
        return f"{MARKER} encrypted attachment; you cannot decrypt it ({why_not})\n"
    try:
        plaintext = age.decrypt(data, list(identities))
    except age.NoIdentityMatch:
        return f"{MARKER} encrypted attachment; you are not a recipient\n"
    except age.AgeError:
        return f"{MARKER} encrypted attachment; it is corrupt\n"
    try:
        text = plaintext.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text:
        return text
    digest = hashlib.sha256(plaintext).hexdigest()
    return f"{MARKER} binary attachment, {len(plaintext)} bytes, sha256 {digest}\n"
