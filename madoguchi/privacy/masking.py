"""Personal-data masking for text that leaves a consultation (FAQ drafts, casebook entries).

Pure Python, no Django: callers pass what the consultation's own records say about the consulter in
`KnownEntities`; the result lists every masked span so a reviewer can see and adjust each one.

This module is the interface other apps use. The detection behind it is improved and measured
separately (docs/masking.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class SpanType(StrEnum):
    PERSON = "person"
    COMPANY = "company"
    PHONE = "phone"
    EMAIL = "email"
    POSTAL_CODE = "postal_code"
    ADDRESS = "address"
    URL = "url"
    IP = "ip"
    ACCOUNT = "account"
    CARD = "card"
    ID = "id"


PLACEHOLDERS: dict[SpanType, str] = {
    SpanType.PERSON: "〈氏名〉",
    SpanType.COMPANY: "〈会社名〉",
    SpanType.PHONE: "〈電話番号〉",
    SpanType.EMAIL: "〈メール〉",
    SpanType.POSTAL_CODE: "〈郵便番号〉",
    SpanType.ADDRESS: "〈住所〉",
    SpanType.URL: "〈URL〉",
    SpanType.IP: "〈IP〉",
    SpanType.ACCOUNT: "〈口座番号〉",
    SpanType.CARD: "〈カード番号〉",
    SpanType.ID: "〈ID〉",
}


@dataclass(frozen=True)
class KnownEntities:
    """What the consultation's own records say about the consulter; masked wherever it appears."""

    people: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: SpanType
    text: str

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.type]


@dataclass(frozen=True)
class MaskResult:
    original: str
    spans: tuple[Span, ...] = field(default_factory=tuple)

    @property
    def masked(self) -> str:
        return apply_spans(self.original, self.spans)


def apply_spans(text: str, spans: Iterable[Span]) -> str:
    """Replace each (non-overlapping, sorted) span of `text` with its placeholder."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        out.append(text[pos : span.start])
        out.append(span.placeholder)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")


def mask_text(text: str, *, known: KnownEntities | None = None) -> MaskResult:
    """Find personal and identifying data in `text`; the first version covers mail and phone only."""
    spans: list[Span] = []
    for pattern, kind in ((_EMAIL, SpanType.EMAIL), (_PHONE, SpanType.PHONE)):
        spans.extend(Span(m.start(), m.end(), kind, m.group()) for m in pattern.finditer(text))
    if known:
        for values, kind in ((known.people, SpanType.PERSON), (known.companies, SpanType.COMPANY)):
            for value in values:
                if value:
                    start = text.find(value)
                    while start >= 0:
                        spans.append(Span(start, start + len(value), kind, value))
                        start = text.find(value, start + len(value))
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return MaskResult(original=text, spans=tuple(kept))
