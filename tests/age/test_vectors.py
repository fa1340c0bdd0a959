"""The age testkit vectors, one test per vector file, through the public API."""

from __future__ import annotations

import hashlib

import pytest

from cocctl import age
from cocctl.age import armor, format, primitives, stream

from . import testkit

# These armored vectors do not start with the exact BEGIN line, so automatic
# detection cannot tell them from binary files and reports a header failure.
UNDETECTED_ARMOR = {"armor_garbage_leading", "armor_lowercase", "armor_whitespace_begin", "armor_wrong_type"}


def _run(vector: testkit.Vector, armored: bool | None) -> tuple[type | None, str, bytes | None]:
    """Decrypt through decrypt_chunks; return the error class, the released hash and decrypt()'s result."""
    released = hashlib.sha256()
    outcome = None
    try:
        for chunk in age.decrypt_chunks(vector.file, vector.age_identities(), armored=armored):
            released.update(chunk)
    except age.AgeError as e:
        outcome = type(e)
    try:
        whole = age.decrypt(vector.file, vector.age_identities(), armored=armored)
    except age.AgeError as e:
        assert type(e) is outcome, f"decrypt raised {type(e).__name__}, decrypt_chunks {outcome}"
        whole = None
    return outcome, released.hexdigest(), whole


@pytest.mark.parametrize("vector", testkit.params())
def test_vector(vector: testkit.Vector) -> None:
    outcome, released, whole = _run(vector, True if vector.armored else None)
    assert outcome is vector.outcome, f"{vector.name}: want {vector.expect!r}, got {outcome}"
    if vector.expect in ("success", "payload failure"):
        assert released == vector.payload
    if vector.expect == "success":
        assert hashlib.sha256(whole).hexdigest() == vector.payload
    else:
        assert whole is None


@pytest.mark.parametrize("vector", testkit.params(lambda v: v.armored))
def test_vector_armor_detection(vector: testkit.Vector) -> None:
    outcome, _, _ = _run(vector, None)
    if vector.name in UNDETECTED_ARMOR:
        assert outcome is age.HeaderError
    else:
        assert outcome is vector.outcome


@pytest.mark.parametrize(
    "vector", testkit.params(lambda v: v.armored and v.expect != "armor failure", decrypts=False)
)
def test_vector_armor_round_trip(vector: testkit.Vector) -> None:
    # Re-armoring gives the canonical form: LF endings, no surrounding whitespace.
    canonical = vector.file.strip().replace(b"\r\n", b"\n") + b"\n"
    assert armor.encode(armor.decode(vector.file)) == canonical


def _parses(vector: testkit.Vector) -> bool:
    return vector.expect not in ("header failure", "armor failure")


@pytest.mark.parametrize("vector", testkit.params(_parses, decrypts=False))
def test_vector_header_round_trip(vector: testkit.Vector) -> None:
    data = vector.binary
    header, offset = format.parse(data)
    encoded = format.marshal_without_mac(header.stanzas)
    assert encoded == header.mac_input
    assert encoded + format.marshal_mac_line(header.mac) == data[:offset]


@pytest.mark.parametrize("vector", testkit.params(lambda v: v.expect == "success", decrypts=False))
def test_vector_stream_round_trip(vector: testkit.Vector) -> None:
    # The vector's file key stands in for the identity, so this runs on all.
    data = vector.binary
    _, offset = format.parse(data)
    nonce = data[offset : offset + age.PAYLOAD_NONCE_SIZE]
    payload = data[offset + age.PAYLOAD_NONCE_SIZE :]
    key = primitives.payload_key(vector.file_key, nonce)
    plaintext = b"".join(stream.decrypt_chunks(key, payload))
    out = bytearray(stream.encrypted_size(len(plaintext)))
    stream.encrypt_into(key, plaintext, memoryview(out))
    assert out == payload


def test_vectors_present_in_ci() -> None:
    import os

    if not os.environ.get("CI"):
        pytest.skip("only enforced in CI, where ../shared is always present")
    assert testkit.vectors(), testkit.MISSING_REASON
