"""Recipient and identity strings, key files, and the key objects' behaviour."""

from __future__ import annotations

import pytest

from cocctl import age
from cocctl.age import KeyFormatError, X25519Identity, X25519Recipient, bech32

# The example pair from the age specification (c2sp.org/age).
SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"


def test_spec_identity_derives_spec_recipient() -> None:
    identity = age.parse_identity(SPEC_IDENTITY)
    assert identity.recipient == age.parse_recipient(SPEC_RECIPIENT)
    assert str(identity) == SPEC_IDENTITY
    assert str(identity.recipient) == SPEC_RECIPIENT


def test_generated_identity_round_trips() -> None:
    identity = age.generate_identity()
    assert isinstance(identity, X25519Identity)
    assert isinstance(identity.recipient, X25519Recipient)
    text = str(identity)
    assert text.startswith("AGE-SECRET-KEY-1") and text == text.upper()
    assert str(identity.recipient).startswith("age1")
    again = age.parse_identity(text)
    assert again.recipient == identity.recipient
    assert str(again) == text
    assert age.generate_identity().recipient != identity.recipient


def test_recipients_compare_and_hash_by_key() -> None:
    a = age.parse_recipient(SPEC_RECIPIENT)
    b = age.parse_recipient(SPEC_RECIPIENT)
    assert a == b and hash(a) == hash(b) and a is not b
    assert len({a, b, age.generate_identity().recipient}) == 2
    assert a != SPEC_RECIPIENT


def test_identity_repr_hides_the_secret() -> None:
    identity = age.parse_identity(SPEC_IDENTITY)
    assert SPEC_IDENTITY not in repr(identity)
    assert SPEC_RECIPIENT in repr(identity)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "age1",
        SPEC_RECIPIENT.upper(),  # recipients are lowercase
        SPEC_RECIPIENT[:-1] + ("q" if SPEC_RECIPIENT[-1] != "q" else "p"),  # checksum
        SPEC_RECIPIENT + "q",
        " " + SPEC_RECIPIENT,
        SPEC_IDENTITY,
        bech32.encode("age", bytes(31)),  # wrong key size
        bech32.encode("age", bytes(33)),
        bech32.encode("agx", bytes(32)),
        "age1pq1" + "q" * 60,
        "ssh-ed25519 AAAA",
    ],
)
def test_malformed_recipients(text: str) -> None:
    with pytest.raises(KeyFormatError):
        age.parse_recipient(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        SPEC_IDENTITY.lower(),  # identities are uppercase
        SPEC_IDENTITY[:-1] + "Q",
        SPEC_IDENTITY[:20] + SPEC_IDENTITY[20:].lower(),
        SPEC_IDENTITY + " ",
        SPEC_RECIPIENT,
        bech32.encode("AGE-SECRET-KEY-", bytes(31)),
        "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG",
        "AGE-PLUGIN-YUBIKEY-1QQQQQQ",
    ],
)
def test_malformed_identities_never_echo_the_key(text: str) -> None:
    with pytest.raises(KeyFormatError) as info:
        age.parse_identity(text)
    if len(text) > 20:
        assert text.strip()[15:] not in str(info.value)


def test_key_format_error_is_also_value_error() -> None:
    assert issubclass(KeyFormatError, age.AgeError)
    assert issubclass(KeyFormatError, ValueError)


def test_parse_identities_reads_age_keygen_output() -> None:
    other = age.generate_identity()
    text = "\n".join(
        [
            "# created: 2024-01-01T00:00:00Z",
            f"# public key: {SPEC_RECIPIENT}",
            SPEC_IDENTITY,
            "",
            f"{other}\r",
            "",
        ]
    )
    identities = age.parse_identities(text)
    assert [str(i) for i in identities] == [SPEC_IDENTITY, str(other)]


def test_parse_identities_errors_name_the_line_not_the_key() -> None:
    bad = SPEC_IDENTITY[:-1] + "Q"
    with pytest.raises(KeyFormatError, match="line 3") as info:
        age.parse_identities(f"# key\n\n{bad}\n")
    assert bad not in str(info.value)
    with pytest.raises(KeyFormatError, match="no secret keys"):
        age.parse_identities("# only a comment\n\n")
    with pytest.raises(KeyFormatError):
        age.parse_identities(f"  {SPEC_IDENTITY}\n")


def test_parse_recipients() -> None:
    other = age.generate_identity().recipient
    assert age.parse_recipients(f"# team\n{SPEC_RECIPIENT}\n\n{other}\n") == [
        age.parse_recipient(SPEC_RECIPIENT),
        other,
    ]
    with pytest.raises(KeyFormatError, match="line 1"):
        age.parse_recipients("age1bad\n")


def test_raw_key_sizes_are_checked() -> None:
    with pytest.raises(KeyFormatError):
        X25519Recipient(bytes(31))
    with pytest.raises(KeyFormatError):
        X25519Identity(bytes(33))
