"""The cocctl agent, client side: find it, ask it to unwrap file keys and sign, start and stop it.

``cocctl unlock`` decrypts a passphrase-protected identity once, in a
background process (``agentd.py``) that then answers requests from cocctl
processes of the same user over a Unix socket, until its time runs out or
``cocctl lock``. It hands out file keys and signatures, never the key. The
socket lives in a private (0700) folder, ``$XDG_RUNTIME_DIR/cocctl/agent``,
or ``$XDG_CACHE_HOME/cocctl/agent`` without a runtime dir; it is 0600, and
both ends check the other's user id (SO_PEERCRED), so another user cannot
talk to it even through a folder with looser permissions.

Protocol: one JSON object per line each way, bytes as standard base64.
Requests ``{"op": "hello" | "unwrap" | "sign" | "lock", ...}``; answers
``{"ok": true, ...}`` or ``{"ok": false, "error": "..."}``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocctl.errors import IdentityError, UsageError

# The longest path a Unix socket address takes (sun_path, less the final NUL).
_MAX_SOCKET_PATH = 107
_MAX_LINE = 1 << 20
TIMEOUT = 30.0
MAX_SECONDS = 24 * 3600
_UNITS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Status:
    """An agent holding my identity: its process, seconds left, and the kind of key."""

    pid: int
    seconds_left: int
    kind: str


def folder() -> Path:
    """The private (0700) folder of the agents' sockets, created if missing.

    Raises:
        IdentityError: it exists but is not a private directory of this user.
    """
    from cocctl.archive.fsio import user_folder

    try:
        return user_folder("agent")
    except PermissionError as error:
        raise IdentityError(f"{error.args[0]} is not a private folder of yours; remove it and try again") from None


def socket_path(identity: Path) -> Path:
    """Where the agent for the identity file ``identity`` listens (one agent per identity file)."""
    name = hashlib.sha256(str(identity.resolve()).encode()).hexdigest()[:24]
    return folder() / f"{name}.sock"


def address(path: Path) -> str:
    """The address to bind or connect to: the path, or a short /proc alias of it when too long.

    The caller keeps ``path``'s folder open while it uses the alias; see :func:`_folder_fd`.
    """
    text = str(path)
    if len(text.encode()) <= _MAX_SOCKET_PATH:
        return text
    if not Path("/proc/self/fd").is_dir():
        raise IdentityError(f"the agent's socket path is too long ({text}); set XDG_RUNTIME_DIR to a short folder")
    return f"/proc/self/fd/{_folder_fd(path.parent)}/{path.name}"


_FOLDER_FDS: dict[Path, int] = {}


def _folder_fd(path: Path) -> int:
    if path not in _FOLDER_FDS:
        _FOLDER_FDS[path] = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    return _FOLDER_FDS[path]


def peer_uid(sock: socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket (Linux SO_PEERCRED)."""
    credentials = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[1]


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    """Write one message (a JSON line)."""
    sock.sendall(json.dumps(message, separators=(",", ":")).encode() + b"\n")


def receive(stream: Any) -> dict[str, Any] | None:
    """Read one message from a socket's file object; None at end of stream.

    Raises:
        ValueError: the line is too long or not a JSON object.
    """
    line = stream.readline(_MAX_LINE + 1)
    if not line:
        return None
    if len(line) > _MAX_LINE or not line.endswith(b"\n"):
        raise ValueError("message too long")
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError("not a JSON object")
    return message


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("want base64 text")
    return base64.b64decode(text, validate=True)


class Client:
    """One connection to the agent of an identity file, opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sock: socket.socket | None = None
        self._stream: Any = None

    def connect(self) -> bool:
        """Connect; False when no agent listens there (or one of another user does)."""
        target = socket_path(self.path)
        if not target.exists():
            return False
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(TIMEOUT)
        try:
            sock.connect(address(target))
            if peer_uid(sock) != os.getuid():
                sock.close()
                return False
        except OSError:
            sock.close()
            return False
        self._sock, self._stream = sock, sock.makefile("rb")
        return True

    def request(self, op: str, **fields: Any) -> dict[str, Any]:
        """Send one request and return the answer.

        Raises:
            IdentityError: the agent is gone or answered with an error.
        """
        if self._sock is None and not self.connect():
            raise IdentityError("the cocctl agent is not running; run 'cocctl unlock' again")
        assert self._sock is not None
        try:
            send(self._sock, {"op": op, **fields})
            answer = receive(self._stream)
        except (OSError, ValueError):
            answer = None
        if answer is None:
            self.close()
            raise IdentityError("the cocctl agent stopped answering; run the command again")
        if not answer.get("ok"):
            raise IdentityError(f"the cocctl agent refused: {answer.get('error', 'no reason given')}")
        return answer

    def close(self) -> None:
        if self._sock is not None:
            self._stream.close()
            self._sock.close()
            self._sock = self._stream = None


class AgentIdentity:
    """One of the identities the agent holds: unwraps through it, and signs through it."""

    def __init__(self, client: Client, index: int, recipient: str, kind: str, signing: str | None) -> None:
        self._client = client
        self._index = index
        self.recipient = recipient
        self.kind = f"{kind}, held by the agent"
        self._signing = signing

    def unwrap(self, stanzas: Any) -> bytes | None:
        """Ask the agent to unwrap the file key (None: the stanzas are not for this identity)."""
        from cocctl import age

        wire = [[s.type, list(s.args), b64(s.body)] for s in stanzas]
        answer = self._client.request("unwrap", identity=self._index, stanzas=wire)
        if answer.get("invalid"):
            raise age.HeaderError(str(answer["invalid"]))
        key = answer.get("file_key")
        return None if key is None else unb64(key)

    def signing_key(self) -> Any:
        """The agent's signing key, or None if it holds none (it then stays in the agent)."""
        from cocctl.archive.signing import SigningKey

        if self._signing is None:
            return None
        client = self._client
        return SigningKey.from_function(self._signing,
                                        lambda message: unb64(client.request("sign", message=b64(message))["signature"]))

    def __repr__(self) -> str:
        return f"AgentIdentity(recipient={self.recipient!r})"


