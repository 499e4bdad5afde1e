"""Prefill a case study from its consultation, masked with the consultation's own records (privacy.masking)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from madoguchi.cases.models import Case
from madoguchi.privacy.masking import KnownEntities, MaskResult, Span, mask_text

# The desk's own name and the public bodies a case study names on purpose stay readable.
DESK_WORDS = ("東京都", "中小企業サイバーセキュリティ相談窓口", "警視庁")


def known_entities(case: Case) -> KnownEntities:
    people: list[str] = []
    phones: list[str] = []
    emails: list[str] = []
    companies: list[str] = []
    if case.person is not None:
        people.append(case.person.name)
        phones.append(case.person.phone)
        emails.append(case.person.email)
    if case.organization is not None:
        companies.append(case.organization.name)
        phones.append(case.organization.phone)
    domains = tuple(e.rsplit("@", 1)[1] for e in emails if "@" in e)
    return KnownEntities(
        people=tuple(p for p in people if p),
        companies=tuple(c for c in companies if c),
        phones=tuple(p for p in phones if p),
        emails=tuple(e for e in emails if e),
        domains=domains,
        ids=(case.reference,),
        keep=DESK_WORDS,
    )


@dataclass(frozen=True)
class MaskedField:
    name: str
    result: MaskResult

    @property
    def masked(self) -> str:
        return self.result.masked

    @property
    def spans(self) -> tuple[Span, ...]:
        return self.result.spans

    @property
    def highlighted(self) -> SafeString:
        """The original text with every masked span marked, escaped, for the writer to check what was hidden."""
        return highlight(self.result.original, self.result.spans)


def highlight(text: str, spans: tuple[Span, ...]) -> SafeString:
    parts: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        parts.append(format_html("{}", text[pos : span.start]))
        parts.append(format_html('<mark title="{}">{}</mark>', span.placeholder, text[span.start : span.end]))
        pos = span.end
    parts.append(format_html("{}", text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html


def prefill(case: Case) -> dict[str, MaskedField]:
    """Masked first drafts of the study's texts: the consultation, the desk's assessment, the outcome."""
    known = known_entities(case)
    sources = {"situation": case.body, "desk_advice": case.assessment, "company_actions": case.resolution}
    return {name: MaskedField(name=name, result=mask_text(text, known=known)) for name, text in sources.items()}


def residual_spans(case: Case, text: str) -> tuple[Span, ...]:
    """What the masking still finds in saved text: shown to the reviewer before publication."""
    return mask_text(text, known=known_entities(case)).spans
