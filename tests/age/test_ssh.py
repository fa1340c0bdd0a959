"""The ssh-ed25519 and ssh-rsa recipient types, on keys made by ssh-keygen, and their interop with rage and age."""

from __future__ import annotations

import base64
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from cocctl import age
from cocctl.age import format, ssh

from .craft import assemble

SSH_KEYGEN = shutil.which("ssh-keygen")
AGE = shutil.which("age")
needs_age_cli = pytest.mark.skipif(AGE is None, reason="the age command is not on PATH")
pytestmark = pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen is not on PATH")

PASSPHRASE = "correct horse"
# name: ssh-keygen arguments. Every type the layer supports, a second key of
# each type for mismatches, a passphrase-protected key and a too-small one.
KEY_SPECS = {
    "ed25519": ["-t", "ed25519"],
    "ed25519-other": ["-t", "ed25519"],
    "ed25519-protected": ["-t", "ed25519", "-N", PASSPHRASE],
    "rsa2048": ["-t", "rsa", "-b", "2048"],
    "rsa2048-other": ["-t", "rsa", "-b", "2048"],
    "rsa3072": ["-t", "rsa", "-b", "3072"],
    "rsa1024": ["-t", "rsa", "-b", "1024"],
    "ecdsa": ["-t", "ecdsa"],
}
USABLE = ["ed25519", "rsa2048", "rsa3072"]


