"""Loading of the age testkit vectors from ../shared/age-testkit/testdata (never copied here)."""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cocctl import age

# tests/age/testkit.py -> parents[2] is the project root; the vectors live beside it.
TESTDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "age-testkit" / "testdata"
MISSING_REASON = f"age testkit vectors not found at {TESTDATA}"

PQ_IDENTITY_PREFIX = "AGE-SECRET-KEY-PQ-"
OUTCOMES = {
    "success": None,
    "no match": age.NoIdentityMatch,
    "HMAC failure": age.HMACError,
    "header failure": age.HeaderError,
    "payload failure": age.PayloadError,
    "armor failure": age.ArmorError,
}


@dataclass
class Vector:
    """One testkit file: its metadata and the age file it holds."""

    name: str
    expect: str
    file: bytes
    payload: str | None = None
    file_key: bytes | None = None
    armored: bool = False
    identities: list[str] = field(default_factory=list)
    passphrases: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> type[age.AgeError] | None:
        return OUTCOMES[self.expect]

    @property
    def binary(self) -> bytes:
        """The binary age file, with the armor removed if there is one."""
        return age.armor.decode(self.file) if self.armored else self.file

    def needs_pq(self) -> bool:
        """Whether the expected outcome depends on a post-quantum identity.

        That is the case when the vector lists one and either the header has
        an ``mlkem768x25519`` stanza for it to unwrap, or no other identity
        or passphrase is left to produce the outcome.
        """
        if not any(i.startswith(PQ_IDENTITY_PREFIX) for i in self.identities):
            return False
        if self.classical_identities() == [] and not self.passphrases:
            return True
        try:
            header, _ = age.format.parse(self.binary)
        except age.AgeError:
            return False
        return any(s.type == "mlkem768x25519" for s in header.stanzas)

    def classical_identities(self) -> list[str]:
        return [i for i in self.identities if not i.startswith(PQ_IDENTITY_PREFIX)]

    def age_identities(self) -> list:
        """All usable identities: X25519 keys, then scrypt passphrases."""
        ids = [age.parse_identity(i) for i in self.classical_identities()]
        return ids + [age.ScryptIdentity(p) for p in self.passphrases]


def load(path: Path) -> Vector:
    raw = path.read_bytes()
    meta, _, body = raw.partition(b"\n\n")
    fields: dict[str, list[str]] = {}
    for line in meta.decode().split("\n"):
        key, _, value = line.partition(": ")
        fields.setdefault(key, []).append(value)
    if fields.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    file_key = fields.get("file key", [None])[0]
    return Vector(
        name=path.name,
        expect=fields["expect"][0],
        file=body,
        payload=fields.get("payload", [None])[0],
        file_key=bytes.fromhex(file_key) if file_key else None,
        armored=fields.get("armored") == ["yes"],
        identities=fields.get("identity", []),
        passphrases=fields.get("passphrase", []),
    )


@functools.cache
def vectors() -> tuple[Vector, ...]:
    """Every vector in the folder, sorted by name; empty if the folder is absent."""
    if not TESTDATA.is_dir():
        return ()
    return tuple(load(p) for p in sorted(TESTDATA.iterdir()) if p.is_file())


def params(select=lambda v: True, *, decrypts: bool = True) -> list:
    """pytest params, one per selected vector file, with the file name as id.

    Args:
        select: which vectors to include.
        decrypts: whether the test unwraps the file key with the vector's
            identities; if so, vectors that need a post-quantum identity are
            skipped. Tests of parsing and encoding alone run on all.

    Returns:
        The params, or a single skipped one if the folder is absent.
    """
    if not TESTDATA.is_dir():
        return [pytest.param(None, id="testdata-missing", marks=pytest.mark.skip(reason=MISSING_REASON))]
    out = []
    for vector in vectors():
        if not select(vector):
            continue
        marks = ()
        if decrypts and vector.needs_pq():
            marks = pytest.mark.skip(
                reason="needs a post-quantum hybrid identity (mlkem768x25519), not implemented"
            )
        out.append(pytest.param(vector, id=vector.name, marks=marks))
    return out
