"""The X25519 recipient type: stanza layout, matching, and rejection of malformed or low-order shares."""

from __future__ import annotations

import base64
import os

import pytest

from cocctl import age
from cocctl.age import format
from cocctl.age.format import Stanza

from .craft import assemble

# Low-order points of Curve25519: X25519 with any of them gives all zeros.
LOW_ORDER_SHARES = [
    bytes(32),
    (1).to_bytes(32, "little"),
    base64.b64decode("X5yVvKNQjCSx0LFVnIPvWwREXMRYHI6G2CJO3dCfEdc="),
    bytes.fromhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
]


def test_wrap_makes_one_fresh_stanza() -> None:
    recipient = age.generate_identity().recipient
    file_key = os.urandom(16)
    (a,) = recipient.wrap(file_key)
    (b,) = recipient.wrap(file_key)
    assert a.type == "X25519" and len(a.args) == 1
    assert len(format.b64decode(a.args[0])) == 32
    assert len(a.body) == 32
    # A fresh ephemeral secret per stanza: nothing repeats.
    assert a.args != b.args and a.body != b.body


def test_unwrap_finds_its_stanza_among_others() -> None:
    me, other = age.generate_identity(), age.generate_identity()
    file_key = os.urandom(16)
    stanzas = [Stanza("grease", ("x",), b""), *other.recipient.wrap(file_key), *me.recipient.wrap(file_key)]
    assert me.unwrap(stanzas) == file_key
    assert age.generate_identity().unwrap(stanzas) is None


@pytest.mark.parametrize("share", LOW_ORDER_SHARES)
def test_all_zero_shared_secret_is_rejected(share: bytes) -> None:
    identity = age.generate_identity()
    stanza = Stanza("X25519", (format.b64encode(share).decode(),), os.urandom(32))
    with pytest.raises(age.HeaderError, match="all-zero"):
        identity.unwrap([stanza])
    data = assemble(os.urandom(16), [stanza])
    with pytest.raises(age.HeaderError, match="all-zero"):
        age.decrypt(data, identity)


@pytest.mark.parametrize("point", LOW_ORDER_SHARES)
def test_encrypting_to_a_low_order_point_is_refused(point: bytes) -> None:
    with pytest.raises(age.KeyFormatError, match="low-order"):
        age.encrypt(b"x", age.X25519Recipient(point))


@pytest.mark.parametrize(
    "stanza",
    [
        Stanza("X25519", (), bytes(32)),
        Stanza("X25519", ("a", "b"), bytes(32)),
        Stanza("X25519", (format.b64encode(bytes(31)).decode(),), bytes(32)),
        Stanza("X25519", (format.b64encode(bytes(33)).decode(),), bytes(32)),
        Stanza("X25519", (base64.b64encode(os.urandom(32)).decode(),), bytes(32)),  # padded
        Stanza("X25519", (format.b64encode(os.urandom(32)).decode(),), bytes(31)),
        Stanza("X25519", (format.b64encode(os.urandom(32)).decode(),), bytes(48)),
    ],
)
def test_malformed_stanza_is_a_header_error(stanza: Stanza) -> None:
    with pytest.raises(age.HeaderError):
        age.generate_identity().unwrap([stanza])


def test_stanza_type_is_case_sensitive() -> None:
    identity = age.generate_identity()
    (stanza,) = identity.recipient.wrap(os.urandom(16))
    assert identity.unwrap([Stanza("x25519", stanza.args, stanza.body)]) is None
