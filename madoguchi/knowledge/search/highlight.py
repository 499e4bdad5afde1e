"""Snippets: the original text, HTML-escaped, with the matched terms wrapped in <mark>."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from madoguchi.knowledge.search.normalize import normalize_with_offsets

_MAX_SPANS = 50


def _spans(raw: str, terms: list[str]) -> list[tuple[int, int]]:
    mapped = normalize_with_offsets(raw)
    found: list[tuple[int, int]] = []
    for term in terms:
        start = 0
        while len(found) < _MAX_SPANS:
            k = mapped.text.find(term, start)
            if k == -1:
                break
            found.append((mapped.starts[k], mapped.ends[k + len(term) - 1]))
            start = k + len(term)
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def highlight(raw: str, terms: list[str], *, width: int | None = None) -> SafeString:
    """Escape everything; only our own <mark> tags are markup. width cuts a window around the first match."""
    spans = _spans(raw, terms)
    start, end = 0, len(raw)
    if width is not None and len(raw) > width:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - width // 3, len(raw) - width))
        end = start + width
    parts: list[str] = ["…"] if start > 0 else []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        parts.append(escape(raw[pos:s]))
        parts.append("<mark>" + escape(raw[s:e]) + "</mark>")
        pos = e
    parts.append(escape(raw[pos:end]))
    if end < len(raw):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above went through escape()
