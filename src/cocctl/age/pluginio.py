"""The age plugin IPC (c2sp.org/age-plugin): a plugin process and the stanzas sent both ways over its pipes."""

# Commands are age stanzas (type = command, arguments = metadata, body =
# data), serialised exactly as in a header, so this reuses format.py's
# marshalling and its canonical base64. A plugin is found on PATH only, as
# `age-plugin-NAME`, and runs in an empty working directory of its own.

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable

from .errors import AgeError
from .format import BYTES_PER_LINE, COLUMNS_PER_LINE, Stanza, b64decode, marshal_stanza

__all__ = ["PluginError", "PluginProcess", "UI", "binary_name"]

BINARY_PREFIX = "age-plugin-"
# Stanzas the plugin sends are bounded, so a broken plugin cannot exhaust memory.
_MAX_LINE = 1 << 16
_MAX_BODY = 1 << 20
_STDERR_KEPT = 2000


class PluginError(AgeError):
    """Raised when a plugin is missing, fails, reports an error, or breaks the protocol."""


class UI:
    """How a plugin talks to the user: each callback may be None (the plugin is told ``fail``).

    Attributes:
        display: ``display(plugin, message)`` shows a message (e.g. "touch your key").
        request: ``request(plugin, prompt, secret) -> str`` asks for a value (a PIN);
            it raises or returns None to refuse.
        confirm: ``confirm(plugin, prompt, yes, no) -> bool`` asks yes or no (``no`` may be "").
    """

    def __init__(self, display: Callable[[str, str], None] | None = None,
                 request: Callable[[str, str, bool], str | None] | None = None,
                 confirm: Callable[[str, str, str, str], bool | None] | None = None) -> None:
        self.display = display
        self.request = request
        self.confirm = confirm


def binary_name(name: str) -> str:
    """The file name of the plugin called ``name``."""
    return BINARY_PREFIX + name


