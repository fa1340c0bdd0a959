"""Reports that arrive by email: an RFC 822 / MIME message read into a report, its body and its attachments.

The message is parsed in memory with the standard library's ``email``
package (modern policy) and never written anywhere in plaintext: its
fields go into the new case, its body into a note, and the message itself
and each attached file into the case's encrypted evidence. Hostile mail
(missing or broken headers, unknown charsets, deep or huge MIME trees)
gives a best-effort text or a clear error, never a crash.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocctl.clock import format_time
from cocctl.errors import AccessDenied, NotFound, UsageError
from cocctl.text import CONTROLS
from cocctl.service import cases, evidence
from cocctl.service.workspace import CaseChange, Session, Workspace

# Beyond these a message is refused (or its text cut), never parsed without end.
MAX_MAIL = 64 * 1024 * 1024
MAX_PARTS = 200
MAX_DEPTH = 20
MAX_NOTE = 20000
MESSAGE_NAME = "message.eml"


@dataclass(frozen=True)
class Part:
    """A file the message carries."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Mail:
    """What a message gives a report: fields, the body as text, the message itself and its files."""

    report: dict[str, Any]
    body: str
    raw: bytes
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Intake:
    """A case opened from a message, and the change that attached its body and files."""

    opened: CaseChange
    attached: evidence.Attached


def read_mail(source: str | Path) -> Mail:
    """Read a message from a file, or from standard input when ``source`` is ``-``.

    Raises:
        NotFound, AccessDenied: the file is missing or unreadable.
        UsageError: not a message, too large, or too deeply nested.
    """
    name = "standard input" if str(source) == "-" else str(source)
    try:
        if str(source) == "-":
            data = sys.stdin.buffer.read(MAX_MAIL + 1)
        else:
            with open(source, "rb") as stream:
                data = stream.read(MAX_MAIL + 1)
    except FileNotFoundError:
        raise NotFound(f"no file {name}; check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{name} is a folder, not a message; save the mail as an .eml file") from None
    except PermissionError:
        raise AccessDenied(f"cannot read {name} (permission denied); check its permissions") from None
    if len(data) > MAX_MAIL:
        raise UsageError(f"{name} is larger than {MAX_MAIL // (1024 * 1024)} MiB; save its attachments and attach "
                         "them with 'cocctl attach'")
    return parse_mail(data, name)


def parse_mail(data: bytes, name: str = "the message") -> Mail:
    """Turn a message's bytes into report fields, a body text and its files.

    Raises:
        UsageError: no headers at all, or a MIME tree too deep or with too many parts.
    """
    from email import policy
    from email.parser import BytesParser

    if not data.strip() or b":" not in data.split(b"\n\n", 1)[0]:
        raise UsageError(f"{name} is not an email message (no headers); save the mail as an .eml file")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as error:  # the parser is lenient; anything it still raises is a broken message
        raise UsageError(f"{name} is not a readable email message ({type(error).__name__})") from None
    report: dict[str, Any] = {"channel": "email"}
    subject = _one_line(_header(message, "subject"))
    if subject:
        report["summary"] = subject
    sender = _sender(_header(message, "from"))
    if sender:
        report["reporter"] = sender
    received = _date(_header(message, "date"))
    if received:
        report["received_at"] = received
    plain, html, parts = _walk(message, name)
    body = plain if plain.strip() else _html_text(html)
    return Mail(report, _clean(body), data, tuple(parts))


def open_from_mail(session: Session, mail: Mail, report: dict[str, Any], exclude: Sequence[str]) -> Intake:
    """Open a case from ``report`` (the mail's fields and the member's answers), then attach the mail to it.

    The body becomes a note, the message itself (``message.eml``) and each of
    its files evidence, in one more commit.

    Raises:
        UsageError: a file of the message is above the policy's size limit (nothing is written).
    """
    limit = Workspace(session).policy.evidence.max_bytes
    for part in (Part(MESSAGE_NAME, mail.raw), *mail.parts):
        if len(part.data) > limit:
            raise UsageError(f"the message's file {part.name!r} is {len(part.data)} bytes, above this archive's "
                             f"limit of {limit // (1024 * 1024)} MiB per attachment (policy evidence.max_mib); "
                             "nothing was written")
    opened = cases.open_case(session, report, list(exclude))
    attached = attach_mail(session, opened.case, mail)
    return Intake(opened, attached)