class Key:
    """A key pair written by ssh-keygen: its file, private bytes and public line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pub_path = path.with_name(path.name + ".pub")
        self.private = path.read_bytes()
        self.public = self.pub_path.read_text().strip()

    def identity(self):
        passphrase = PASSPHRASE if "protected" in self.path.name else None
        return age.parse_ssh_identity(self.private, passphrase)


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict[str, Key]:
    directory = tmp_path_factory.mktemp("ssh")
    found = {}
    for name, args in KEY_SPECS.items():
        path = directory / name
        if "-N" not in args:
            args = [*args, "-N", ""]
        subprocess.run([SSH_KEYGEN, "-q", *args, "-C", f"{name}@example.invalid", "-f", str(path)], check=True)
        found[name] = Key(path)
    return found


def wire_line(key_type: str, *fields: bytes) -> str:
    wire = b"".join(struct.pack(">I", len(f)) + f for f in (key_type.encode(), *fields))
    return f"{key_type} {base64.b64encode(wire).decode()}"


# --- round trips and the key forms ------------------------------------------


@pytest.mark.parametrize("name", USABLE)
@pytest.mark.parametrize("armored", [False, True], ids=["binary", "armored"])
def test_round_trip(keys, name: str, armored: bool) -> None:
    data = os.urandom(70_000)
    encrypted = age.encrypt(data, keys[name].public, armor=armored)
    assert age.decrypt(encrypted, keys[name].identity()) == data


@pytest.mark.parametrize("name", ["ed25519", "rsa2048"])
def test_stanza_carries_the_tag_of_the_wire_key(keys, name: str) -> None:
    import hashlib

    recipient = age.parse_recipient(keys[name].public)
    [stanza] = recipient.wrap(bytes(16))
    wire = base64.b64decode(keys[name].public.split()[1])
    assert stanza.type == keys[name].public.split()[0]
    assert stanza.args[0] == format.b64encode(hashlib.sha256(wire).digest()[:4]).decode()
    if name == "ed25519":
        assert len(stanza.args) == 2 and len(format.b64decode(stanza.args[1])) == 32
        assert len(stanza.body) == 32
    else:
        assert stanza.args == (stanza.args[0],) and len(stanza.body) == 256


def test_recipients_print_compare_and_hash_by_key(keys) -> None:
    line = keys["ed25519"].public
    recipient = age.parse_recipient(line)
    assert str(recipient) == " ".join(line.split()[:2])
    assert age.parse_recipient(f"{line.split()[0]}  {line.split()[1]}\ta comment with spaces") == recipient
    assert recipient == keys["ed25519"].identity().recipient
    assert len({recipient, age.parse_recipient(str(recipient)), keys["ed25519-other"].identity().recipient}) == 2
    assert repr(recipient).startswith("SSHEd25519Recipient('ssh-ed25519 AAAA")
    rsa = age.parse_recipient(keys["rsa2048"].public)
    assert str(rsa) == " ".join(keys["rsa2048"].public.split()[:2]) and rsa == keys["rsa2048"].identity().recipient


def test_recipients_file_mixes_age_and_ssh_keys(keys) -> None:
    x25519 = age.generate_identity()
    text = f"# team\n{keys['ed25519'].public}\n{x25519.recipient}\n\n{keys['rsa2048'].public}\n"
    recipients = age.parse_recipients(text)
    assert [type(r).__name__ for r in recipients] == ["SSHEd25519Recipient", "X25519Recipient", "SSHRSARecipient"]
    encrypted = age.encrypt(b"to all three", recipients)
    for identity in (keys["ed25519"].identity(), x25519, keys["rsa2048"].identity()):
        assert age.decrypt(encrypted, identity) == b"to all three"


def test_identity_repr_shows_only_the_public_key(keys) -> None:
    for name in ("ed25519", "rsa2048"):
        text = repr(keys[name].identity())
        assert keys[name].public.split()[1] in text
        assert "PRIVATE" not in text


# --- key files ------------------------------------------------------------------


def test_parse_identities_reads_an_openssh_key_file(keys) -> None:
    [identity] = age.parse_identities(keys["ed25519"].private.decode())
    assert isinstance(identity, age.SSHEd25519Identity)
    [identity] = age.parse_identities("\n" + keys["rsa2048"].private.decode().replace("\n", "\r\n"))
    assert isinstance(identity, age.SSHRSAIdentity)


def test_passphrase_protected_key(keys) -> None:
    key = keys["ed25519-protected"]
    encrypted = age.encrypt(b"secret", key.public)
    with pytest.raises(age.PassphraseError, match="passphrase-protected"):
        age.parse_ssh_identity(key.private)
    with pytest.raises(age.PassphraseError, match="passphrase-protected"):
        age.parse_identities(key.private.decode())
    with pytest.raises(age.PassphraseError, match="incorrect passphrase"):
        age.parse_ssh_identity(key.private, b"wrong")
    for passphrase in (PASSPHRASE, PASSPHRASE.encode()):
        assert age.decrypt(encrypted, age.parse_ssh_identity(key.private, passphrase)) == b"secret"
    [identity] = age.parse_identities(key.private.decode(), passphrase=PASSPHRASE)
    assert age.decrypt(encrypted, identity) == b"secret"


def test_a_passphrase_for_an_unprotected_key_is_ignored(keys) -> None:
    identity = age.parse_ssh_identity(keys["ed25519"].private, b"unused")
    assert identity.recipient == age.parse_recipient(keys["ed25519"].public)


def test_private_key_text_must_be_bytes(keys) -> None:
    with pytest.raises(TypeError, match="must be bytes, not str"):
        age.parse_ssh_identity(keys["ed25519"].private.decode())


# --- refusals -------------------------------------------------------------------


def test_small_rsa_keys_are_refused(keys) -> None:
    with pytest.raises(age.KeyFormatError, match="too small: 1024 bits, want at least 2048"):
        age.parse_recipient(keys["rsa1024"].public)
    with pytest.raises(age.KeyFormatError, match="too small"):
        age.parse_ssh_identity(keys["rsa1024"].private)


def test_other_ssh_key_types_are_refused(keys) -> None:
    with pytest.raises(age.KeyFormatError, match="unsupported SSH key type"):
        age.parse_ssh_identity(keys["ecdsa"].private)
    with pytest.raises(age.KeyFormatError, match="unknown recipient type"):
        age.parse_recipient(keys["ecdsa"].public)
    with pytest.raises(age.KeyFormatError, match="unsupported SSH key type 'ssh-dss'"):
        age.parse_recipient("ssh-dss AAAAB3NzaC1kc3MAAACBAP")


def _not_on_curve() -> bytes:
    # The first y for which (y^2 - 1) / (d y^2 + 1) is not a square.
    for y in range(2, 100):
        x2 = (y * y - 1) * pow(ssh._D * y * y + 1, -1, ssh._P) % ssh._P
        if pow(x2, (ssh._P - 1) // 2, ssh._P) != 1:
            return y.to_bytes(32, "little")
    raise AssertionError("no y off the curve")


@pytest.mark.parametrize(
    "line, message",
    [
        ("ssh-ed25519", "malformed SSH public key"),
        ("ssh-ed25519 AAAA", "malformed SSH public key"),
        ("ssh-ed25519 not*base64", "malformed SSH public key"),
        (wire_line("ssh-ed25519", bytes(31)), "malformed SSH public key"),
        (wire_line("ssh-rsa", b"\x01\x00\x01"), "malformed SSH public key"),
        ("ssh-rsa " + wire_line("ssh-ed25519", bytes(32)).split()[1], "malformed SSH public key"),
        (wire_line("ssh-ed25519", _not_on_curve()), "not a point on the curve"),
    ],
    ids=["no-key", "short", "not-base64", "31-bytes", "rsa-no-modulus", "type-mismatch", "off-curve"],
)
def test_malformed_recipients(line: str, message: str) -> None:
    with pytest.raises(age.KeyFormatError, match=message):
        age.parse_recipient(line)


def test_low_order_ed25519_key_cannot_be_encrypted_to() -> None:
    # y = 1 is the neutral element; its X25519 image is u = 0.
    recipient = age.parse_recipient(wire_line("ssh-ed25519", (1).to_bytes(32, "little")))
    with pytest.raises(age.KeyFormatError, match="low-order"):
        age.encrypt(b"x", recipient)


@pytest.mark.parametrize(
    "text",
    [
        "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n",
    ],
    ids=["garbage", "truncated"],
)
def test_malformed_private_keys(text: str) -> None:
    with pytest.raises(age.KeyFormatError, match="malformed SSH private key") as info:
        age.parse_identities(text)
    assert "AAAA" not in str(info.value) and "b3Bl" not in str(info.value)


def test_pem_private_keys_are_refused_with_a_conversion_hint(tmp_path: Path) -> None:
    path = tmp_path / "pem"
    subprocess.run([SSH_KEYGEN, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", str(path)], check=True)
    with pytest.raises(age.KeyFormatError, match="ssh-keygen -p -f FILE"):
        age.parse_identities(path.read_text())


# --- matching stanzas -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ed25519", "rsa2048"])
def test_wrong_key_gives_no_identity_match(keys, kind: str) -> None:
    encrypted = age.encrypt(b"x", keys[f"{kind}-other"].public)
    with pytest.raises(age.NoIdentityMatch):
        age.decrypt(encrypted, keys[kind].identity())
    with pytest.raises(age.NoIdentityMatch):
        age.decrypt(encrypted, age.generate_identity())
    with pytest.raises(age.NoIdentityMatch):
        age.decrypt(age.encrypt(b"x", age.generate_identity().recipient), keys[kind].identity())


@pytest.mark.parametrize("kind", ["ed25519", "rsa2048"])
def test_stanza_with_another_tag_is_skipped(keys, kind: str) -> None:
    identity = keys[kind].identity()
    [stanza] = identity.recipient.wrap(bytes(range(16)))
    other_tag = format.b64encode(bytes(4)).decode()
    retagged = format.Stanza(stanza.type, (other_tag, *stanza.args[1:]), stanza.body)
    assert identity.unwrap([retagged]) is None
    # The real stanza after another key's one still unwraps: the first is skipped.
    assert identity.unwrap([retagged, stanza]) == bytes(range(16))
    # A file to two keys of the same type decrypts with either.
    encrypted = age.encrypt(b"both", [keys[f"{kind}-other"].public, keys[kind].public])
    assert age.decrypt(encrypted, identity) == b"both"


@pytest.mark.parametrize("kind", ["ed25519", "rsa2048"])
def test_stanza_with_our_tag_that_does_not_decrypt_is_a_header_error(keys, kind: str) -> None:
    identity = keys[kind].identity()
    [stanza] = identity.recipient.wrap(bytes(16))
    body = bytearray(stanza.body)
    body[-1] ^= 1
    corrupt = format.Stanza(stanza.type, stanza.args, bytes(body))
    with pytest.raises(age.HeaderError, match="failed to decrypt file key"):
        identity.unwrap([corrupt])
    with pytest.raises(age.HeaderError, match="failed to unwrap file key: invalid"):
        age.decrypt(assemble(bytes(16), [corrupt]), identity)


def test_malformed_ed25519_stanzas(keys) -> None:
    identity = keys["ed25519"].identity()
    [good] = identity.recipient.wrap(bytes(16))
    tag, share = good.args
    other = format.b64encode(bytes(4)).decode()
    cases = {
        "1 arguments, want 2": format.Stanza("ssh-ed25519", (other,), good.body),
        "3 arguments, want 2": format.Stanza("ssh-ed25519", (other, share, "x"), good.body),
        "share is 31 bytes": format.Stanza("ssh-ed25519", (other, format.b64encode(bytes(31)).decode()), good.body),
        "non-canonical base64": format.Stanza("ssh-ed25519", (other, share[:-1] + "B"), good.body),
        "body is 33 bytes": format.Stanza("ssh-ed25519", (tag, share), good.body + b"\0"),
        "all-zero shared secret": format.Stanza("ssh-ed25519", (tag, format.b64encode(bytes(32)).decode()), good.body),
    }
    for message, stanza in cases.items():
        with pytest.raises(age.HeaderError, match=message):
            identity.unwrap([stanza])
    # The body is checked only once the tag says the stanza is ours.
    assert identity.unwrap([format.Stanza("ssh-ed25519", (other, share), good.body + b"\0")]) is None


def test_malformed_rsa_stanzas(keys) -> None:
    identity = keys["rsa2048"].identity()
    [good] = identity.recipient.wrap(bytes(16))
    with pytest.raises(age.HeaderError, match="2 arguments, want 1"):
        identity.unwrap([format.Stanza("ssh-rsa", (*good.args, "x"), good.body)])
    with pytest.raises(age.HeaderError, match="failed to decrypt"):
        identity.unwrap([format.Stanza("ssh-rsa", good.args, good.body[:-1])])
    # OAEP authenticates nothing about the length: a 17-byte file key is refused here.
    [long] = identity.recipient.wrap(bytes(17))
    with pytest.raises(age.HeaderError, match="file key is 17 bytes"):
        identity.unwrap([long])


# --- interoperability ----------------------------------------------------------------

try:
    import pyrage
except ImportError:
    # A test dependency: CI installs it, so its absence there is a failure.
    if os.environ.get("CI"):
        raise
    pyrage = None
needs_pyrage = pytest.mark.skipif(pyrage is None, reason="pyrage is not installed (pip install -e '.[test]')")


@needs_pyrage
@pytest.mark.parametrize("name", ["ed25519", "rsa2048"])
def test_cocctl_to_pyrage(keys, name: str) -> None:
    data = os.urandom(100_000)
    encrypted = age.encrypt(data, keys[name].public)
    assert pyrage.decrypt(encrypted, [pyrage.ssh.Identity.from_buffer(keys[name].private)]) == data


@needs_pyrage
@pytest.mark.parametrize("name", ["ed25519", "rsa2048"])
def test_pyrage_to_cocctl(keys, name: str) -> None:
    data = os.urandom(100_000)
    encrypted = pyrage.encrypt(data, [pyrage.ssh.Recipient.from_str(keys[name].public)])
    assert age.decrypt(encrypted, keys[name].identity()) == data


@needs_age_cli
@pytest.mark.parametrize("name", ["ed25519", "rsa2048", "rsa3072"])
def test_cocctl_to_age_cli(keys, name: str, tmp_path: Path) -> None:
    data = os.urandom(100_000)
    (tmp_path / "in.age").write_bytes(age.encrypt(data, keys[name].public, armor=True))
    out = subprocess.run([AGE, "-d", "-i", str(keys[name].path), str(tmp_path / "in.age")], capture_output=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == data


@needs_age_cli
@pytest.mark.parametrize("name", ["ed25519", "rsa2048", "ed25519-protected"])
def test_age_cli_to_cocctl(keys, name: str, tmp_path: Path) -> None:
    data = os.urandom(100_000)
    (tmp_path / "in").write_bytes(data)
    subprocess.run([AGE, "-R", str(keys[name].pub_path), "-o", str(tmp_path / "out.age"), str(tmp_path / "in")],
                   check=True)  # fmt: skip
    assert age.decrypt((tmp_path / "out.age").read_bytes(), keys[name].identity()) == data
