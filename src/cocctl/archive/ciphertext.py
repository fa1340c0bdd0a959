"""Key-less checks of the age files in an archive: age v1, to members' keys only, to as many keys as readers."""

from __future__ import annotations

# The age modules are imported where used: they pull in cryptography, which
# commands that never read a ciphertext should not pay for.


def age_problem(data: bytes) -> str | None:
    """Return why ``data`` is not an age v1 file (armored or binary) to X25519 keys only, or None when it is."""
    from cocctl.age import armor
    from cocctl.age import format as age_format
    from cocctl.age.errors import AgeError

    try:
        binary = armor.decode(data) if armor.is_armored(data) else data
        header, _ = age_format.parse(binary)
    except AgeError as error:
        return str(error).split(":")[0]
    if any(not _recipient_stanza(stanza) for stanza in header.stanzas):
        return "it is not encrypted to members' keys only"
    return None


def _recipient_stanza(stanza: object) -> bool:
    """A stanza for a member's key: X25519, ssh-ed25519, ssh-rsa, or a plugin's (whose types are its own).

    Never scrypt: a case is never encrypted to a passphrase.
    """
    return getattr(stanza, "type", None) != "scrypt"


def stanza_problem(armored: str, readers: int) -> str | None:
    """Return why an armored seal is not encrypted to exactly ``readers`` members' keys, or None when it is.

    The reason reads after the seal's name, e.g. "is not a valid age file (...)".
    """
    from cocctl.age import armor
    from cocctl.age import format as age_format
    from cocctl.age.errors import AgeError

    try:
        header, _ = age_format.parse(armor.decode(armored.encode("ascii")))
    except (AgeError, UnicodeEncodeError) as error:
        return f"is not a valid age file ({str(error).split(':')[0]})"
    stanzas = [s for s in header.stanzas if _recipient_stanza(s)]
    if len(stanzas) != len(header.stanzas):
        return "is not encrypted to members' keys only"
    if len(stanzas) != readers:
        return f"is encrypted to {len(stanzas)} key(s) but lists {readers} reader(s)"
    return None
