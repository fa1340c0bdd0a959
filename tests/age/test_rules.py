"""Cross-cutting rules of the age layer: imports, randomness, error classes, the API's argument forms."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from cocctl import age
from cocctl.age import errors, format

from .craft import split

PACKAGE = Path(age.__file__).parent

# The only cryptographic code the age layer may use: cryptography's
# primitives. Everything else it imports must be non-cryptographic stdlib.
ALLOWED_CRYPTO = {
    "cryptography.exceptions",
    "cryptography.hazmat.primitives",  # for hashes and hmac (and serialization, lazily, for SSH keys)
    "cryptography.hazmat.primitives.asymmetric",  # for RSA-OAEP padding
    "cryptography.hazmat.primitives.asymmetric.ed25519",
    "cryptography.hazmat.primitives.asymmetric.rsa",
    "cryptography.hazmat.primitives.asymmetric.x25519",
    "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.hkdf",
    "cryptography.hazmat.primitives.kdf.scrypt",
}
ALLOWED_STDLIB = {"__future__", "binascii", "collections", "collections.abc", "os", "re", "struct", "typing",
                  # plugins: their processes, the empty folder they run in, the kept results' names,
                  # and grease (random commands a plugin must ignore; nothing secret comes from `random`)
                  "hashlib", "random", "shutil", "subprocess", "tempfile", "threading"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module)
    return found


def test_only_cryptography_primitives_are_used() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        unexpected = _imports(path) - ALLOWED_CRYPTO - ALLOWED_STDLIB
        assert not unexpected, f"{path.name} imports {unexpected}"
    primitives = _imports(PACKAGE / "primitives.py")
    assert "cryptography.hazmat.primitives" in primitives


SERIALIZATION_CHECK = """
import sys
import cocctl.age as age
loaded = ["cryptography.hazmat.primitives.serialization" in sys.modules]
identity = age.generate_identity()
str(identity)
data = age.encrypt(b"x" * 70000, [identity.recipient, age.generate_identity().recipient], armor=True)
assert age.decrypt(data, [str(identity)]) == b"x" * 70000
data = age.encrypt(b"y", age.ScryptRecipient("pw", work_factor=2))
assert age.decrypt(data, age.ScryptIdentity("pw")) == b"y"
loaded.append("cryptography.hazmat.primitives.serialization" in sys.modules)
print(loaded)
"""


def test_serialization_module_is_never_imported() -> None:
    # It costs ~15 ms of CLI start-up; raw-bytes key methods make it unnecessary.
    out = subprocess.run(
        [sys.executable, "-c", SERIALIZATION_CHECK], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[False, False]"


def test_error_classes_mirror_the_testkit_outcomes() -> None:
    classes = {obj for _, obj in inspect.getmembers(errors, inspect.isclass) if issubclass(obj, Exception)}
    assert classes == {
        age.AgeError, age.ArmorError, age.HeaderError, age.HMACError,
        age.NoIdentityMatch, age.PayloadError, age.KeyFormatError, age.PassphraseError,
    }  # fmt: skip
    assert age.AgeError.__bases__ == (Exception,)
    for cls in classes - {age.AgeError, age.KeyFormatError}:
        assert cls.__bases__ == (age.AgeError,)
    assert age.KeyFormatError.__bases__ == (age.AgeError, ValueError)


class SpyRecipient:
    """Records the file keys it is asked to wrap."""

    def __init__(self) -> None:
        self.inner = age.generate_identity().recipient
        self.file_keys: list[bytes] = []

    def wrap(self, file_key: bytes) -> list:
        self.file_keys.append(file_key)
        return self.inner.wrap(file_key)


def test_fresh_file_key_and_payload_nonce_per_file() -> None:
    spy = SpyRecipient()
    files = [age.encrypt(b"same plaintext", spy) for _ in range(20)]
    assert all(len(k) == 16 for k in spy.file_keys)
    assert len(set(spy.file_keys)) == 20
    nonces = [split(f)[1] for f in files]
    assert all(len(n) == 16 for n in nonces)
    assert len(set(nonces)) == 20


def test_recipients_and_identities_in_every_accepted_form() -> None:
    a, b = age.generate_identity(), age.generate_identity()
    for recipients in (a.recipient, str(a.recipient), [a.recipient, str(b.recipient)], iter([a.recipient])):
        data = age.encrypt(b"hi", recipients)
        for identities in (a, str(a), [b, a], [str(b), str(a)], (i for i in [a])):
            assert age.decrypt(data, identities) == b"hi"


def test_argument_errors() -> None:
    with pytest.raises(age.AgeError, match="no recipients"):
        age.encrypt(b"x", [])
    data = age.encrypt(b"x", age.generate_identity().recipient)
    with pytest.raises(age.NoIdentityMatch, match="no identities"):
        age.decrypt(data, [])
    with pytest.raises(TypeError):
        age.encrypt(b"x", [object()])
    with pytest.raises(TypeError):
        age.decrypt(data, [42])
    with pytest.raises(age.KeyFormatError):
        age.encrypt(b"x", "age1notakey")


def test_armor_is_detected_or_required() -> None:
    identity = age.generate_identity()
    text = age.encrypt(b"hello", identity.recipient, armor=True)
    assert text.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert age.decrypt(text, identity) == b"hello"
    assert age.decrypt(b"\r\n  \t\n" + text + b"\n\n", identity) == b"hello"
    with pytest.raises(age.HeaderError):
        age.decrypt(text, identity, armored=False)
    binary = age.encrypt(b"hello", identity.recipient)
    with pytest.raises(age.ArmorError):
        age.decrypt(binary, identity, armored=True)


def test_errors_carry_lowercase_context() -> None:
    identity = age.generate_identity()
    with pytest.raises(age.HeaderError, match=r"^failed to read header: unexpected intro"):
        age.decrypt(b"hello world\n", identity)
    with pytest.raises(age.ArmorError, match=r"^failed to read armor: "):
        age.decrypt(b"-----BEGIN AGE ENCRYPTED FILE-----\n", identity)
    with pytest.raises(age.NoIdentityMatch, match=r"^no identity matched"):
        age.decrypt(age.encrypt(b"x", age.generate_identity().recipient), identity)
    with pytest.raises(age.PayloadError, match=r"^failed to read payload: "):
        age.decrypt(age.encrypt(b"x", identity.recipient)[:-1], identity)


def test_header_is_authenticated_by_the_mac() -> None:
    identity = age.generate_identity()
    data = age.encrypt(b"x", [identity.recipient, age.generate_identity().recipient])
    _, nonce, payload = split(data)
    # Swap the order of the two stanzas: each still unwraps, the MAC does not match.
    parsed, _ = format.parse(data)
    swapped = format.marshal_without_mac(parsed.stanzas[::-1]) + format.marshal_mac_line(parsed.mac)
    with pytest.raises(age.HMACError, match=r"^failed to verify header"):
        age.decrypt(swapped + nonce + payload, identity)


def test_decrypt_chunks_checks_the_header_before_returning() -> None:
    identity = age.generate_identity()
    data = age.encrypt(b"x", identity.recipient)
    with pytest.raises(age.HMACError):
        age.decrypt_chunks(_bad_mac(data), identity)
    with pytest.raises(age.HeaderError, match="nonce"):
        age.decrypt_chunks(split(data)[0] + b"short", identity)


def _bad_mac(data: bytes) -> bytes:
    _, nonce, payload = split(data)
    parsed, _ = format.parse(data)
    return parsed.mac_input + format.marshal_mac_line(bytes(32)) + nonce + payload


def test_buffer_inputs_are_accepted() -> None:
    identity = age.generate_identity()
    data = age.encrypt(memoryview(b"abc"), identity.recipient)
    assert age.decrypt(bytearray(data), identity) == b"abc"
    assert age.decrypt(memoryview(data), identity) == b"abc"
