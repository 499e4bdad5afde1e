"""Japanese-aware parsing of incoming mail for the intake channel (pure Python, no Django models)."""

from .attachments import sanitize_filename, sniff_type
from .autoreply import AutoReplyVerdict, detect_auto_reply
from .charsets import DecodedText, UndecodableSpan, canonical_charset, decode_bytes
from .fingerprint import content_fingerprint, normalize_address
from .headers import (
    Address,
    decode_header_bytes,
    decode_parameter,
    normalize_message_id,
    parse_address_list,
    parse_date,
    parse_message_ids,
)
from .html import html_to_text, sanitize_html
from .parsing import Attachment, Limits, ParsedMessage, SkippedPart, UnparseableMessage, parse_message
from .problems import Problem
from .references import extract_reference_numbers

__all__ = [
    "Address",
    "Attachment",
    "AutoReplyVerdict",
    "DecodedText",
    "Limits",
    "ParsedMessage",
    "Problem",
    "SkippedPart",
    "UndecodableSpan",
    "UnparseableMessage",
    "canonical_charset",
    "content_fingerprint",
    "decode_bytes",
    "decode_header_bytes",
    "decode_parameter",
    "detect_auto_reply",
    "extract_reference_numbers",
    "html_to_text",
    "normalize_address",
    "normalize_message_id",
    "parse_address_list",
    "parse_date",
    "parse_message",
    "parse_message_ids",
    "sanitize_filename",
    "sanitize_html",
    "sniff_type",
]
