"""Header decoding: RFC 2047 encoded-words, raw 8-bit headers, addresses, RFC 2231 parameters, ids and dates."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from zoneinfo import ZoneInfo

from .charsets import DecodedText, UndecodableSpan, canonical_charset, decode_bytes
from .problems import Problem

TOKYO = ZoneInfo("Asia/Tokyo")

# charset, optional RFC 2231 language (=?ISO-2022-JP*ja?B?...?=), encoding, payload
_ENCODED_WORD = re.compile(rb"=\?([^?*\s]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=")
_FOLD = re.compile(rb"\r?\n(?=[ \t])")
_MSG_ID = re.compile(r"<([^<>\s]+)>")


@dataclass(frozen=True)
class Address:
    name: str
    address: str


def to_raw(value: str) -> bytes:
    """Recover the wire bytes of a header value parsed by the stdlib with surrogateescape.

    Latin-1 characters (from %XX-unquoted RFC 2231 values) map to their byte;
    anything else cannot have come from the wire as-is and is kept as UTF-8.
    """
    out = bytearray()
    for char in value:
        code = ord(char)
        if code < 0x100:
            out.append(code)
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(code - 0xDC00)
        else:
            out += char.encode("utf-8", "surrogatepass")
    return bytes(out)


def _decode_word_payload(encoding: bytes, payload: bytes) -> bytes | None:
    try:
        if encoding in (b"B", b"b"):
            cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", payload)
            return base64.b64decode(cleaned + b"=" * (-len(cleaned) % 4))
        return binascii.a2b_qp(payload, header=True)
    except (binascii.Error, ValueError):
        return None


def _same_charset(a: str, b: str) -> bool:
    ca, cb = canonical_charset(label=a), canonical_charset(label=b)
    if ca is None or cb is None:
        return a.lower() == b.lower()
    return ca == cb


def decode_header_bytes(*, raw: bytes, fallback_charset: str | None = None) -> DecodedText:
    """Decode one header value as a mail client would display it.

    Adjacent encoded-words in the same charset are joined *before* decoding,
    because mailers split long subjects at byte counts, sometimes in the middle
    of a multibyte character or an ISO-2022-JP escape run. Unencoded 8-bit text
    (cp932 or UTF-8 written raw by old or broken mailers) goes through the same
    detection as bodies, with ``fallback_charset`` (usually the body charset)
    tried first.
    """
    value = _FOLD.sub(b"", raw).strip(b"\r\n")
    segments: list[tuple[str | None, bytes]] = []  # (charset label or None for literal text, bytes)
    pos = 0
    previous_was_word = False
    for match in _ENCODED_WORD.finditer(value):
        gap = value[pos : match.start()]
        if gap and not (previous_was_word and gap.strip(b" \t\r\n") == b""):
            segments.append((None, gap))
        payload = _decode_word_payload(match.group(2), match.group(3))
        label = match.group(1).decode("ascii", "replace")
        if payload is None:
            segments.append((None, match.group(0)))
            previous_was_word = False
        else:
            last = segments[-1] if segments else None
            if previous_was_word and last is not None and last[0] is not None and _same_charset(last[0], label):
                segments[-1] = (last[0], last[1] + payload)
            else:
                segments.append((label, payload))
            previous_was_word = True
        pos = match.end()
    if pos < len(value):
        segments.append((None, value[pos:]))

    texts: list[str] = []
    used: list[str] = []
    warnings: list[Problem] = []
    undecodable: list[UndecodableSpan] = []
    for label, data in segments:
        if label is None and all(b < 0x80 for b in data) and b"\x1b" not in data:
            texts.append(data.decode("ascii"))
            continue
        if label is None:
            result = decode_bytes(data=data, declared=fallback_charset)
            if fallback_charset is None or result.charset_used != canonical_charset(label=fallback_charset):
                warnings.append(Problem.of("raw_8bit_header", charset=result.charset_used))
            result_warnings = [w for w in result.warnings if w.code not in {"charset_detected", "charset_mismatch"}]
        else:
            result = decode_bytes(data=data, declared=label)
            result_warnings = list(result.warnings)
        offset = sum(len(t) for t in texts)
        undecodable.extend(
            UndecodableSpan(text_offset=span.text_offset + offset, raw=span.raw) for span in result.undecodable
        )
        texts.append(result.text)
        used.append(result.charset_used)
        warnings.extend(result_warnings)
    text = "".join(texts)
    # Folding whitespace and stray CR/LF inside a value are never meaningful.
    text = re.sub(r"[\r\n\t]+", " ", text).strip()
    deduped: list[Problem] = []
    for w in warnings:
        if w not in deduped:
            deduped.append(w)
    return DecodedText(
        text=text,
        charset_used=",".join(dict.fromkeys(used)) or "ascii",
        declared=None,
        warnings=tuple(deduped),
        undecodable=tuple(undecodable),
    )


def _clean_address(address: str) -> str:
    address = address.strip().strip("<>").strip()
    if "@" not in address:
        return ""
    local, _, domain = address.rpartition("@")
    if not local or not domain or any(c.isspace() for c in address):
        return ""
    # Domains are case-insensitive; local parts formally are not, so keep them.
    return f"{local}@{domain.lower()}"


_BARE_ADDRESS = re.compile(r"[^\s<>\"'(),;:]+@[^\s<>\"'(),;:]+")


def parse_address_list(*, raw: bytes, fallback_charset: str | None = None) -> tuple[list[Address], list[Problem]]:
    """Split an address header into (display name, address) pairs with decoded names."""
    problems: list[Problem] = []
    unfolded = _FOLD.sub(b"", raw).strip()
    if any(b >= 0x80 for b in unfolded):
        # Decode raw 8-bit headers *before* parsing: cp932 trail bytes can be
        # 0x5C, which an RFC 5322 parser would read as a quoted-pair backslash.
        decoded = decode_header_bytes(raw=unfolded, fallback_charset=fallback_charset)
        problems.extend(decoded.warnings)
        pairs = getaddresses([decoded.text])
        names_are_decoded = True
    else:
        pairs = getaddresses([unfolded.decode("ascii")])
        names_are_decoded = False
    result: list[Address] = []
    for name, address in pairs:
        clean = _clean_address(address)
        if not clean:
            continue
        if names_are_decoded:
            display = name
            if "=?" in name:
                display = decode_header_bytes(raw=name.encode("utf-8"), fallback_charset="utf-8").text
        else:
            decoded_name = decode_header_bytes(raw=to_raw(name))
            problems.extend(decoded_name.warnings)
            display = decoded_name.text
        result.append(Address(name=display.strip().strip('"').strip(), address=clean))
    if not result:
        # getaddresses gives up on some malformed headers; salvage bare addresses.
        text = unfolded.decode("utf-8", "replace")
        for found in _BARE_ADDRESS.findall(text):
            clean = _clean_address(found)
            if clean:
                result.append(Address(name="", address=clean))
    return result, problems


def normalize_message_id(*, value: str | None) -> str | None:
    """Return the first ``<id>`` in a Message-ID-like header, in canonical ``<local@domain>`` form."""
    if not value:
        return None
    ids = parse_message_ids(value=value)
    return ids[0] if ids else None


def parse_message_ids(*, value: str | None) -> list[str]:
    """All message ids in References/In-Reply-To order; bare ids (no brackets) are tolerated."""
    if not value:
        return []
    unfolded = re.sub(r"\s+", " ", value)
    # Comments and quoted phrases ("Your message of ...") are dropped by only
    # looking at bracketed tokens; a lone bare token is accepted as an id.
    found = _MSG_ID.findall(unfolded)
    if not found:
        bare = unfolded.strip()
        if bare and " " not in bare and "@" in bare:
            found = [bare]
    result: list[str] = []
    for item in found:
        normalized = f"<{item.strip()}>"
        if normalized not in result:
            result.append(normalized)
    return result


def parse_date(*, value: str | None) -> datetime | None:
    """Parse an RFC 5322 date; no zone means Japan time, ``-0000`` means UTC with unknown local zone."""
    if not value:
        return None
    cleaned = re.sub(r"\s+", " ", value).strip()
    try:
        parsed = parsedate_to_datetime(cleaned)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        zone = UTC if re.search(r"-0000\b", cleaned) else TOKYO
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def decode_parameter(*, value: str | tuple[str | None, str | None, str], fallback_charset: str | None) -> DecodedText:
    """Decode a MIME parameter as returned by ``Message.get_param``.

    A tuple is an RFC 2231 value (``filename*=``, continuations already
    joined by the stdlib as Latin-1 text of the raw bytes); a plain string may
    still carry RFC 2047 encoded-words or raw 8-bit bytes, which is what
    Outlook and Becky! send in ``filename="..."``.
    """
    if isinstance(value, tuple):
        charset, _language, text = value
        raw = to_raw(text)
        if b"=?" in raw:
            return decode_header_bytes(raw=raw, fallback_charset=charset or fallback_charset)
        return decode_bytes(data=raw, declared=charset or fallback_charset)
    return decode_header_bytes(raw=to_raw(value), fallback_charset=fallback_charset)