def attach_mail(session: Session, case_id: str, mail: Mail) -> evidence.Attached:
    """Add a message to a case: its body as a note, the message and its files as evidence (one commit)."""
    note = mail.body
    if len(note) > MAX_NOTE:
        note = note[:MAX_NOTE - 80].rstrip() + f"\n[... cut; the whole message is attached as {MESSAGE_NAME}]"
    sources = [evidence.Source(MESSAGE_NAME, stream=io.BytesIO(mail.raw))]
    sources += [evidence.Source(part.name, stream=io.BytesIO(part.data)) for part in mail.parts]
    return evidence.attach(session, case_id, sources, None, notes=[note] if note.strip() else [])


def _walk(message: Any, name: str) -> tuple[str, str, list[Part]]:
    """The first plain-text body, the first HTML body, and the files, walking the MIME tree without recursion."""
    plain = html = ""
    parts: list[Part] = []
    stack = [(message, 0)]
    seen = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > MAX_PARTS or depth > MAX_DEPTH:
            raise UsageError(f"{name} has more than {MAX_PARTS} parts or is nested more than {MAX_DEPTH} deep; "
                             "save its attachments and attach them with 'cocctl attach'")
        kind = part.get_content_type()
        filename = _filename(part)
        if part.is_multipart() and kind != "message/rfc822":
            stack += [(child, depth + 1) for child in reversed(part.get_payload())]
        elif filename or part.get_content_disposition() == "attachment" or kind == "message/rfc822" or (
                part.get_content_maintype() not in ("text", "multipart")):
            parts.append(Part(filename or f"part-{len(parts) + 1}{_extension(kind)}", _payload(part)))
        elif kind == "text/plain" and not plain:
            plain = _text(part)
        elif kind == "text/html" and not html:
            html = _text(part)
    return plain, html, parts


def _payload(part: Any) -> bytes:
    if part.get_content_type() == "message/rfc822":
        try:
            return part.get_payload()[0].as_bytes()
        except Exception:
            return part.as_bytes()
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _text(part: Any) -> str:
    """A text part's content: in its charset, or UTF-8 with replacements when that is wrong or unknown."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except Exception:  # an unknown charset, or bytes that are not in it
        pass
    data = part.get_payload(decode=True) or b""
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)


def _header(message: Any, name: str) -> str:
    try:
        value = message[name]
        return "" if value is None else str(value)
    except Exception:  # an encoded word or address the modern policy cannot parse: the raw text
        for key, raw in getattr(message, "_headers", ()):
            if key.lower() == name:
                return str(raw)
        return ""


def _filename(part: Any) -> str:
    try:
        return part.get_filename() or ""
    except Exception:
        return ""


def _sender(value: str) -> dict[str, str] | None:
    from email.utils import parseaddr

    display, address = parseaddr(value)
    display, address = _one_line(display)[:200], _one_line(address)[:200]
    if not (display or address):
        return None
    found = {"name": display or address}
    if address:
        found["contact"] = address
    return found


def _date(value: str) -> str | None:
    from datetime import timezone
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return format_time(moment.astimezone(timezone.utc))


def _html_text(html: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.chunks: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.skip += tag in ("script", "style")
            if tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3"):
                self.chunks.append("\n")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style") and self.skip > 0

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.chunks.append(data)

    parser = Text()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        return html
    lines = [" ".join(line.split()) for line in "".join(parser.chunks).splitlines()]
    return "\n".join(line for line in lines if line)


def _clean(text: str) -> str:
    """Text fit for a note: newlines kept, other control characters dropped, lines' trailing space cut."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in text if c in "\n\t" or (ord(c) not in CONTROLS and not 0xD800 <= ord(c) <= 0xDFFF))
    return "\n".join(line.rstrip() for line in kept.strip().splitlines())


def _one_line(text: str) -> str:
    return " ".join(_clean(text).split())


def _extension(kind: str) -> str:
    import mimetypes

    return mimetypes.guess_extension(kind) or ".bin"
