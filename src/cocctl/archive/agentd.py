"""The cocctl agent process: holds one decrypted identity in memory and serves unwraps and signatures.

Started by ``cocctl unlock`` as ``python -m cocctl.archive.agentd``; it reads its
setup (identity path, passphrase, lifetime, socket) as one JSON line on
stdin, decrypts the identity, answers ``{"ok": true}`` on stdout and then
serves the socket (see ``agent.py`` for the protocol) until its time runs
out, ``cocctl lock``, SIGTERM, or its socket is removed or replaced.

What it never does: write the key anywhere, hand it out, sign anything
but cocctl statements (so an SSH key it holds cannot be used to log in
anywhere through it), or answer a process of another user.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

from cocctl.archive import agent

# Only statements that start with a cocctl domain are signed.
_POLL_SECONDS = 0.5


def _harden() -> None:
    """No core dumps, and no ptrace or /proc/PID/mem by other processes of the user."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        import ctypes

        PR_SET_DUMPABLE = 4  # noqa: N806  (linux/prctl.h)
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass


class Agent:
    """The identities of one key file, and the answers to each request."""

    def __init__(self, identity: Path, identities: list[Any], digest: str, seconds: int) -> None:
        from cocctl.archive import keys

        from cocctl import age

        self.identity = identity
        # A plugin identity runs in the client, where the user can be asked for a PIN or a touch.
        self.plugins = [i for i in identities if isinstance(i, age.PluginIdentity)]
        self.identities = [i for i in identities
                           if not isinstance(i, age.PluginIdentity) and getattr(i, "recipient", None)]
        self.digest = digest
        self.deadline = time.monotonic() + seconds
        self.kind = keys.kind_of(identities)
        self.stopping = threading.Event()
        try:
            self.signer = keys.signing_key(identities)
        except Exception:  # noqa: BLE001  (an identity that cannot sign still decrypts)
            self.signer = None

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        """The answer to one request."""
        op = request.get("op")
        if op == "hello":
            return self._hello(request)
        if op == "unwrap":
            return self._unwrap(request)
        if op == "sign":
            return self._sign(request)
        if op == "lock":
            self.stopping.set()
            return {"ok": True}
        return {"ok": False, "error": "unsupported request"}

    def _hello(self, request: dict[str, Any]) -> dict[str, Any]:
        from cocctl.archive import keys

        holds = request.get("file") == self.digest
        answer: dict[str, Any] = {
            "ok": True, "holds": holds, "pid": os.getpid(), "kind": self.kind,
            "seconds_left": max(0, int(self.deadline - time.monotonic())),
        }
        if holds:
            answer["identities"] = [{"recipient": str(i.recipient), "kind": keys.kind_of([i])}
                                    for i in self.identities]
            answer["signing"] = self.signer.public if self.signer else None
            answer["plugins"] = [{"identity": str(i), "recipient": str(i.recipient) if i.recipient else None}
                                 for i in self.plugins]
        return answer

    def _unwrap(self, request: dict[str, Any]) -> dict[str, Any]:
        from cocctl import age

        try:
            identity = self.identities[int(request["identity"])]
            stanzas = [age.Stanza(str(t), [str(a) for a in args], agent.unb64(body))
                       for t, args, body in request["stanzas"]]
        except (KeyError, IndexError, TypeError, ValueError):
            return {"ok": False, "error": "malformed unwrap request"}
        try:
            file_key = identity.unwrap(tuple(stanzas))
        except age.AgeError as error:
            # A stanza for this key is malformed: the file is broken, which the client reports as such.
            return {"ok": True, "file_key": None, "invalid": str(error)}
        return {"ok": True, "file_key": None if file_key is None else agent.b64(file_key)}

    def _sign(self, request: dict[str, Any]) -> dict[str, Any]:
        from cocctl.archive import signing

        if self.signer is None:
            return {"ok": False, "error": "this identity holds no signing key"}
        try:
            message = agent.unb64(request["message"])
        except (KeyError, ValueError):
            return {"ok": False, "error": "malformed sign request"}
        if not message.startswith((signing.SEAL_DOMAIN, signing.EVENTS_DOMAIN, signing.ROSTER_DOMAIN)):
            return {"ok": False, "error": "the agent signs cocctl statements only"}
        return {"ok": True, "signature": agent.b64(self.signer.sign_message(message))}


def serve(state: Agent, listener: socket.socket, path: Path, inode: int) -> None:
    """Accept connections until the time is up, a lock, or the socket file (``inode``) is gone or replaced."""
    listener.settimeout(_POLL_SECONDS)
    while not state.stopping.is_set() and time.monotonic() < state.deadline:
        try:
            if path.stat().st_ino != inode:
                return
        except FileNotFoundError:
            return
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        except OSError:
            return
        threading.Thread(target=_connection, args=(state, connection), daemon=True).start()


def _connection(state: Agent, connection: socket.socket) -> None:
    with connection:
        try:
            if agent.peer_uid(connection) != os.getuid():
                return
            connection.settimeout(agent.TIMEOUT)
            stream = connection.makefile("rb")
            while not state.stopping.is_set():
                request = agent.receive(stream)
                if request is None:
                    return
                agent.send(connection, state.answer(request))
        except (OSError, ValueError):
            return


def main() -> None:
    """Read the setup, decrypt the identity, report, and serve."""
    from cocctl.archive import keys

    os.umask(0o077)
    _harden()
    try:
        setup = json.loads(sys.stdin.readline())
        identity = Path(setup["identity"])
        seconds = int(setup["seconds"])
        path = Path(setup["socket"])
        passphrase = str(setup["passphrase"])
    except (ValueError, KeyError, TypeError):
        _report({"ok": False, "error": "the cocctl agent got a malformed setup"})
        return
    try:
        data = identity.read_bytes()
        identities = keys.load(identity, lambda _prompt: passphrase, agent=False)
    except Exception as error:  # noqa: BLE001  (reported to unlock, which prints it)
        _report({"ok": False, "error": str(error) or "cannot load the identity"})
        return
    del passphrase, setup
    state = Agent(identity, identities, agent.file_digest(data), seconds)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        path.unlink(missing_ok=True)
        listener.bind(agent.address(path))
        os.chmod(path, 0o600)
        inode = path.stat().st_ino
        listener.listen(16)
    except OSError as error:
        _report({"ok": False, "error": f"the cocctl agent cannot listen at {path}: {error.strerror}"})
        return
    signal.signal(signal.SIGTERM, lambda *_: state.stopping.set())
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _report({"ok": True, "kind": state.kind})
    _detach()
    try:
        serve(state, listener, path, inode)
    finally:
        listener.close()
        # Remove the socket only if it still is ours (a new agent may have replaced it).
        try:
            if path.stat().st_ino == inode:
                path.unlink()
        except OSError:
            pass


def _report(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _detach() -> None:
    """Let go of the pipes to ``cocctl unlock``, so it can exit."""
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(null, descriptor)
    os.close(null)


if __name__ == "__main__":
    main()
