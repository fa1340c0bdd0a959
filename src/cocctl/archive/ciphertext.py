"""Key-less checks of the age files in an archive: each exactly as cocctl writes one.

cocctl armors as the age specification does (64 columns, one final newline),
encrypts to members' keys, one stanza per reader, and fills a STREAM payload;
a file that differs in any of these ways was not written by cocctl, and the
difference could carry text. X25519 and SSH stanzas are checked to their exact
grammar; a plugin's stanza (a hardware key's) has a grammar of its own, which
age bounds to base64 arguments and body: the one place a key-less check cannot
be exact. A passphrase (scrypt) stanza is never a member's.
"""

from __future__ import annotations

# The age modules are imported where used: they pull in cryptography, which
# commands that never read a ciphertext should not pay for.

NONCE_SIZE = 16
# Each native stanza type cocctl writes: the length of each argument and of the body.
GRAMMARS = {"X25519": ((43,), (32,)), "ssh-ed25519": ((6, 43), (32,)), "ssh-rsa": ((6,), (256, 384, 512, 1024))}


def age_problem(data: bytes, *, armored: bool | None, stanzas: int | None = None,
                payload: int | None = None) -> str | None:
    """Why ``data`` is not an age file as cocctl writes one, or None when it is.

    Args:
        armored: True: armored exactly as cocctl armors (64 columns, one final
            newline); False: binary; None: either.
        stanzas: the number of recipient stanzas it must have.
        payload: the exact payload size (nonce included) it must have.
    """
    from cocctl.age import armor
    from cocctl.age import format as age_format
    from cocctl.age.errors import AgeError
    from cocctl.age.stream import ENCRYPTED_CHUNK_SIZE, TAG_SIZE, encrypted_size

    is_armored = armor.is_armored(data)
    if armored is not None and is_armored != armored:
        return "armored where cocctl writes binary" if is_armored else "not armored"
    try:
        binary = armor.decode(data) if is_armored else data
        header, offset = age_format.parse(binary)
    except AgeError as error:
        return str(error).split(":")[0]
    if is_armored and armor.encode(binary) != data:
        return "its armor has extra text or spacing"
    if any(stanza.type == "scrypt" for stanza in header.stanzas):
        return "it is not encrypted to members' keys only"
    for stanza in header.stanzas:
        grammar = GRAMMARS.get(stanza.type)
        if grammar is not None and (tuple(len(arg) for arg in stanza.args) != grammar[0]
                                    or len(stanza.body) not in grammar[1]):
            return f"a recipient stanza is not in the {stanza.type} grammar"
    if stanzas is not None and len(header.stanzas) != stanzas:
        return f"it is encrypted to {len(header.stanzas)} key(s) but lists {stanzas} reader(s)"
    size = len(binary) - offset
    if payload is not None and size != payload:
        return "its payload is not the size of what cocctl encrypts there"
    body = size - NONCE_SIZE
    chunks = max(1, -(-body // ENCRYPTED_CHUNK_SIZE))
    if body < TAG_SIZE or encrypted_size(body - TAG_SIZE * chunks) != body:
        return "its payload is not a whole number of encrypted chunks"
    return None
