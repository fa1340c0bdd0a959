"""The STREAM payload: chunking, the final-chunk flag, truncation and trailing data."""

from __future__ import annotations

import os

import pytest

from cocctl.age import PayloadError, stream
from cocctl.age.stream import CHUNK_SIZE, ENCRYPTED_CHUNK_SIZE, TAG_SIZE

from .craft import seal_chunks, seal_payload

KEY = bytes(range(32))


def released(payload: bytes, key: bytes = KEY) -> tuple[bytes, PayloadError | None]:
    """Everything decrypt_chunks yielded, and the error it ended with."""
    out = []
    try:
        for chunk in stream.decrypt_chunks(key, payload):
            out.append(chunk)
    except PayloadError as e:
        return b"".join(out), e
    return b"".join(out), None


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 1]
)
def test_round_trip(size: int) -> None:
    plaintext = os.urandom(size)
    payload = seal_payload(KEY, plaintext)
    assert len(payload) == stream.encrypted_size(size)
    chunks = list(stream.decrypt_chunks(KEY, payload))
    assert b"".join(chunks) == plaintext
    assert all(len(c) == CHUNK_SIZE for c in chunks[:-1])
    assert len(chunks) == max(1, -(-size // CHUNK_SIZE))


def test_nonce_is_counter_and_final_flag() -> None:
    # Built independently: 11-byte big-endian counter, then 0x01 only on the last chunk.
    a, b = os.urandom(CHUNK_SIZE), os.urandom(10)
    assert seal_payload(KEY, a + b) == seal_chunks(KEY, [(a, False), (b, True)])
    assert seal_payload(KEY, b"") == seal_chunks(KEY, [(b"", True)])


def test_missing_final_flag_is_truncation() -> None:
    a = os.urandom(CHUNK_SIZE)
    assert released(seal_chunks(KEY, [(a, False)]))[1] is not None
    out, err = released(seal_chunks(KEY, [(a, False), (a, False)]))
    assert out == a + a and "without a final chunk" in str(err)
    out, err = released(seal_chunks(KEY, [(b"short", False)]))
    assert out == b"" and err is not None


def test_final_flag_before_the_end_is_rejected() -> None:
    a = os.urandom(CHUNK_SIZE)
    out, err = released(seal_chunks(KEY, [(a, True), (b"more", True)]))
    assert out == a and "trailing data" in str(err)


def test_empty_final_chunk_only_for_empty_payload() -> None:
    assert released(seal_chunks(KEY, [(b"", True)])) == (b"", None)
    a = os.urandom(CHUNK_SIZE)
    out, err = released(seal_chunks(KEY, [(a, False), (b"", True)]))
    assert out == a and "empty" in str(err)


def test_trailing_data_is_rejected() -> None:
    full = seal_payload(KEY, os.urandom(CHUNK_SIZE))
    assert len(full) == ENCRYPTED_CHUNK_SIZE
    for extra in (b"\x00", os.urandom(TAG_SIZE), os.urandom(ENCRYPTED_CHUNK_SIZE)):
        _out, err = released(full + extra)
        assert err is not None
    short = seal_payload(KEY, b"hello")
    assert released(short + b"\x00")[1] is not None


def test_truncation_is_detected_at_any_length() -> None:
    plaintext = os.urandom(2 * CHUNK_SIZE + 100)
    payload = seal_payload(KEY, plaintext)
    cuts = {0, 1, TAG_SIZE - 1, TAG_SIZE, ENCRYPTED_CHUNK_SIZE, ENCRYPTED_CHUNK_SIZE + 1}
    cuts |= {2 * ENCRYPTED_CHUNK_SIZE, 2 * ENCRYPTED_CHUNK_SIZE + TAG_SIZE, len(payload) - 1}
    for cut in sorted(cuts):
        out, err = released(payload[:cut])
        assert err is not None, cut
        assert plaintext.startswith(out)
        assert len(out) % CHUNK_SIZE == 0


def test_wrong_key_releases_nothing() -> None:
    out, err = released(seal_payload(KEY, b"secret"), key=bytes(32))
    assert out == b"" and "chunk 0" in str(err)


def test_chunks_are_released_only_after_authentication() -> None:
    a, b = os.urandom(CHUNK_SIZE), os.urandom(CHUNK_SIZE)
    payload = bytearray(seal_payload(KEY, a + b + b"end"))
    payload[ENCRYPTED_CHUNK_SIZE + 5] ^= 1  # corrupt the second chunk
    out, err = released(bytes(payload))
    assert out == a and "chunk 1" in str(err)
