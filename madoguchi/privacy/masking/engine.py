"""mask_text: run every detector on normalised text, drop what must be kept, map spans back to the original."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from madoguchi.privacy.masking import cues, detectors, lexicon, prose, shapes, spoken
from madoguchi.privacy.masking.detectors import Candidate
from madoguchi.privacy.masking.normalize import fold, normalize
from madoguchi.privacy.masking.types import KnownEntities, MaskResult, Span, SpanType

DETECTORS = (
    detectors.emails,
    detectors.urls,
    detectors.ips,
    detectors.cards,
    detectors.phones,
    detectors.postal_codes,
    detectors.accounts,
    detectors.ids,
    detectors.addresses,
    detectors.companies,
    detectors.people,
    *prose.DETECTORS,
    *shapes.DETECTORS,
    *spoken.DETECTORS,
    *cues.DETECTORS,
)

# Only guessed names and companies give way to the must-keep dictionary; a structured match
# (an address starting with 東京都, a phone number) is masked whole.
_YIELDING = {SpanType.PERSON, SpanType.COMPANY}


def mask_text(text: str, *, known: KnownEntities | None = None) -> MaskResult:
    """Find personal and identifying data in `text`; spans are offsets into `text` itself."""
    norm = normalize(text)
    n = norm.text
    keep = _keep_regions(n, extra=known.keep if known else ())
    kept_domains = tuple(w.lower() for w in (known.keep if known else ()) if _DOMAIN_LIKE.fullmatch(w))
    candidates: list[Candidate] = []
    for detector in DETECTORS:
        for c in detector(n):
            if c.type in _YIELDING and _overlaps(c, keep):
                continue
            if c.type is SpanType.URL and kept_domains and _host_in(n[c.start : c.end], kept_domains):
                continue
            candidates.append(c)
    candidates = prose.extend_addresses(n, prose.propagate(n, prose.refine(n, candidates)))
    if known:
        candidates.extend(_known_candidates(n, known))
    spans: list[Span] = []
    for c in _resolve(candidates):
        start, end = norm.to_original(c.start, c.end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append(Span(start, end, c.type, text[start:end]))
    return MaskResult(original=text, spans=tuple(spans))


_DOMAIN_LIKE = re.compile(r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}")


def _host_in(url: str, domains: tuple[str, ...]) -> bool:
    """True when the URL's or bare domain's host is one of `domains` or below one (a referral site the FAQ needs)."""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0].removeprefix("www.")
    return any(host == d or host.endswith("." + d) for d in domains)


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Longest candidate wins; on equal length the lower priority number. No overlaps remain."""
    taken: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if c.end <= c.start:
            continue
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _keep_regions(n: str, *, extra: Iterable[str] = ()) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    words = list(lexicon.must_keep_folded()) + [fold(w) for w in extra if w]
    for word in words:
        if word.isascii():
            pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", re.IGNORECASE)
        else:
            pattern = re.compile(re.escape(word))
        regions.extend((m.start(), m.end()) for m in pattern.finditer(n))
    return regions


def _overlaps(c: Candidate, regions: list[tuple[int, int]]) -> bool:
    return any(c.start < end and start < c.end for start, end in regions)


# ---------------------------------------------------------------- known entities


def _flexible(value: str) -> str:
    """Pattern for `value` that tolerates spaces between its characters and any dash style."""
    chars = [c for c in value if not c.isspace()]
    parts = ["-|ー" if c in "-ー" else re.escape(c) for c in chars]
    return r"[ \t]?".join(f"(?:{p})" if "|" in p else p for p in parts)


def _person_variants(name: str) -> set[str]:
    folded = fold(name).strip()
    out = {folded, re.sub(r"\s+", "", folded)}
    parts = folded.split()
    if len(parts) >= 2:
        out.update(p for p in parts if len(p) >= 2)
    else:
        surname = detectors._starts_with_surname(folded)
        if surname and len(folded) > len(surname):
            out.add(surname)
    return {v for v in out if len(v) >= 2}


def _company_core(name: str) -> str:
    core = fold(name).strip()
    for form in sorted((fold(f) for f in lexicon.COMPANY_FORMS), key=len, reverse=True):
        core = core.replace(form, "")
    return core.strip(" \t・")


def _known_candidates(n: str, known: KnownEntities) -> Iterator[Candidate]:
    def find(value: str, kind: SpanType, *, ignore_case: bool = False) -> Iterator[Candidate]:
        if not value:
            return
        flags = re.IGNORECASE if ignore_case else 0
        for m in re.finditer(_flexible(value), n, flags):
            # A surname inside a longer kanji word (山田 in 山田町) is still masked: the consulter said so.
            yield Candidate(m.start(), m.end(), kind, 0)

    for person in known.people:
        for v in _person_variants(person):
            yield from find(v, SpanType.PERSON, ignore_case=True)
    forms = detectors._FORMS
    for company in known.companies:
        core = _company_core(company)
        if len(core) < 2:
            continue
        for m in re.finditer(rf"(?:(?:{forms})[ \t]?)?{_flexible(core)}(?:[ \t]?(?:{forms}))?", n, re.IGNORECASE):
            yield Candidate(m.start(), m.end(), SpanType.COMPANY, 0)
    for address in known.addresses:
        folded = fold(address)
        yield from find(folded, SpanType.ADDRESS)
        for pref in lexicon.PREFECTURES:
            if folded.startswith(pref) and len(folded) > len(pref) + 2:
                yield from find(folded[len(pref) :], SpanType.ADDRESS)
    for phone in known.phones:
        digits = re.sub(r"\D", "", fold(phone))
        if len(digits) >= 6:
            pattern = r"[ \t\-ー().]{0,2}".join(digits)
            for m in re.finditer(rf"(?<!\d){pattern}(?!\d)", n):
                yield Candidate(m.start(), m.end(), SpanType.PHONE, 0)
    for email in known.emails:
        yield from find(fold(email), SpanType.EMAIL, ignore_case=True)
    for domain in known.domains:
        host = fold(domain).strip().lower().removeprefix("www.")
        if "." not in host:
            continue
        d = re.escape(host)
        for m in re.finditer(
            rf"(?<![A-Za-z0-9\-.])(?:https?://)?(?:[A-Za-z0-9\-]+\.)*{d}(?![A-Za-z0-9\-])(?:/[^\s]*)?", n, re.I
        ):
            yield Candidate(m.start(), m.end(), SpanType.URL, 0)
    for value in known.ids:
        yield from find(fold(value), SpanType.ID, ignore_case=True)


def add_spans(result: MaskResult, extra: Iterable[Span]) -> MaskResult:
    """Add spans from another signal (a named-entity model): kept only where nothing is masked yet and,
    for names and companies, where no must-keep word is touched."""
    norm = normalize(result.original)
    keep = [norm.to_original(a, b) for a, b in _keep_regions(norm.text)]
    spans = list(result.spans)
    for span in sorted(extra, key=lambda s: s.start):
        if span.end <= span.start or any(span.start < s.end and s.start < span.end for s in spans):
            continue
        if span.type in _YIELDING and any(span.start < b and a < span.end for a, b in keep):
            continue
        spans.append(span)
    return MaskResult(original=result.original, spans=tuple(sorted(spans, key=lambda s: s.start)))
