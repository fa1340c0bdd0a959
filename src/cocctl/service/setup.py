"""Getting started: my keys (keygen, whoami), a new archive (init), and this clone's git drivers."""

from __future__ import annotations

import stat
from dataclasses import dataclass, replace
from pathlib import Path

from cocctl.archive import agent, blind, drivers, fsio, keys, trust
from cocctl.archive import config as config_file
from cocctl.archive import roster as roster_file
from cocctl.archive.git import Git
from cocctl.archive.repo import CASES_DIR, Archive
from cocctl.archive.roster import Entry
from cocctl.clock import format_time
from cocctl.errors import ConflictError, IdentityError, UsageError
from cocctl.model import events as ev
from cocctl.policy import presets
from cocctl.service import keys as member_keys
from cocctl.service import policy
from cocctl.service.workspace import Session, Workspace
from cocctl.text import require_single_line

HOOK_MARKER = "# Installed by 'cocctl hooks install'"
# Where each CI system reads its workflow, by the name `init --ci` takes.
CI_FILES = {"github": ".github/workflows/cocctl.yml", "gitlab": ".gitlab-ci.yml"}
GITATTRIBUTES = (
    "cases/** diff=cocctl merge=cocctl\n"
    "committee.yaml merge=cocctl-roster\n"
)


@dataclass(frozen=True)
class Whoami:
    """Which member my identity is, in which archive, and my public keys."""

    handle: str
    recipient: str
    signing: str | None
    roles: tuple[str, ...]
    archive: Path
    key: str = ""
    protected: bool = False
    agent_seconds: int | None = None
    # Not a member: the cases this identity acts on as their mediator (``roles`` is then ("mediator",)).
    cases: tuple[str, ...] = ()


def keygen(session: Session, out: Path | None, passphrase: str | None,
           work_factor: int = keys.DEFAULT_WORK_FACTOR, ssh: Path | None = None,
           plugin: str | None = None, plugin_key: Path | None = None, recipient: str | None = None,
           ) -> keys.NewIdentity:
    """Create my identity at ``out`` or the default path (and ``PATH.pub``); never overwrite one.

    Args:
        ssh: use this existing OpenSSH private key instead of a new age key
            (the identity path becomes a link to it).
        plugin: the age plugin of a hardware key; ``plugin_key`` is the file
            its own key generation wrote, ``recipient`` its recipient when
            that file does not name it.

    Raises:
        UsageError: options that do not go together, or an unreadable plugin key file.
    """
    from cocctl.archive import pluginkeys

    path = out.expanduser() if out else keys.resolve_path(session.identity)
    if ssh is not None and plugin is not None:
        raise UsageError("choose one kind of key: --ssh or --plugin")
    if ssh is not None:
        if passphrase:
            raise UsageError("--passphrase does not apply to --ssh: protect the SSH key itself (ssh-keygen -p -f KEY)")
        return keys.adopt_ssh(path, ssh, session.ask_passphrase)
    now = Workspace(session).now
    if plugin is not None:
        if plugin_key is None:
            raise UsageError(f"--plugin needs --plugin-key FILE: the key age-plugin-{plugin}'s own tool made "
                             f"(for example: age-plugin-{plugin} --generate > key.txt)")
        try:
            source = plugin_key.expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise UsageError(f"cannot read the plugin key file {plugin_key}") from None
        return pluginkeys.generate(path, plugin.lower(), source, recipient, now, passphrase, work_factor,
                                   session.ask_passphrase, session.tell)
    if plugin_key is not None or recipient is not None:
        raise UsageError("--plugin-key and --recipient go with --plugin NAME")
    return keys.generate(path, now, passphrase, work_factor)


def public_line(session: Session) -> str:
    """The line to send the committee to join: my age recipient and signing key (no archive needed)."""
    work = Workspace(session)
    return keys.public_line(work.identities)


def whoami(session: Session) -> Whoami:
    """Tell which active member of the archive my identity is, or which cases it mediates.

    Raises:
        AccessDenied: my identity is neither a member's nor a mediator's a member granted.
    """
    from cocctl.errors import AccessDenied
    from cocctl.service import mediator

    work = Workspace(session)
    cases: tuple[str, ...] = ()
    try:
        me = work.me
    except AccessDenied:
        cases = tuple(mediator.cases_of(work))
        if not cases:
            raise
        work.bind(cases[0])
        me = replace(work.me, roles=(mediator.ROLE,))
    path = keys.resolve_path(session.identity)
    running = agent.status(path)
    return Whoami(me.handle, me.recipient, me.signing, me.roles, work.archive.root,
                  key=keys.kind_of(work.identities), protected=keys.protected(path),
                  agent_seconds=running.seconds_left if running else None, cases=cases)


