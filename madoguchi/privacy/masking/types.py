"""The masking interface other apps use: span types, placeholders, known entities, results."""

from __future__ import annotations

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
    # Identifiers from the records (会員番号, login names), masked as 〈ID〉.
    ids: tuple[str, ...] = ()
    # Words this text must keep although a detector would mask them (the desk's own name); a domain here
    # (saferinternet.or.jp) keeps its URLs, for referral organisations' sites the FAQ answer points to.
    keep: tuple[str, ...] = ()


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
