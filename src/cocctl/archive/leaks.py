"""Content heuristics: does a file hold a secret key or case content, in any common wrapping?

This is the guard's second line. The first is the allow-list (``service/guard.py``):
a file that is not one cocctl writes fails whatever it holds. These patterns
serve the files a community adds on purpose (a README, CI settings,
templates, cocctl.yaml's comments), where any text may legitimately appear,
and give a more urgent message for a leak at a path that is not allowed.

They look for what cocctl itself prints or decrypts (a case document, the
report fields of ``show`` and ``edit``, a ``draft``, ``person`` output, a
timeline), and unwrap what a careless copy adds: gzip, bzip2, xz and zlib,
base64 and hex runs, UTF-16 and UTF-32. They cannot catch a leak someone
rewords or encrypts on purpose; the README's Security section says so.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator

# Decoded bytes examined per file, over every wrapping: bounds the time and
# memory a hostile file can cost (a gzip bomb stops here).
MAX_DECODED = 32 * 1024 * 1024
MAX_LAYERS = 3
# A run this long of the base64 or hex alphabet is decoded and searched again.
MIN_RUN = 48

SECRET_KEY = re.compile(rb"(?i)age-secret-key-(?:pq-)?1[0-9a-z]{20,}")
PRIVATE_KEY = re.compile(rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")
# A decrypted case document in YAML (block or flow) or JSON, pretty or compact:
# an events list with an opening event.
_EVENTS_KEY = re.compile(rb"""(?:^|[\s{,\[])["']?events["']?\s*:""")
_OPENED_EVENT = re.compile(rb"""["']?type["']?\s*:\s*["']?opened\b""")
# The report's fields as keys (YAML, JSON, the edit buffer) or as the labels of
# `cocctl show`'s table; three of them together are a report.
_REPORT_FIELDS = ("summary", "reported", "reporter", "witnesses", "severity", "channel", "received",
                  "received_at", "evidence", "consent", "privacy")
_FIELD_NAMES = b"|".join(name.encode() for name in _REPORT_FIELDS)
_REPORT_KEY = re.compile(rb"""(?im)(?:^|[\s{,])["']?(""" + _FIELD_NAMES + rb""")["']?[ \t]*[:=]""")
_REPORT_LABEL = re.compile(rb"(?im)^[ \t]*(" + _FIELD_NAMES + rb") {2,}\S")
_EDIT_BUFFER = re.compile(rb"(?m)^# Case \S+: edit the report below")
_DRAFT_SUBJECT = re.compile(rb"(?im)^subject: \S")
_DRAFT_FRAME = re.compile(rb"(?im)^to: \S|code of conduct committee")
_PERSON = re.compile(rb"(?im)^strikes: \d+\s*$")
_PERSON_MORE = re.compile(rb"(?im)^highest consequence: ")
_PERSON_JSON = (re.compile(rb"""["']person["']\s*:"""), re.compile(rb"""["']strikes["']\s*:"""))
# A timeline line of `show` or `log`: a time, a handle and an event type.
_TIMELINE = re.compile(rb"(?m)^[ \t]*(?:\+[ \t]*)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2,}[a-z0-9][a-z0-9._-]* {2,}[a-z-]+\b")

_BASE64_RUN = re.compile(rb"(?:[A-Za-z0-9+/]{4}[ \t\r\n]*){%d,}[A-Za-z0-9+/=]{0,4}" % (MIN_RUN // 4))
_HEX_RUN = re.compile(rb"(?:[0-9a-fA-F]{2}){%d,}" % MIN_RUN)


def secret_problems(data: bytes) -> list[str]:
    """What must never be committed that ``data`` holds as it is: a secret key or a decrypted case document.

    Cheap enough for every file of an archive; it does not unwrap encodings.
    """
    found = []
    if SECRET_KEY.search(data):
        found.append("holds an age secret key; remove it and rotate that key")
    elif PRIVATE_KEY.search(data):
        found.append("holds a private key; remove it and rotate that key")
    if _EVENTS_KEY.search(data) and _OPENED_EVENT.search(data):
        found.append("looks like a decrypted case document (events with an opened event); "
                     "remove it from git and from history")
    return found


def content_problems(data: bytes) -> list[str]:
    """Every leak pattern found in ``data`` or in what it wraps (compressed, base64, hex, UTF-16/32).

    For files a community adds, whose text cocctl does not control. Each
    message names the kind of leak, never the text.
    """
    found: dict[str, str] = {}  # each kind of leak once, where it is found first (the outermost layer)
    for layer, text in _layers(data):
        wrapped = f" (inside {layer})" if layer else ""
        for problem in secret_problems(text) + _output_problems(text):
            found.setdefault(problem, problem.replace(";", f"{wrapped};", 1) if wrapped else problem)
    return list(found.values())


def _output_problems(text: bytes) -> list[str]:
    """What cocctl prints about a case, saved to a file."""
    found = []
    if _EDIT_BUFFER.search(text):
        found.append("looks like a 'cocctl edit' buffer; remove it from git and from history")
    fields = {match.group(1).lower() for pattern in (_REPORT_KEY, _REPORT_LABEL) for match in pattern.finditer(text)}
    if len(fields) >= 3:
        found.append("looks like a case's report (saved 'cocctl show' output or a copy of one); "
                     "remove it from git and from history")
    if _DRAFT_SUBJECT.search(text) and _DRAFT_FRAME.search(text):
        found.append("looks like a message drafted by 'cocctl draft'; remove it from git and from history")
    if (_PERSON.search(text) and _PERSON_MORE.search(text)) or all(p.search(text) for p in _PERSON_JSON):
        found.append("looks like saved 'cocctl person' output; remove it from git and from history")
    if _TIMELINE.search(text):
        found.append("looks like a case's timeline (saved 'cocctl show' or 'cocctl log' output); "
                     "remove it from git and from history")
    return found


def _layers(data: bytes) -> Iterator[tuple[str, bytes]]:
    """``data`` itself, then what it decodes to, breadth first, within the budget."""
    budget = MAX_DECODED
    queue: list[tuple[str, bytes, int]] = [("", data, 0)]
    while queue:
        name, text, depth = queue.pop(0)
        yield name, text
        if depth == MAX_LAYERS:
            continue
        for kind, decoded in _unwrapped(text, budget):
            budget -= len(decoded)
            queue.append((f"{kind} in {name}" if name else kind, decoded, depth + 1))
            if budget <= 0:
                return


def _unwrapped(data: bytes, budget: int) -> Iterator[tuple[str, bytes]]:
    """What ``data`` decodes to, by each wrapping it looks like."""
    decompressed = _decompress(data, budget)
    if decompressed is not None:
        yield decompressed
        return
    wide = _wide_text(data)
    if wide is not None:
        yield "UTF-16/32 text", wide
        return
    for match in _BASE64_RUN.finditer(data):
        decoded = _base64(match.group())
        if decoded:
            yield "base64", decoded
    for match in _HEX_RUN.finditer(data):
        yield "hex", binascii.unhexlify(match.group())


def _decompress(data: bytes, budget: int) -> tuple[str, bytes] | None:
    import zlib

    limit = max(0, min(budget, MAX_DECODED))
    try:
        if data.startswith(b"\x1f\x8b"):
            return "gzip", zlib.decompressobj(wbits=47).decompress(data, limit)
        if len(data) > 2 and data[0] == 0x78 and int.from_bytes(data[:2], "big") % 31 == 0:
            return "zlib", zlib.decompressobj().decompress(data, limit)
        if data.startswith(b"BZh"):
            import bz2

            return "bzip2", bz2.BZ2Decompressor().decompress(data, limit)
        if data.startswith(b"\xfd7zXZ\x00"):
            import lzma

            return "xz", lzma.LZMADecompressor().decompress(data, limit)
    except (zlib.error, OSError, EOFError, ValueError):
        return None
    return None


def _wide_text(data: bytes) -> bytes | None:
    """UTF-16 or UTF-32 text as UTF-8: by its byte order mark, or by NULs between ASCII letters."""
    boms = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
            (b"\xfe\xff", "utf-16"))
    encodings = [name for bom, name in boms if data.startswith(bom)][:1]
    if not encodings and len(data) >= 8 and data.count(0) * 4 >= len(data):
        encodings = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
    for encoding in encodings:
        try:
            return data.decode(encoding).encode("utf-8")
        except UnicodeError:
            continue
    return None


def _base64(run: bytes) -> bytes | None:
    compact = re.sub(rb"\s+", b"", run)
    compact = compact[: len(compact) - len(compact) % 4] if not compact.endswith(b"=") else compact
    try:
        return binascii.a2b_base64(compact)
    except binascii.Error:
        return None
