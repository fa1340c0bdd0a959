"""Sealing a case document into an envelope and opening it again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cocctl import validation
from cocctl.archive import yamlio
from cocctl.archive.envelope import Envelope
from cocctl.errors import AccessDenied, IntegrityError

# Fields the envelope repeats in plaintext; they must equal the sealed ones,
# so a swapped payload or an edited status is caught on every read.
MIRRORED = ("case", "status", "opened", "updated")


def seal(document: dict[str, Any], recipients: Sequence[Any]) -> str:
    """Encrypt a validated case document to ``recipients``; return armored age.

    Raises:
        IntegrityError: the document breaks ``schemas/case.schema.json``.
    """
    from cocctl import age

    found = validation.case_problems(document)
    if found:
        raise IntegrityError(f"refusing to write an invalid case {document.get('case')}: {found[0]}")
    plaintext = yamlio.dumps(document).encode("utf-8")
    return age.encrypt(plaintext, list(recipients), armor=True).decode("ascii")


def unseal(envelope: Envelope, identities: Sequence[Any], *, name: str) -> dict[str, Any]:
    """Decrypt and validate the document inside ``envelope``.

    Raises:
        AccessDenied: none of ``identities`` is a recipient of the case.
        IntegrityError: the payload is corrupt, tampered with, or disagrees
            with its envelope.
    """
    from cocctl import age

    try:
        plaintext = age.decrypt(envelope.payload.encode("ascii"), list(identities))
    except age.NoIdentityMatch:
        raise AccessDenied(
            f"your identity cannot decrypt case {envelope.case}: you are not one of its recipients"
        ) from None
    except (age.AgeError, UnicodeEncodeError) as error:
        raise IntegrityError(
            f"{name} is corrupt or was tampered with ({type(error).__name__}); restore it with git"
        ) from None
    try:
        document = yamlio.loads(plaintext)
    except yamlio.YAMLSyntaxError:
        raise IntegrityError(f"{name} decrypts to something that is not a case document") from None
    found = validation.case_problems(document)
    if found:
        raise IntegrityError(f"{name} decrypts to an invalid case document ({found[0]})")
    for field in MIRRORED:
        if document[field] != getattr(envelope, field):
            raise IntegrityError(f"{name}: envelope {field} disagrees with the encrypted case; restore it with git")
    return document
