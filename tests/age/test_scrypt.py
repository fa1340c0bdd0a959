"""The scrypt recipient type: stanza layout, work factor limits, and the alone-in-header rule."""

from __future__ import annotations

import os

import pytest

from cocctl import age
from cocctl.age import ScryptIdentity, ScryptRecipient, format
from cocctl.age.format import Stanza

from .craft import assemble

WF = 4  # tests use tiny work factors; the real default is 18


def test_round_trip_and_stanza_layout() -> None:
    data = age.encrypt(b"secret", ScryptRecipient("pass phrase", work_factor=WF))
    header, _ = format.parse(data)
    (stanza,) = header.stanzas
    assert stanza.type == "scrypt"
    assert len(format.b64decode(stanza.args[0])) == 16
    assert stanza.args[1] == str(WF)
    assert age.decrypt(data, ScryptIdentity("pass phrase")) == b"secret"
    assert age.decrypt(data, ScryptIdentity(b"pass phrase")) == b"secret"


def test_wrong_passphrase_is_no_match() -> None:
    data = age.encrypt(b"secret", ScryptRecipient("right", work_factor=WF))
    with pytest.raises(age.NoIdentityMatch):
        age.decrypt(data, ScryptIdentity("wrong"))


def test_fresh_salt_per_file() -> None:
    recipient = ScryptRecipient("pw", work_factor=WF)
    salts = {format.parse(age.encrypt(b"x", recipient))[0].stanzas[0].args[0] for _ in range(5)}
    assert len(salts) == 5


def test_work_factor_above_maximum_is_a_header_error() -> None:
    data = age.encrypt(b"x", ScryptRecipient("pw", work_factor=12))
    assert age.decrypt(data, ScryptIdentity("pw", max_work_factor=12)) == b"x"
    with pytest.raises(age.HeaderError, match="above the maximum 11"):
        age.decrypt(data, ScryptIdentity("pw", max_work_factor=11))


@pytest.mark.parametrize(
    "work_factor", ["0", "-1", "+5", "05", "0x5", "5a", "a5", "5.0", "99999999999999999999999"]
)
def test_invalid_work_factor_in_file_is_a_header_error(work_factor: str) -> None:
    salt = format.b64encode(os.urandom(16)).decode()
    stanza = Stanza("scrypt", (salt, work_factor), os.urandom(32))
    with pytest.raises(age.HeaderError):
        ScryptIdentity("pw").unwrap([stanza])


@pytest.mark.parametrize(
    "stanza",
    [
        Stanza("scrypt", (format.b64encode(bytes(16)).decode(),), bytes(32)),
        Stanza("scrypt", (format.b64encode(bytes(16)).decode(), "4", "4"), bytes(32)),
        Stanza("scrypt", (format.b64encode(bytes(15)).decode(), "4"), bytes(32)),
        Stanza("scrypt", (format.b64encode(bytes(17)).decode(), "4"), bytes(32)),
        Stanza("scrypt", (format.b64encode(bytes(16)).decode(), "4"), bytes(40)),
    ],
)
def test_malformed_stanza_is_a_header_error(stanza: Stanza) -> None:
    with pytest.raises(age.HeaderError):
        ScryptIdentity("pw").unwrap([stanza])


@pytest.mark.parametrize("value", [0, 31, -1, 4.0, "18", True])
def test_invalid_work_factor_arguments_are_refused(value: object) -> None:
    with pytest.raises(age.KeyFormatError):
        ScryptRecipient("pw", work_factor=value)  # type: ignore[arg-type]
    with pytest.raises(age.KeyFormatError):
        ScryptIdentity("pw", max_work_factor=value)  # type: ignore[arg-type]


def test_empty_passphrase_is_refused() -> None:
    for cls in (ScryptRecipient, ScryptIdentity):
        with pytest.raises(age.KeyFormatError):
            cls("")


def test_encrypt_refuses_scrypt_with_other_recipients() -> None:
    scrypt = ScryptRecipient("pw", work_factor=WF)
    other = age.generate_identity().recipient
    for recipients in ([scrypt, other], [other, scrypt], [scrypt, ScryptRecipient("pw2", work_factor=WF)]):
        with pytest.raises(age.AgeError, match="only recipient"):
            age.encrypt(b"x", recipients)


def test_decrypt_rejects_scrypt_mixed_with_other_stanzas() -> None:
    file_key = os.urandom(16)
    scrypt = ScryptRecipient("pw", work_factor=WF).wrap(file_key)
    x25519 = age.generate_identity().recipient.wrap(file_key)
    for stanzas in (scrypt + x25519, x25519 + scrypt, scrypt + scrypt, [*scrypt, Stanza("grease", (), b"")]):
        data = assemble(file_key, stanzas, b"forged")
        with pytest.raises(age.HeaderError, match="only stanza"):
            age.decrypt(data, ScryptIdentity("pw"))


def test_repr_hides_the_passphrase() -> None:
    assert "hunter2" not in repr(ScryptRecipient("hunter2", work_factor=WF))
    assert "hunter2" not in repr(ScryptIdentity("hunter2"))
