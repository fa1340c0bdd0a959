"""Interoperability with other age implementations: pyrage (rage) always, the age CLI when on PATH."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cocctl import age

try:
    import pyrage
except ImportError:
    # A test dependency: CI installs it, so its absence there is a failure.
    if os.environ.get("CI"):
        raise
    pytest.skip("pyrage is not installed (pip install -e '.[test]')", allow_module_level=True)

SIZES = [0, 1, 64 * 1024, 64 * 1024 + 1, 1024 * 1024]
SIZE_IDS = ["0B", "1B", "64KiB", "64KiB+1", "1MiB"]
AGE = shutil.which("age")
needs_age_cli = pytest.mark.skipif(AGE is None, reason="the age command is not on PATH")


def plaintext(size: int) -> bytes:
    return os.urandom(size)


sizes = pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
counts = pytest.mark.parametrize("count", [1, 5], ids=["1recipient", "5recipients"])
armors = pytest.mark.parametrize("armored", [False, True], ids=["binary", "armored"])


@sizes
@counts
@armors
def test_x25519_cocctl_to_pyrage(size: int, count: int, armored: bool) -> None:
    data = plaintext(size)
    identities = [pyrage.x25519.Identity.generate() for _ in range(count)]
    encrypted = age.encrypt(data, [str(i.to_public()) for i in identities], armor=armored)
    for identity in {identities[0], identities[-1]}:
        assert pyrage.decrypt(encrypted, [identity]) == data


@sizes
@counts
@armors
def test_x25519_pyrage_to_cocctl(size: int, count: int, armored: bool) -> None:
    data = plaintext(size)
    identities = [age.generate_identity() for _ in range(count)]
    recipients = [pyrage.x25519.Recipient.from_str(str(i.recipient)) for i in identities]
    encrypted = pyrage.encrypt(data, recipients, armored=armored)
    assert age.armor.is_armored(encrypted) == armored
    for identity in {identities[0], identities[-1]}:
        assert age.decrypt(encrypted, identity) == data
        assert b"".join(age.decrypt_chunks(encrypted, str(identity))) == data


@sizes
@armors
def test_scrypt_cocctl_to_pyrage(size: int, armored: bool) -> None:
    data = plaintext(size)
    encrypted = age.encrypt(data, age.ScryptRecipient("correct horse", work_factor=10), armor=armored)
    assert pyrage.passphrase.decrypt(encrypted, "correct horse") == data


# rage picks its own work factor (about a second of work, 2**19 here) and
# cocctl must then do the same work, so each case costs seconds: the payload
# sizes are covered above, these two cover the scrypt stanza in both forms.
@pytest.mark.parametrize(
    ("size", "armored"), [(0, False), (64 * 1024 + 1, True)], ids=["0B-binary", "64KiB+1-armored"]
)
def test_scrypt_pyrage_to_cocctl(size: int, armored: bool) -> None:
    data = plaintext(size)
    encrypted = pyrage.passphrase.encrypt(data, "correct horse", armored=armored)
    assert age.decrypt(encrypted, age.ScryptIdentity("correct horse", max_work_factor=22)) == data


def _age(*args: str, stdin: bytes = b"") -> bytes:
    return subprocess.run([AGE, *args], input=stdin, capture_output=True, check=True).stdout


@needs_age_cli
@sizes
@counts
@armors
def test_x25519_cocctl_to_age_cli(tmp_path: Path, size: int, count: int, armored: bool) -> None:
    data = plaintext(size)
    identities = [age.generate_identity() for _ in range(count)]
    keys = tmp_path / "keys.txt"
    keys.write_text(f"# test key\n{identities[-1]}\n")
    encrypted = age.encrypt(data, [i.recipient for i in identities], armor=armored)
    assert _age("--decrypt", "-i", str(keys), stdin=encrypted) == data


@needs_age_cli
@sizes
@counts
@armors
def test_x25519_age_cli_to_cocctl(tmp_path: Path, size: int, count: int, armored: bool) -> None:
    data = plaintext(size)
    identities = [age.generate_identity() for _ in range(count)]
    args = [a for i in identities for a in ("-r", str(i.recipient))]
    encrypted = _age(*args, *(["--armor"] if armored else []), stdin=data)
    decrypted = age.decrypt(encrypted, identities[-1])
    assert hashlib.sha256(decrypted).digest() == hashlib.sha256(data).digest()


@needs_age_cli
def test_age_keygen_output_parses(tmp_path: Path) -> None:
    keygen = shutil.which("age-keygen")
    if keygen is None:
        pytest.skip("age-keygen is not on PATH")
    text = subprocess.run([keygen], capture_output=True, text=True, check=True).stdout
    (identity,) = age.parse_identities(text)
    public = next(line for line in text.splitlines() if line.startswith("# public key: "))
    assert str(identity.recipient) == public.removeprefix("# public key: ")
    encrypted = age.encrypt(b"hello", identity.recipient)
    keys = tmp_path / "keys.txt"
    keys.write_text(text)
    assert _age("--decrypt", "-i", str(keys), stdin=encrypted) == b"hello"
