"""A corpus of hostile YAML: each file is something cocctl must refuse quickly and quietly."""

from __future__ import annotations

# A value that must never appear in any message, log or traceback.
SECRET = "hunter2-do-not-echo"


def _alias_bomb() -> bytes:
    # The "billion laughs": nine levels of nine aliases, ~420 bytes, 9**9 leaves.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines).encode() + b"\n"


HOSTILE: dict[str, bytes] = {
    "alias-bomb": _alias_bomb(),
    "deep-brackets": b"[" * 100_000,
    "deep-braces": b"{" * 100_000,
    "deep-mixed": b"[{a: " * 20_000,
    "deep-block": "".join(f"{'  ' * level}k:\n" for level in range(200)).encode(),
    "recursive-alias": b"a: &a [*a]\n",
    "duplicate-key": f"cocctl: 1\ncase: x\ncase: {SECRET}\n".encode(),
    "huge-scalar": b"a: '" + b"x" * (9 * 1024 * 1024) + b"'\n",
    "invalid-utf8": b"a: b\n" + SECRET.encode() + b": \xff\xfe\n",
    "utf16-bom": "\ufeffa: b\n".encode("utf-16"),
    "tabs": f"a:\n\tb: {SECRET}\n".encode(),
    "nul-bytes": f"a: {SECRET}\x00\n".encode(),
    "escape-sequences": f"a: {SECRET}\x1b]0;pwned\x07\x1b[2J\n".encode(),
    "explicit-tag": f"a: !!python/object:os.system {SECRET}\n".encode(),
    "long-integer": b"a: " + b"9" * 10_000 + b"\n",
    "impossible-date": b"a: 2026-02-30\n",
    "complex-key": f"? [{SECRET}]\n: b\n".encode(),
    "two-documents": f"a: 1\n---\nb: {SECRET}\n".encode(),
}