def file_digest(data: bytes) -> str:
    """What ties an agent to the key file it unlocked: the file's SHA-256 (a changed file is not its)."""
    return hashlib.sha256(data).hexdigest()


def held(path: Path, data: bytes) -> list[Any] | None:
    """Proxies for the identities the agent holds for ``path``, if it holds this very file."""
    client = Client(path)
    if not client.connect():
        return None
    try:
        answer = client.request("hello", file=file_digest(data))
    except IdentityError:
        client.close()
        return None
    if not answer.get("holds"):
        client.close()
        return None
    from cocctl import age

    plugins = [age.PluginIdentity(item["identity"],
                                  recipient=age.PluginRecipient(item["recipient"]) if item["recipient"] else None)
               for item in answer.get("plugins", [])]
    return plugins + [AgentIdentity(client, index, item["recipient"], item["kind"], answer.get("signing"))
                      for index, item in enumerate(answer["identities"])]


def status(path: Path) -> Status | None:
    """The agent holding ``path``'s identity, if one runs."""
    client = Client(path)
    if not client.connect():
        return None
    try:
        answer = client.request("hello", file="")
    except IdentityError:
        return None
    finally:
        client.close()
    return Status(int(answer["pid"]), int(answer["seconds_left"]), str(answer["kind"]))


def lock(path: Path) -> Status | None:
    """Stop the agent holding ``path``'s identity; return what it was (None: none ran)."""
    running = status(path)
    if running is None:
        return None
    client = Client(path)
    if client.connect():
        try:
            client.request("lock")
        except IdentityError:
            pass
        finally:
            client.close()
    # Wait briefly so that, when lock returns, the process is gone.
    for _ in range(100):
        if not _alive(running.pid):
            break
        time.sleep(0.02)
    return running


def start(path: Path, passphrase: str, seconds: int) -> Status:
    """Start an agent that decrypts ``path`` with ``passphrase`` and serves it for ``seconds``.

    The passphrase goes to the agent through a pipe; the decrypted key
    exists only in the agent's memory.

    Raises:
        IdentityError: the passphrase is wrong or the agent could not start.
    """
    lock(path)
    target = socket_path(path)
    process = subprocess.Popen(
        [sys.executable, "-m", "cocctl.archive.agentd"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True, cwd="/",
    )
    assert process.stdin is not None and process.stdout is not None
    setup = {"identity": str(path.absolute()), "passphrase": passphrase, "seconds": seconds, "socket": str(target)}
    try:
        process.stdin.write(json.dumps(setup).encode() + b"\n")
        process.stdin.close()
        line = process.stdout.readline()
    except OSError:
        line = b""
    process.stdout.close()
    try:
        answer = json.loads(line) if line else {}
    except ValueError:
        answer = {}
    if not answer.get("ok"):
        process.wait()
        raise IdentityError(answer.get("error") or "the cocctl agent did not start")
    return Status(process.pid, seconds, answer.get("kind", ""))


def parse_duration(text: str) -> int:
    """Seconds in ``30m``, ``2h``, ``90s`` (at most 24 hours).

    Raises:
        UsageError: not such a duration.
    """
    number, unit = text[:-1], text[-1:]
    if unit not in _UNITS or not number.isdigit() or not 0 < int(number) * _UNITS[unit] <= MAX_SECONDS:
        raise UsageError(f"{text!r} is not a duration such as 90s, 30m or 8h (at most 24h)")
    return int(number) * _UNITS[unit]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A child that exited but was not reaped yet is a zombie: not alive for us.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True