class PluginProcess:
    """One run of ``age-plugin-NAME --age-plugin=STATE_MACHINE``, with its stanza streams.

    Use as a context manager: leaving it closes the pipes and waits for the
    process, killing it if it does not exit.
    """

    def __init__(self, name: str, state_machine: str, ui: UI | None) -> None:
        """Start the plugin.

        Raises:
            PluginError: no ``age-plugin-NAME`` on PATH, or it cannot be started.
        """
        self.name = name
        self.ui = ui or UI()
        path = shutil.which(binary_name(name))
        if path is None:
            raise PluginError(f"plugin {name!r} not found: install {binary_name(name)} somewhere on PATH")
        # Plugins must not depend on the working directory: give them an empty one.
        self._folder = tempfile.TemporaryDirectory(prefix="age-plugin-")
        try:
            self._process = subprocess.Popen(
                [path, f"--age-plugin={state_machine}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, cwd=self._folder.name,
            )
        except OSError as error:
            self._folder.cleanup()
            raise PluginError(f"couldn't start plugin {name!r}: {error.strerror}") from None
        self._stderr = b""
        self._drain = threading.Thread(target=self._read_stderr, daemon=True)
        self._drain.start()

    def __enter__(self) -> PluginProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        for chunk in iter(lambda: self._process.stderr.read(4096), b""):  # type: ignore[union-attr]
            self._stderr = (self._stderr + chunk)[-_STDERR_KEPT:]

    def close(self) -> None:
        """Close the pipes and wait for the plugin to exit (at most a few seconds)."""
        for stream in (self._process.stdin, self._process.stdout):
            try:
                stream.close()  # type: ignore[union-attr]
            except OSError:
                pass
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._drain.join(timeout=1)
        self._folder.cleanup()

    def error(self, message: str, *, exited: bool = False) -> PluginError:
        """A PluginError naming the plugin, with the end of what it wrote to stderr.

        Args:
            exited: the plugin closed its end of the exchange: wait for it to
                exit and for its stderr to be read to the end, so the message
                carries its last words (a busy machine delivers them late).
        """
        if exited:
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self._drain.join(timeout=2)
        said = self._stderr.decode("utf-8", "replace").strip().splitlines()
        tail = f" (it said: {said[-1][:200]})" if said else ""
        return PluginError(f"{binary_name(self.name)}: {message}{tail}")

    # -- client to plugin ---------------------------------------------------------------------

    def send(self, command: str, *args: str, body: bytes = b"") -> None:
        """Send one command.

        Raises:
            PluginError: the plugin closed its input (it exited).
        """
        try:
            self._process.stdin.write(marshal_stanza(Stanza(command, args, body)))  # type: ignore[union-attr]
            self._process.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            raise self.error("exited before the end of the exchange", exited=True) from None

    def send_grease(self) -> None:
        """Maybe send a random command the plugin must ignore, so that joint does not rust (the spec's grease)."""
        if random.randrange(3) == 0:
            return
        args = [str(random.randrange(100)) for _ in range(random.randrange(3))]
        body = os.urandom(random.randrange(100)) if random.randrange(2) else b""
        self.send(f"grease-{random.getrandbits(32):x}", *args, body=body)

    # -- plugin to client ---------------------------------------------------------------------

    def receive(self) -> Stanza:
        """Read the plugin's next command.

        Raises:
            PluginError: the plugin exited, or sent something that is not a stanza.
        """
        line = self._line()
        words = line.split(" ")
        if words[0] != "->" or len(words) < 2 or any(not w for w in words[1:]):
            raise self.error("sent a malformed command")
        body = b""
        while True:
            text = self._line()
            if len(text) > COLUMNS_PER_LINE:
                raise self.error("sent a malformed command body")
            try:
                chunk = b64decode(text)
            except AgeError:
                raise self.error("sent a command body that is not canonical base64") from None
            body += chunk
            if len(chunk) < BYTES_PER_LINE:
                return Stanza(words[1], words[2:], body)
            if len(body) > _MAX_BODY:
                raise self.error("sent a command body that is too long")

    def _line(self) -> str:
        raw = self._process.stdout.readline(_MAX_LINE)  # type: ignore[union-attr]
        if not raw.endswith(b"\n"):
            if len(raw) < _MAX_LINE:
                raise self.error("exited before the end of the exchange", exited=True)
            raise self.error("sent a line too long")
        try:
            return raw[:-1].decode("ascii")
        except UnicodeDecodeError:
            raise self.error("sent a command that is not ASCII") from None

    def answer_ui(self, command: Stanza) -> None:
        """Answer a ``msg``, ``confirm``, ``request-public`` or ``request-secret`` command, or ``unsupported``."""
        ui = self.ui
        if command.type == "msg":
            if ui.display is None:
                self.send("fail")
                return
            ui.display(self.name, command.body.decode("utf-8", "replace"))
            self.send("ok")
        elif command.type in ("request-public", "request-secret"):
            value = None
            if ui.request is not None:
                try:
                    value = ui.request(self.name, command.body.decode("utf-8", "replace"),
                                       command.type == "request-secret")
                except Exception:  # noqa: BLE001  (a refused prompt is a "fail" answer, as the spec says)
                    value = None
            if value is None:
                self.send("fail")
            else:
                self.send("ok", body=value.encode("utf-8"))
        elif command.type == "confirm":
            if len(command.args) not in (1, 2):
                raise self.error("sent a malformed confirm command")
            try:
                yes, no = (b64decode(a).decode("utf-8", "replace") for a in (*command.args, "")[:2])
            except AgeError:
                raise self.error("sent a malformed confirm command") from None
            chose = None
            if ui.confirm is not None:
                try:
                    chose = ui.confirm(self.name, command.body.decode("utf-8", "replace"), yes, no)
                except Exception:  # noqa: BLE001
                    chose = None
            if chose is None:
                self.send("fail")
            else:
                self.send("ok", "yes" if chose else "no")
        else:
            # A command of a later version of the protocol, or grease.
            self.send("unsupported")
