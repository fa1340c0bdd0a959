"""age-plugin-softkey: an age plugin (c2sp.org/age-plugin) with a software X25519 key, for the tests.

It shares no code with cocctl, so that the tests and the ``age`` command
check cocctl's client against an independent plugin. Recipients are
``age1softkey1...`` (an X25519 public key), identities
``AGE-PLUGIN-SOFTKEY-1...`` (the secret key), stanzas ``softkey SHARE``.

Test knobs (environment):
    SOFTKEY_LOG     append the state machine's name to this file on every start
    SOFTKEY_PIN     ask for this PIN (request-secret) before unwrapping; fail on a wrong one
    SOFTKEY_MSG     send this message (msg) before working, like "touch your key"
    SOFTKEY_FAIL    report this internal error instead of working
    SOFTKEY_CRASH   exit with this text on stderr instead of working
"""

from __future__ import annotations

import base64
import os
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

LABEL = b"age-plugin-softkey/v1"
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values):
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= generator[i] if top >> i & 1 else 0
    return chk


def _expand(hrp):
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _bits(data, source, target, pad):
    acc = bits = 0
    out = []
    for value in data:
        acc = acc << source | value
        bits += source
        while bits >= target:
            bits -= target
            out.append(acc >> bits & (1 << target) - 1)
    if pad and bits:
        out.append(acc << target - bits & (1 << target) - 1)
    return out


def bech32_encode(hrp, data):
    values = _bits(data, 8, 5, True)
    lower = hrp.lower()
    mod = _polymod(_expand(lower) + values + [0] * 6) ^ 1
    text = lower + "1" + "".join(CHARSET[v] for v in values + [mod >> 5 * (5 - i) & 31 for i in range(6)])
    return text if hrp == lower else text.upper()


def bech32_decode(text):
    lower = text.lower()
    pos = lower.rfind("1")
    hrp, values = lower[:pos], [CHARSET.index(c) for c in lower[pos + 1:]]
    if _polymod(_expand(hrp) + values) != 1:
        raise ValueError("bad checksum")
    return hrp, bytes(_bits(values[:-6], 5, 8, False))


def b64(data):
    return base64.b64encode(data).decode().rstrip("=")


def unb64(text):
    return base64.b64decode(text + "=" * (-len(text) % 4))


def write(command, *args, body=b""):
    out = sys.stdout
    out.write(" ".join(["->", command, *args]) + "\n")
    encoded = b64(body)
    for i in range(0, len(encoded), 64):
        out.write(encoded[i:i + 64] + "\n")
    if len(encoded) % 64 == 0:
        out.write("\n")
    out.flush()


def read():
    line = sys.stdin.readline()
    if not line:
        sys.exit("unexpected end of input")
    words = line.rstrip("\n").split(" ")
    body = b""
    while True:
        chunk = sys.stdin.readline().rstrip("\n")
        body += unb64(chunk)
        if len(chunk) < 64:
            return words[1], words[2:], body


def phase_one():
    commands = []
    while True:
        command = read()
        if command[0] == "done":
            return commands
        commands.append(command)


def ask(command, *args, body=b""):
    write(command, *args, body=body)
    return read()


def wrap_key(shared, share, public, file_key):
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=share + public, info=LABEL).derive(shared)
    return ChaCha20Poly1305(key).encrypt(bytes(12), file_key, None)


def start():
    log = os.environ.get("SOFTKEY_LOG")
    if log:
        with open(log, "a") as stream:
            stream.write(sys.argv[1] + "\n")
    if os.environ.get("SOFTKEY_CRASH"):
        sys.exit(os.environ["SOFTKEY_CRASH"])


def ui_first():
    """The knobs that talk to the user or fail, before any work; False to stop."""
    # An unknown command first: the client must answer "unsupported".
    if ask("grease-softkey", "x")[0] != "unsupported":
        sys.exit("the client did not answer unsupported")
    if os.environ.get("SOFTKEY_MSG"):
        ask("msg", body=os.environ["SOFTKEY_MSG"].encode())
    if os.environ.get("SOFTKEY_FAIL"):
        ask("error", "internal", body=os.environ["SOFTKEY_FAIL"].encode())
        write("done")
        return False
    if os.environ.get("SOFTKEY_PIN"):
        answer = ask("request-secret", body=b"PIN for the softkey")
        if answer[0] != "ok" or answer[2].decode() != os.environ["SOFTKEY_PIN"]:
            ask("error", "internal", body=b"wrong PIN")
            write("done")
            return False
    return True


def recipient_v1():
    commands = phase_one()
    publics, keys = [], []
    for name, args, body in commands:
        if name == "add-recipient":
            publics.append(bech32_decode(args[0])[1])
        elif name == "add-identity":
            secret = bech32_decode(args[0])[1]
            publics.append(X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes_raw())
        elif name == "wrap-file-key":
            keys.append(body)
    if not ui_first():
        return
    for index, file_key in enumerate(keys):
        for public in publics:
            ephemeral = X25519PrivateKey.generate()
            share = ephemeral.public_key().public_bytes_raw()
            shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
            body = wrap_key(shared, share, public, file_key)
            if ask("recipient-stanza", str(index), "softkey", b64(share), body=body)[0] != "ok":
                sys.exit("stanza not acknowledged")
    write("done")


def identity_v1():
    commands = phase_one()
    secrets, files = [], {}
    for name, args, body in commands:
        if name == "add-identity":
            secrets.append(bech32_decode(args[0])[1])
        elif name == "recipient-stanza":
            files.setdefault(int(args[0]), []).append((args[1], args[2:], body))
    if not ui_first():
        return
    for index, stanzas in sorted(files.items()):
        for position, (kind, args, body) in enumerate(stanzas):
            if kind != "softkey":
                continue
            if len(args) != 1 or len(body) != 32:
                ask("error", "stanza", str(index), str(position), body=b"malformed softkey stanza")
                break
            share = unb64(args[0])
            found = None
            for secret in secrets:
                private = X25519PrivateKey.from_private_bytes(secret)
                public = private.public_key().public_bytes_raw()
                shared = private.exchange(X25519PublicKey.from_public_bytes(share))
                key = HKDF(algorithm=hashes.SHA256(), length=32, salt=share + public, info=LABEL).derive(shared)
                try:
                    found = ChaCha20Poly1305(key).decrypt(bytes(12), body, None)
                    break
                except Exception:  # noqa: BLE001
                    continue
            if found is not None:
                ask("file-key", str(index), body=found)
                break
    write("done")


def generate():
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    print("# created by age-plugin-softkey")
    print(f"#    Recipient: {bech32_encode('age1softkey', public)}")
    print(bech32_encode("AGE-PLUGIN-SOFTKEY-", private.private_bytes_raw()))


def main():
    if sys.argv[1:] == ["--generate"]:
        generate()
        return
    if len(sys.argv) != 2 or not sys.argv[1].startswith("--age-plugin="):
        sys.exit("usage: age-plugin-softkey --generate | --age-plugin=STATE_MACHINE")
    start()
    machine = sys.argv[1].split("=", 1)[1]
    if machine == "recipient-v1":
        recipient_v1()
    elif machine == "identity-v1":
        identity_v1()
    else:
        sys.exit(f"unknown state machine {machine}")


if __name__ == "__main__":
    main()
