"""Turning the raw bytes of one incoming mail into a ParsedMessage (no database, no side effects)."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesParser
from email.policy import Compat32

from .attachments import EXECUTABLE_MIME_TYPES, extension_mismatch, sanitize_filename, sniff_type
from .autoreply import AutoReplyVerdict, detect_auto_reply
from .charsets import decode_bytes
from .headers import (
    Address,
    decode_header_bytes,
    decode_parameter,
    normalize_message_id,
    parse_address_list,
    parse_date,
    parse_message_ids,
    to_raw,
)
from .html import html_to_text, sanitize_html
from .messages import SKIPPED_PART_MESSAGES, UNPARSEABLE_MESSAGES, japanese
from .problems import Problem
from .references import extract_reference_numbers


@dataclass(frozen=True)
class Limits:
    max_message_bytes: int = 25 * 1024 * 1024
    max_attachment_bytes: int = 10 * 1024 * 1024
    max_attachments: int = 20


class UnparseableMessage(Exception):
    """The bytes cannot become a consultation.

    ``code`` and ``params`` are what is stored (the UI renders them in the reader's language); ``reason`` is
    the Japanese sentence from ``UNPARSEABLE_MESSAGES`` unless the caller gives one.
    """

    def __init__(self, *, code: str, params: Mapping[str, str] | None = None, reason: str | None = None) -> None:
        self.code = code
        self.params: dict[str, str] = dict(params or {})
        self.reason = reason if reason is not None else japanese(UNPARSEABLE_MESSAGES, code=code, params=self.params)
        super().__init__(self.reason)


@dataclass(frozen=True)
class Attachment:
    filename: str  # sanitised, safe to use as a storage name
    original_filename: str  # decoded name as the sender's client shows it ("" when the part had none)
    content_type: str  # as declared by the sender, lower case
    sniffed_type: str | None  # from the bytes (filetype); None when unknown (e.g. plain text)
    size: int
    sha256: str
    payload: bytes = field(repr=False)
    is_forwarded_message: bool = False  # message/rfc822, payload is the whole .eml
    is_inline: bool = False
    content_id: str | None = None
    type_mismatch: bool = False  # the name says one format, the bytes another
    is_executable: bool = False


@dataclass(frozen=True)
class SkippedPart:
    filename: str
    content_type: str
    size: int
    reason_code: str  # "too_large" | "too_many"
    params: Mapping[str, str] = field(default_factory=dict, hash=False)  # fill SKIPPED_PART_MESSAGES

    @property
    def reason(self) -> str:
        """Japanese, for staff; the UI renders reason_code + params in the reader's language."""
        return japanese(SKIPPED_PART_MESSAGES, code=self.reason_code, params=self.params)


@dataclass
class ParsedMessage:
    message_id: str
    message_id_generated: bool
    in_reply_to: str | None
    references: list[str]
    subject: str
    sender: Address
    to: list[Address]
    cc: list[Address]
    reply_to: list[Address]
    date: datetime | None
    date_source: str  # "header" | "received" | "missing"
    text_body: str
    text_body_source: str  # "plain" | "html" | "none"
    html_body: str | None  # sanitised with nh3, for display only
    attachments: list[Attachment]
    skipped_parts: list[SkippedPart]
    auto_reply: AutoReplyVerdict | None
    reference_numbers: list[str]
    problems: list[Problem]
    size: int


class _RawHeaderPolicy(Compat32):
    """compat32, but header values stay the surrogate-escaped wire text.

    Stock compat32 turns any header with 8-bit bytes into an ``email.header.Header``
    object, which get_param/get_content_type then fail on. We decode headers
    ourselves, so we want the raw text back.
    """

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


_PARSE_POLICY = _RawHeaderPolicy()

_KNOWN_HEADERS = frozenset(
    {"from", "to", "cc", "subject", "date", "message-id", "received", "return-path", "mime-version", "sender"}
)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _text(value: str) -> str:
    """Surrogate-free text of a raw header fragment (content types, ids) for storage."""
    return to_raw(value).decode("utf-8", "replace")


def _raw_headers(msg: Message, name: str) -> list[bytes]:
    wanted = name.lower()
    return [to_raw(value) for key, value in msg.raw_items() if key.lower() == wanted]


def _raw_header(msg: Message, name: str) -> bytes | None:
    values = _raw_headers(msg, name)
    return values[0] if values else None


def _ascii_header(msg: Message, name: str) -> str | None:
    raw = _raw_header(msg, name)
    return None if raw is None else raw.decode("ascii", "replace")


def _reject_garbage(raw: bytes) -> None:
    if not raw.strip():
        raise UnparseableMessage(code="empty")
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    if b"\x00" in head:
        raise UnparseableMessage(code="not_mail", params={"variant": "binary"})
    lines = [line for line in re.split(rb"\r?\n", head) if line and line[:1] not in (b" ", b"\t")]
    # mbox files start with a "From " envelope line; everything else must be header fields.
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    # Only the first line must be a field: after a malformed line the stdlib
    # starts the body, and the known-header check below still applies.
    if not lines or not _HEADER_LINE.match(lines[0]):
        raise UnparseableMessage(code="not_mail", params={"variant": "unreadable_header"})


def _serialize(msg: Message, *, linesep: str) -> bytes:
    # No refolding and the sender's line ending: a forwarded mail comes out
    # byte for byte as it was embedded, so its hash matches the original.
    buffer = io.BytesIO()
    generator_policy = policy.compat32.clone(linesep=linesep, max_line_length=0)
    BytesGenerator(buffer, mangle_from_=False, policy=generator_policy).flatten(msg)
    return buffer.getvalue()


def _part_body_bytes(part: Message, *, linesep: str) -> bytes:
    data = _serialize(part, linesep=linesep)
    match = re.search(rb"\r?\n\r?\n", data)
    return data[match.end() :] if match else b""


def _unflow(text: str, *, delsp: bool) -> str:
    """Undo RFC 3676 format=flowed soft line breaks (Thunderbird), which are not part of the text."""
    out: list[str] = []
    current: str | None = None
    current_depth = -1
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        if current is not None and depth == current_depth:
            current += content
        else:
            if current is not None:
                out.append(">" * current_depth + (" " if current_depth else "") + current)
            current, current_depth = content, depth
        if content.endswith(" ") and content != "-- ":
            if delsp:
                current = current[:-1]
            continue
        out.append(">" * current_depth + (" " if current_depth else "") + current)
        current = None
        current_depth = -1
    if current is not None:
        out.append(">" * current_depth + (" " if current_depth else "") + current)
    return "\n".join(out)


def _decode_text_part(part: Message, problems: list[Problem]) -> tuple[str, str | None]:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    declared = part.get_param("charset")
    if isinstance(declared, tuple):
        declared = declared[2]
    decoded = decode_bytes(data=data, declared=declared if isinstance(declared, str) else None)
    problems.extend(decoded.warnings)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = part.get_param("format") or ""
    if isinstance(fmt, str) and fmt.lower() == "flowed" and part.get_content_type() == "text/plain":
        delsp = part.get_param("delsp")
        text = _unflow(text, delsp=isinstance(delsp, str) and delsp.lower() == "yes")
    return text, decoded.charset_used


def _is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    if disposition == "attachment":
        return True
    return part.get_param("filename", header="content-disposition") is not None or part.get_param("name") is not None


def _decoded_filename(part: Message, fallback_charset: str | None, problems: list[Problem]) -> str:
    for value in (part.get_param("filename", header="content-disposition"), part.get_param("name")):
        if value is None or value == "":
            continue
        decoded = decode_parameter(value=value, fallback_charset=fallback_charset)
        problems.extend(w for w in decoded.warnings if w.code != "raw_8bit_header")
        if decoded.text:
            return decoded.text
    return ""


_EXTENSION_BY_TYPE = {
    "message/rfc822": "eml",
    "message/delivery-status": "txt",
    "text/plain": "txt",
    "text/html": "html",
    "text/rfc822-headers": "txt",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "application/pdf": "pdf",
}


class _Walker:
    def __init__(self, *, limits: Limits, charset_hint: str | None, linesep: str) -> None:
        self.limits = limits
        self.linesep = linesep
        self.charset_hint = charset_hint
        self.plain: list[str] = []
        self.html: list[str] = []
        self.attachments: list[Attachment] = []
        self.skipped: list[SkippedPart] = []
        self.problems: list[Problem] = []
        self.counter = 0

    def walk(self, part: Message) -> None:
        ctype = _text(part.get_content_type())
        if ctype == "message/rfc822" or (part.is_multipart() and ctype.startswith("message/")):
            self._add_message_part(part, ctype)
            return
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                for sub in payload:
                    if isinstance(sub, Message):
                        self.walk(sub)
            return
        if ctype in ("text/plain", "text/html") and not _is_attachment(part):
            text, _ = _decode_text_part(part, self.problems)
            (self.plain if ctype == "text/plain" else self.html).append(text)
            return
        self._add_leaf(part, ctype)

    def _add_message_part(self, part: Message, ctype: str) -> None:
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload and isinstance(payload[0], Message) else None
        cte = (part.get("Content-Transfer-Encoding") or "").strip().lower()
        if ctype == "message/rfc822" and inner is not None and cte not in ("base64", "quoted-printable"):
            data = _serialize(inner, linesep=self.linesep)
        elif cte in ("base64", "quoted-printable"):
            # Some clients encode the forwarded mail (RFC 2046 forbids it); undo that.
            encoded = _part_body_bytes(part, linesep=self.linesep)
            holder = Message()
            holder["Content-Transfer-Encoding"] = cte
            holder.set_payload(encoded.decode("ascii", "surrogateescape"))
            decoded = holder.get_payload(decode=True)
            data = decoded if isinstance(decoded, bytes) else encoded
        else:
            data = _part_body_bytes(part, linesep=self.linesep)
        name = _decoded_filename(part, self.charset_hint, self.problems)
        if not name and ctype == "message/rfc822":
            inner_subject = _raw_header(inner, "Subject") if inner is not None else None
            if inner_subject is None and data:
                inner_subject = _raw_header(
                    BytesParser(policy=_PARSE_POLICY).parsebytes(data, headersonly=True), "Subject"
                )
            subject = decode_header_bytes(raw=inner_subject or b"", fallback_charset=self.charset_hint).text
            name = f"{subject or '転送メール'}.eml"
        self._store(
            data=data,
            original_name=name,
            content_type=ctype,
            forwarded=ctype == "message/rfc822",
            inline=False,
            content_id=None,
        )

    def _add_leaf(self, part: Message, ctype: str) -> None:
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        name = _decoded_filename(part, self.charset_hint, self.problems)
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        content_id = part.get("Content-ID")
        inline = disposition == "inline" or (disposition == "" and content_id is not None)
        self._store(
            data=data,
            original_name=name,
            content_type=ctype,
            forwarded=False,
            inline=inline,
            content_id=normalize_message_id(value=_text(content_id)) if content_id else None,
        )

    def _store(
        self,
        *,
        data: bytes,
        original_name: str,
        content_type: str,
        forwarded: bool,
        inline: bool,
        content_id: str | None,
    ) -> None:
        self.counter += 1
        extension = _EXTENSION_BY_TYPE.get(content_type, "bin")
        filename = sanitize_filename(name=original_name, fallback=f"attachment-{self.counter}.{extension}")
        if len(data) > self.limits.max_attachment_bytes:
            self.skipped.append(
                SkippedPart(
                    filename=filename,
                    content_type=content_type,
                    size=len(data),
                    reason_code="too_large",
                    params={
                        "filename": filename,
                        "size": _megabytes(len(data)),
                        "limit": _megabytes(self.limits.max_attachment_bytes),
                    },
                )
            )
            return
        if len(self.attachments) >= self.limits.max_attachments:
            self.skipped.append(
                SkippedPart(
                    filename=filename,
                    content_type=content_type,
                    size=len(data),
                    reason_code="too_many",
                    params={"filename": filename, "limit": str(self.limits.max_attachments)},
                )
            )
            return
        sniffed, sniffed_extension = sniff_type(payload=data)
        mismatch = extension_mismatch(filename=filename, sniffed_extension=sniffed_extension)
        executable = sniffed in EXECUTABLE_MIME_TYPES
        if mismatch:
            self.problems.append(Problem.of("attachment_type_mismatch", filename=filename, sniffed=sniffed or ""))
        self.attachments.append(
            Attachment(
                filename=filename,
                original_filename=original_name,
                content_type=content_type,
                sniffed_type=sniffed,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                payload=data,
                is_forwarded_message=forwarded,
                is_inline=inline,
                content_id=content_id,
                type_mismatch=mismatch,
                is_executable=executable,
            )
        )


def _charset_hint(msg: Message) -> str | None:
    # Raw 8-bit headers are almost always in the charset the body declares.
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            charset = part.get_param("charset")
            if isinstance(charset, str) and charset:
                return charset
    return None


def _received_date(msg: Message) -> datetime | None:
    for raw in _raw_headers(msg, "Received"):
        text = raw.decode("ascii", "replace")
        if ";" in text:
            parsed = parse_date(value=text.rsplit(";", 1)[1])
            if parsed is not None:
                return parsed
    return None


def parse_message(*, raw: bytes, limits: Limits) -> ParsedMessage:
    """Parse one mail as received (RFC 5322 bytes). Raises UnparseableMessage for non-mail input."""
    if len(raw) > limits.max_message_bytes:
        raise UnparseableMessage(
            code="too_large", params={"size": _megabytes(len(raw)), "limit": _megabytes(limits.max_message_bytes)}
        )
    _reject_garbage(raw)
    msg = BytesParser(policy=_PARSE_POLICY).parsebytes(raw)
    if not any(key.lower() in _KNOWN_HEADERS for key in msg):
        raise UnparseableMessage(code="not_mail", params={"variant": "no_headers"})

    problems: list[Problem] = []
    hint = _charset_hint(msg)

    sender_source = "From"
    from_raw = _raw_header(msg, "From")
    if from_raw is None or not from_raw.strip():
        from_raw = _raw_header(msg, "Sender")
        sender_source = "Sender"
    if from_raw is None or not from_raw.strip():
        raise UnparseableMessage(code="no_sender")
    senders, sender_problems = parse_address_list(raw=from_raw, fallback_charset=hint)
    if not senders:
        shown = from_raw.decode("utf-8", "replace").strip()[:80]
        raise UnparseableMessage(code="bad_sender", params={"header": sender_source, "value": shown})
    problems.extend(sender_problems)
    if sender_source == "Sender":
        problems.append(Problem.of("from_missing"))

    def addresses(name: str) -> list[Address]:
        result: list[Address] = []
        for value in _raw_headers(msg, name):
            found, found_problems = parse_address_list(raw=value, fallback_charset=hint)
            result.extend(found)
            problems.extend(found_problems)
        return result

    subject_raw = _raw_header(msg, "Subject")
    subject = ""
    if subject_raw is not None:
        decoded_subject = decode_header_bytes(raw=subject_raw, fallback_charset=hint)
        subject = decoded_subject.text
        problems.extend(decoded_subject.warnings)

    message_id = normalize_message_id(value=_ascii_header(msg, "Message-ID"))
    generated = message_id is None
    if message_id is None:
        # Derived from the bytes so a re-fetched copy gets the same id and is
        # recognised as a duplicate.
        message_id = f"<generated.{hashlib.sha256(raw).hexdigest()[:32]}@madoguchi.invalid>"
        problems.append(Problem.of("message_id_missing"))

    date_header = _ascii_header(msg, "Date")
    date = parse_date(value=date_header)
    date_source = "header"
    if date is None:
        date = _received_date(msg)
        date_source = "received" if date is not None else "missing"
        problems.append(
            Problem.of(
                "date_missing" if date_header is None else "date_invalid",
                variant="received" if date is not None else "unknown",
            )
        )

    first_line_end = raw.find(b"\n")
    linesep = "\r\n" if first_line_end > 0 and raw[first_line_end - 1 : first_line_end] == b"\r" else "\n"
    walker = _Walker(limits=limits, charset_hint=hint, linesep=linesep)
    walker.walk(msg)
    problems.extend(walker.problems)
    html_source = "\n".join(walker.html) if walker.html else None
    if walker.plain:
        text_body, text_source = "\n".join(walker.plain), "plain"
    elif html_source is not None:
        text_body, text_source = html_to_text(html=html_source), "html"
    else:
        text_body, text_source = "", "none"
    html_body = sanitize_html(html=html_source) if html_source is not None else None

    report_type = msg.get_param("report-type")
    verdict = detect_auto_reply(
        headers={key.lower(): [v.decode("ascii", "replace") for v in _raw_headers(msg, key)] for key in msg},
        content_type=_text(msg.get_content_type()),
        report_type=report_type if isinstance(report_type, str) else None,
        sender_address=senders[0].address,
        subject=subject,
    )

    deduped: list[Problem] = []
    for problem in problems:
        if problem not in deduped:
            deduped.append(problem)

    return ParsedMessage(
        message_id=message_id,
        message_id_generated=generated,
        in_reply_to=normalize_message_id(value=_ascii_header(msg, "In-Reply-To")),
        references=parse_message_ids(value=_ascii_header(msg, "References")),
        subject=subject,
        sender=senders[0],
        to=addresses("To"),
        cc=addresses("Cc"),
        reply_to=addresses("Reply-To"),
        date=date,
        date_source=date_source,
        text_body=text_body,
        text_body_source=text_source,
        html_body=html_body,
        attachments=walker.attachments,
        skipped_parts=walker.skipped,
        auto_reply=verdict,
        reference_numbers=extract_reference_numbers(subject=subject),
        problems=deduped,
        size=len(raw),
    )