def unlock(session: Session, duration: str) -> agent.Status:
    """Ask my passphrase once and start the agent that holds my identity for ``duration`` ("30m", "2h").

    Raises:
        IdentityError: no identity, a wrong passphrase, or no way to ask.
        UsageError: the identity is not passphrase-protected.
    """
    seconds = agent.parse_duration(duration)
    path = keys.resolve_path(session.identity)
    if not path.exists():
        keys.load(path)  # says how to make one
    if not keys.protected(path):
        raise UsageError(f"{path} is not passphrase-protected; cocctl reads it without asking, nothing to unlock")
    if session.ask_passphrase is None:
        raise IdentityError(f"{path} is passphrase-protected; run 'cocctl unlock' in a terminal")
    return agent.start(path, session.ask_passphrase(f"passphrase for {path}"), seconds)


def lock(session: Session) -> agent.Status | None:
    """Stop the agent holding my identity; return what it was (None: none ran)."""
    return agent.lock(keys.resolve_path(session.identity))


def init_archive(session: Session, path: Path, community: str, handle: str, preset: str,
                 roles: tuple[str, ...] = (), ci: str | None = None) -> Archive:
    """Create an archive at ``path`` with me as the first member, in one commit.

    The roster starts with one entry, signed by me, adding me; cocctl.yaml's
    hash is signed in a second entry. Also registers cocctl's git drivers
    in the clone and pins the roster; with ``ci`` (github or gitlab) adds
    that system's workflow to the first commit.

    Raises:
        UsageError: unknown preset, malformed handle or community name.
        ConflictError: ``path`` already holds an archive.
    """
    if preset not in presets.PRESETS:
        raise UsageError(f"unknown preset {preset!r}; choose one of {', '.join(presets.names())}")
    member_keys.check_handle(handle)
    community = community.strip()
    if not community or any(ord(c) < 32 or ord(c) == 127 for c in community):
        raise UsageError("the community name must be one line of text, not empty")
    require_single_line(community, "--community")
    workflow = ci_workflow(ci) if ci else None
    root = path.expanduser().resolve()
    if (root / config_file.FILE_NAME).exists():
        raise ConflictError(f"{root} is already a cocctl archive")
    work = Workspace(session)
    recipients = keys.recipients_of(work.identities)
    if not recipients:
        raise UsageError("your identity has no key to encrypt cases to; run 'cocctl keygen'")
    key = keys.signing_key(work.identities)
    root.mkdir(parents=True, exist_ok=True)
    git = Git(root)
    if not (root / ".git").exists():
        git.run("init", "--quiet")
    drivers.setup(git)
    config = config_file.dumps(config_file.Config(community, preset))
    millis = int(work.now.timestamp() * 1000)
    at = format_time(work.now)
    fields = {"handle": handle, "recipient": recipients[0], "signing": key.public}
    if roles:
        fields["roles"] = list(roles)
    first = roster_file.sign_entry(key, Entry(ev.new_event_id(millis), at, handle, None, roster_file.ADD, member=fields))
    settings = roster_file.sign_entry(key, Entry(ev.new_event_id(millis + 1), at, handle, first.id, roster_file.CONFIG,
                                                 **policy.settings_fields(config)))
    roster = roster_file.build([first, settings])
    archive = Archive(root)
    files = {
        config_file.FILE_NAME: config,
        roster_file.FILE_NAME: roster_file.dumps(roster),
        f"{CASES_DIR}/.gitkeep": b"",
        ".gitattributes": GITATTRIBUTES.encode(),
        **blind.first_key_files(recipients[0], handle),
    }
    if workflow is not None:
        files[workflow[0]] = workflow[1]
    with archive.locked():
        commit = archive.commit(
            files,
            f"Create the cocctl archive for {community}",
            {"Cocctl-Action": "init", "Cocctl-Actor": handle},
            work.now,
            sign=False,  # no settings are in force before this first commit
        )
        trust.write_pin(git, commit)
    return archive


def user_folder(name: str) -> Path:
    """cocctl's private (0700) folder ``name`` of this user: edit buffers, the agent's socket.

    Raises:
        PermissionError: it exists but is not a directory this user owns.
    """
    return fsio.user_folder(name)


def setup(session: Session) -> dict[str, str]:
    """Register cocctl's diff and merge drivers and the pre-push guard in this clone's git config."""
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
