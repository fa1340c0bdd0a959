"""Property tests: round trips, and that no truncated, flipped or extended file yields other plaintext."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocctl import age
from cocctl.age.stream import CHUNK_SIZE

POOL = [age.generate_identity() for _ in range(6)]
PASSPHRASE = "correct horse"
WF = 2  # a tiny scrypt work factor keeps each example fast

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Sizes near the chunk boundaries matter most; the bytes themselves matter less.
sizes = st.one_of(
    st.integers(0, 300),
    st.sampled_from([CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 7]),
)


@st.composite
def plaintexts(draw: st.DrawFn) -> bytes:
    size = draw(sizes)
    if size <= 300:
        return draw(st.binary(min_size=size, max_size=size))
    seed = draw(st.binary(min_size=1, max_size=16))
    return (seed * (size // len(seed) + 1))[:size]


@st.composite
def encrypted_files(draw: st.DrawFn) -> tuple[bytes, bytes, list]:
    """An encrypted file, its plaintext, and identities of which one matches."""
    data = draw(plaintexts())
    armored = draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        encrypted = age.encrypt(data, age.ScryptRecipient(PASSPHRASE, work_factor=WF), armor=armored)
        return encrypted, data, [age.ScryptIdentity(PASSPHRASE)]
    chosen = draw(st.permutations(POOL))[: draw(st.integers(1, 5))]
    encrypted = age.encrypt(data, [i.recipient for i in chosen], armor=armored)
    decrypting = draw(st.sampled_from(chosen))
    others = [i for i in POOL if i not in chosen]
    return encrypted, data, [*others[:2], decrypting]


def released(encrypted: bytes, identities: list) -> tuple[bytes, age.AgeError | None]:
    """Everything decrypt_chunks released, and the age error it ended with, if any."""
    out = []
    try:
        for chunk in age.decrypt_chunks(encrypted, identities):
            out.append(chunk)
    except age.AgeError as e:
        return b"".join(out), e
    return b"".join(out), None


def assert_never_other_plaintext(
    mutated: bytes, original: bytes, identities: list, *, must_fail: bool
) -> None:
    out, error = released(mutated, identities)
    # Whatever is released is authenticated, so it can only be a prefix of the original.
    assert original.startswith(out)
    if error is None:
        assert out == original
        assert not must_fail, "a modified binary file decrypted"
    with contextlib.suppress(age.AgeError):
        assert age.decrypt(mutated, identities) == original


@FAST
@given(encrypted_files())
def test_round_trip(case: tuple[bytes, bytes, list]) -> None:
    encrypted, data, identities = case
    assert age.decrypt(encrypted, identities) == data
    assert b"".join(age.decrypt_chunks(encrypted, identities)) == data


@FAST
@given(encrypted_files(), st.data())
def test_truncation(case: tuple[bytes, bytes, list], draw: st.DataObject) -> None:
    encrypted, data, identities = case
    cut = draw.draw(st.integers(0, len(encrypted) - 1))
    binary = not age.armor.is_armored(encrypted)
    # Cutting an armored file's final newline leaves a valid file; anything else must fail.
    assert_never_other_plaintext(encrypted[:cut], data, identities, must_fail=binary)


@FAST
@given(encrypted_files(), st.data())
def test_single_bit_flip(case: tuple[bytes, bytes, list], draw: st.DataObject) -> None:
    encrypted, data, identities = case
    bit = draw.draw(st.integers(0, len(encrypted) * 8 - 1))
    mutated = bytearray(encrypted)
    mutated[bit // 8] ^= 1 << (bit % 8)
    binary = not age.armor.is_armored(encrypted)
    assert_never_other_plaintext(bytes(mutated), data, identities, must_fail=binary)


@FAST
@given(encrypted_files(), st.integers(0, 255))
def test_appended_byte(case: tuple[bytes, bytes, list], extra: int) -> None:
    encrypted, data, identities = case
    binary = not age.armor.is_armored(encrypted)
    # Trailing whitespace after an armored file is allowed; trailing bytes after a binary one are not.
    assert_never_other_plaintext(encrypted + bytes([extra]), data, identities, must_fail=binary)


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_input_only_raises_age_errors(garbage: bytes) -> None:
    for data in (garbage, b"age-encryption.org/v1\n" + garbage, age.armor.encode(garbage)):
        with contextlib.suppress(age.AgeError):
            age.decrypt(data, [POOL[0], age.ScryptIdentity(PASSPHRASE)])
