"""Plugin recipients and identities (c2sp.org/age-plugin) with the test plugin, and interop with the age command."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from cocctl import age
from cocctl.age import plugin

from ..pluginkit import Softkey, install

AGE = shutil.which("age")
needs_age_cli = pytest.mark.skipif(AGE is None, reason="the age command is not on PATH")


@pytest.fixture
def softkey(tmp_path, monkeypatch) -> Softkey:
    return install(tmp_path, monkeypatch)


def test_round_trip_through_the_plugin_one_run_each_way(softkey):
    _, identity, recipient = softkey.generate()
    sealed = age.encrypt(b"case notes", recipient, armor=True)
    assert softkey.runs("recipient-v1") == 1
    assert age.decrypt(sealed, identity) == b"case notes"
    assert softkey.runs("identity-v1") == 1
    assert repr(age.parse_identity(identity)) == "PluginIdentity(name='softkey')"


def test_a_plugin_recipient_beside_native_ones(softkey):
    _, identity, recipient = softkey.generate()
    other = age.generate_identity()
    sealed = age.encrypt(b"x", [recipient, other.recipient])
    assert age.decrypt(sealed, other) == b"x"
    assert age.decrypt(sealed, identity) == b"x"


def test_many_files_take_one_run_per_direction(softkey):
    _, identity, recipient = softkey.generate()
    batch = age.Batch([age.parse_recipient(recipient), age.generate_identity().recipient], ahead=50)
    files = [age.encrypt(f"file {i}".encode(), batch) for i in range(40)]
    assert softkey.runs("recipient-v1") == 1
    ids = [age.parse_identity(identity)]
    age.unwrap_ahead(files, ids)
    assert [age.decrypt(f, ids) for f in files] == [f"file {i}".encode() for i in range(40)]
    assert softkey.runs("identity-v1") == 1
    # A batch hands out each file key once: every file has its own.
    headers = [age.format.parse(f)[0].stanzas for f in files]
    assert len({h[-1].body for h in headers}) == 40


def test_unwrap_many_says_none_for_files_that_are_not_its(softkey):
    _, identity, recipient = softkey.generate()
    mine = age.encrypt(b"mine", recipient)
    theirs = age.encrypt(b"theirs", age.generate_identity().recipient)
    found = age.unwrap_many([age.parse_identity(identity)], [age.format.parse(f)[0].stanzas for f in (mine, theirs)])
    assert found[0] is not None and len(found[0]) == 16 and found[1] is None
    with pytest.raises(age.NoIdentityMatch):
        age.decrypt(theirs, age.parse_identity(identity))


@needs_age_cli
def test_the_age_command_runs_the_same_plugin_both_ways(softkey, tmp_path):
    text, identity, recipient = softkey.generate()
    key_file = tmp_path / "softkey.txt"
    key_file.write_text(text)
    by_age = subprocess.run([AGE, "-e", "-r", recipient], input=b"from age", capture_output=True, check=True).stdout
    assert age.decrypt(by_age, identity) == b"from age"
    by_us = age.encrypt(b"from cocctl", recipient)
    opened = subprocess.run([AGE, "-d", "-i", str(key_file)], input=by_us, capture_output=True, check=True)
    assert opened.stdout == b"from cocctl"


def test_messages_and_a_pin_go_through_the_ui(softkey, monkeypatch):
    _, identity, recipient = softkey.generate()
    sealed = age.encrypt(b"x", recipient)
    monkeypatch.setenv("SOFTKEY_MSG", "touch your key")
    monkeypatch.setenv("SOFTKEY_PIN", "123456")
    shown, asked = [], []

    def request(name, prompt, secret):
        asked.append((name, prompt, secret))
        return "123456"

    ui = age.PluginUI(display=lambda name, message: shown.append((name, message)), request=request)
    assert age.decrypt(sealed, age.PluginIdentity(identity, ui=ui)) == b"x"
    assert shown == [("softkey", "touch your key")] and asked == [("softkey", "PIN for the softkey", True)]
    # Without a UI the request is refused, and the plugin's error is a clean PluginError.
    with pytest.raises(age.PluginError, match="age-plugin-softkey: wrong PIN"):
        age.decrypt(sealed, identity)


def test_plugin_failures_are_clean_errors(softkey, monkeypatch):
    _, identity, recipient = softkey.generate()
    sealed = age.encrypt(b"x", recipient)
    monkeypatch.setenv("SOFTKEY_FAIL", "the key is not plugged in")
    with pytest.raises(age.PluginError, match="^age-plugin-softkey: the key is not plugged in$"):
        age.decrypt(sealed, identity)
    with pytest.raises(age.PluginError, match="the key is not plugged in"):
        age.encrypt(b"x", recipient)
    monkeypatch.delenv("SOFTKEY_FAIL")
    monkeypatch.setenv("SOFTKEY_CRASH", "segfault in the driver")
    with pytest.raises(age.PluginError, match=r"exited before the end of the exchange \(it said: segfault in the driver\)"):
        age.decrypt(sealed, identity)


def test_a_missing_plugin_is_named_with_where_to_install_it():
    missing = age.encrypt(b"x", age.generate_identity().recipient)
    other = age.parse_recipient(plugin_recipient("nosuchplugin"))
    with pytest.raises(age.PluginError, match="install age-plugin-nosuchplugin somewhere on PATH"):
        age.encrypt(b"x", other)
    with pytest.raises(age.PluginError, match="age-plugin-nosuchplugin"):
        age.decrypt(missing, age.parse_identity(plugin_identity("nosuchplugin")))


def plugin_recipient(name: str) -> str:
    return age.bech32.encode("age1" + name, bytes(32))


def plugin_identity(name: str) -> str:
    return age.bech32.encode(f"AGE-PLUGIN-{name.upper()}-", bytes(32))


def test_a_malformed_stanza_for_the_plugin_is_a_header_error(softkey):
    _, identity, recipient = softkey.generate()
    sealed = age.encrypt(b"x", recipient)
    header, offset = age.format.parse(sealed)
    stanza = header.stanzas[0]
    broken = [age.Stanza(stanza.type, (*stanza.args, "extra"), stanza.body)]
    ids = [age.parse_identity(identity)]
    age.unwrap_many(ids, [broken])
    with pytest.raises(age.HeaderError, match="malformed softkey stanza"):
        ids[0].unwrap(broken)


@pytest.mark.parametrize("text", [
    "age1../x1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsxn0hk",
    "age1UPPER1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsxn0hk",
    "age1softkey1qqqqqqqq",
])
def test_malformed_plugin_recipients_are_refused(text):
    with pytest.raises(age.KeyFormatError):
        age.parse_recipient(text)


def test_a_plugin_name_that_is_a_path_is_refused():
    with pytest.raises(age.KeyFormatError, match="bad plugin name"):
        plugin.PluginRecipient(age.bech32.encode("age1a/b", bytes(8)))
    with pytest.raises(age.KeyFormatError, match="bad plugin name"):
        plugin.PluginIdentity(age.bech32.encode("AGE-PLUGIN-../X-", bytes(8)))
