"""Plugin (hardware) keys as cocctl identities: the recipient they answer to, a software signing key, the prompts.

A plugin identity (``AGE-PLUGIN-YUBIKEY-1...``) only names a key held
elsewhere, and a plugin cannot sign. So a plugin member's identity file,
written by ``cocctl keygen --plugin NAME``, holds three things any age tool
still reads: a ``# recipient: age1NAME1...`` comment (the identity does not
encode it), the plugin identity, and an ``AGE-SECRET-KEY-...`` line whose
derived Ed25519 key signs for the member. Nothing is encrypted to that
software key: decryption needs the device, signing needs only the file, so
a stolen file lets someone sign (add forged seals or roster changes) but
not read. A passphrase on the file (``--passphrase``) closes that, and the
agent keeps it to one entry.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from cocctl.archive import keys
from cocctl.clock import format_time
from cocctl.errors import IdentityError, UsageError

# The comment that names a plugin identity's recipient: cocctl's own, and the
# one plugins print (age-plugin-yubikey writes "#    Recipient: age1yubikey1...").
RECIPIENT_COMMENT = re.compile(r"^#\s*recipient:\s*(age1\S+)\s*$", re.IGNORECASE)


def ui(ask: keys.PassphrasePrompt | None, tell: Any = None) -> Any:
    """The way plugins talk to the user: messages through ``tell``, PINs and answers through ``ask``."""
    from cocctl import age

    def request(name: str, prompt: str, secret: bool) -> str | None:
        return ask(f"age-plugin-{name}: {prompt}") if ask else None

    def confirm(name: str, prompt: str, yes: str, no: str) -> bool | None:
        if ask is None:
            return None
        choices = f"'{yes}'" + (f" or '{no}'" if no else "")
        return ask(f"age-plugin-{name}: {prompt} (type {choices})").strip().lower() == yes.strip().lower()

    display = (lambda name, message: tell(f"age-plugin-{name}: {message}")) if tell else None
    return age.PluginUI(display=display, request=request, confirm=confirm)


def attach(text: str, identities: list[Any], ask: keys.PassphrasePrompt | None, tell: Any = None) -> list[Any]:
    """Give each plugin identity its UI and, unless it has one, the recipient the comment above it names.

    Plugin identities are left out when nothing can ask the user (``ask`` is
    None: git's drivers), because a plugin may wait for a PIN or a touch.
    """
    from cocctl import age

    result, plugins = [], iter(declared(text))
    for identity in identities:
        if not isinstance(identity, age.PluginIdentity):
            result.append(identity)
            continue
        named = next(plugins, None)
        if ask is None:
            continue
        recipient = identity.recipient or _recipient(named, identity.name)
        result.append(age.PluginIdentity(str(identity), ui=ui(ask, tell), recipient=recipient))
    return result


def declared(text: str) -> list[str | None]:
    """For each ``AGE-PLUGIN-...`` line of an identity file, the recipient a comment above it names."""
    found: list[str | None] = []
    pending = None
    for line in text.splitlines():
        line = line.strip()
        comment = RECIPIENT_COMMENT.match(line)
        if comment:
            pending = comment.group(1)
        elif line.startswith("AGE-PLUGIN-"):
            found.append(pending)
            pending = None
    return found


def _recipient(text: str | None, name: str) -> Any:
    from cocctl import age

    if text is None:
        return None
    try:
        recipient = age.PluginRecipient(text)
    except age.KeyFormatError:
        return None
    return recipient if recipient.name == name else None


def generate(path: Path, name: str, source: str, recipient: str | None, now: datetime,
             passphrase: str | None = None, work_factor: int = keys.DEFAULT_WORK_FACTOR,
             ask: keys.PassphrasePrompt | None = None, tell: Any = None) -> keys.NewIdentity:
    """Write an identity file for the plugin key in ``source`` (what the plugin's own key generation printed).

    The key is tried once (a file key wrapped to the recipient must come back
    through the identity), so a wrong recipient is caught before the committee
    encrypts to it; the plugin may ask for a PIN or a touch.

    Args:
        name: the plugin's name (``yubikey`` for ``age-plugin-yubikey``).
        source: text holding one ``AGE-PLUGIN-NAME-1...`` line and, unless
            ``recipient`` is given, a ``# Recipient: age1NAME1...`` comment.

    Raises:
        UsageError: no such identity in ``source``, or no matching recipient.
        IdentityError: the plugin is missing, fails, or the pair does not match.
        ConflictError: ``path`` exists.
    """
    from cocctl import age

    prefix = f"AGE-PLUGIN-{name.upper()}-1"
    lines = [line.strip() for line in source.splitlines() if line.strip().startswith(prefix)]
    if len(lines) != 1:
        raise UsageError(
            f"want exactly one {prefix}... line in the plugin key; make one with the plugin's own tool first "
            f"(for example: age-plugin-{name} --generate > key.txt), then pass it with --plugin-key key.txt"
        )
    try:
        identity = age.PluginIdentity(lines[0], ui=ui(ask, tell))
        target = age.PluginRecipient(recipient) if recipient else _recipient(declared(source)[0], identity.name)
    except age.KeyFormatError as error:
        raise UsageError(f"not a usable plugin key: {error}") from None
    if target is None or target.name != identity.name:
        raise UsageError(f"pass --recipient with the age1{name}1... recipient the plugin printed for this key")
    _check_pair(identity, target)
    seed = age.generate_identity()
    public = f"{target} {keys.signing_key([seed]).public}"
    text = (
        f"# created: {format_time(now)}\n"
        f"# kind: age plugin {name}: decrypting needs age-plugin-{name} and the key it names;\n"
        "# the AGE-SECRET-KEY line below only signs (cocctl derives an Ed25519 key from it)\n"
        f"# recipient: {target}\n{identity}\n{seed}\n"
    ).encode()
    if passphrase:
        text = age.encrypt(text, [age.ScryptRecipient(passphrase, work_factor=work_factor)], armor=True)
    keys.create_key_file(path, text)
    return keys.NewIdentity(path=path, recipient=str(target), protected=bool(passphrase), public=public,
                            public_path=keys.write_public(path, public), kind=f"age plugin {name}")


def _check_pair(identity: Any, recipient: Any) -> None:
    from cocctl import age

    try:
        sealed = age.encrypt(b"cocctl key check", [recipient])
        opened = age.decrypt(sealed, [identity])
    except age.NoIdentityMatch:
        raise IdentityError(f"the recipient {recipient} is not the plugin key's; check the recipient") from None
    except age.AgeError as error:
        raise IdentityError(f"the plugin key does not work: {error}") from None
    if opened != b"cocctl key check":
        raise IdentityError("the plugin key does not work")
