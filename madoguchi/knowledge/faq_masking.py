"""Masked spans of an FAQ draft: where each placeholder sits in the stored text, and the reviewer's adjustments.

Pure Python (no Django). A span is a dict {"field", "start", "end", "type", "original"} whose start/end are
positions of the placeholder in the *masked* text of one field ("title", "q0", "q1", ..., "measures"), so the
draft never needs the original text to be displayed; `original` lets a reviewer unmask one span and is
dropped when the entry is published (faq_services).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from madoguchi.privacy.masking import PLACEHOLDERS, KnownEntities, SpanType, mask_text


class StoredSpan(TypedDict):
    field: str
    start: int
    end: int
    type: str
    original: str


@dataclass(frozen=True)
class Segment:
    """A piece of a field's text for display: plain, or a masked placeholder with its span's index."""

    text: str
    span_index: int | None = None
    type: str = ""


def placeholder(span_type: str) -> str:
    return PLACEHOLDERS[SpanType(span_type)]


def mask_field(*, field: str, text: str, known: KnownEntities | None) -> tuple[str, list[StoredSpan]]:
    """Mask `text`; the spans point at the placeholders in the returned text."""
    result = mask_text(text, known=known)
    out: list[str] = []
    spans: list[StoredSpan] = []
    pos = 0
    length = 0
    for span in sorted(result.spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        before = text[pos : span.start]
        out.append(before)
        length += len(before)
        mark = span.placeholder
        spans.append(
            StoredSpan(field=field, start=length, end=length + len(mark), type=str(span.type), original=span.text)
        )
        out.append(mark)
        length += len(mark)
        pos = span.end
    out.append(text[pos:])
    return "".join(out), spans


def realign(*, field: str, text: str, spans: list[StoredSpan]) -> list[StoredSpan]:
    """Spans of `field` after its text was edited: the k-th placeholder of a type keeps the k-th span of that type.

    A placeholder typed by hand gets a span without an original; a span whose placeholder was deleted goes.
    """
    own = [s for s in spans if s["field"] == field]
    by_type: dict[str, list[StoredSpan]] = {}
    for s in sorted(own, key=lambda s: s["start"]):
        by_type.setdefault(s["type"], []).append(s)
    found: list[StoredSpan] = []
    for span_type in SpanType:
        mark = PLACEHOLDERS[span_type]
        previous = by_type.get(str(span_type), [])
        start = text.find(mark)
        k = 0
        while start >= 0:
            original = previous[k]["original"] if k < len(previous) else ""
            found.append(
                StoredSpan(field=field, start=start, end=start + len(mark), type=str(span_type), original=original)
            )
            k += 1
            start = text.find(mark, start + len(mark))
    found.sort(key=lambda s: s["start"])
    return [s for s in spans if s["field"] != field] + found


def unmask(*, text: str, spans: list[StoredSpan], index: int) -> tuple[str, list[StoredSpan]]:
    """Put the original back for spans[index] (a reviewer judged it not personal); positions after it shift."""
    span = spans[index]
    original = span["original"]
    new_text = text[: span["start"]] + original + text[span["end"] :]
    shift = len(original) - (span["end"] - span["start"])
    out: list[StoredSpan] = []
    for i, s in enumerate(spans):
        if i == index:
            continue
        if s["field"] == span["field"] and s["start"] >= span["end"]:
            s = StoredSpan(
                field=s["field"], start=s["start"] + shift, end=s["end"] + shift, type=s["type"], original=s["original"]
            )
        out.append(s)
    return new_text, out


def mask_string(
    *, field: str, text: str, spans: list[StoredSpan], needle: str, span_type: str
) -> tuple[str, list[StoredSpan], int]:
    """Mask every occurrence of `needle` in the field's text (outside existing placeholders); returns the count."""
    if not needle:
        return text, spans, 0
    mark = placeholder(span_type)
    occupied = [(s["start"], s["end"]) for s in spans if s["field"] == field]
    hits: list[int] = []
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not any(a < end and start < b for a, b in occupied):
            hits.append(start)
            start = text.find(needle, end)
        else:
            start = text.find(needle, start + 1)
    if not hits:
        return text, spans, 0
    delta = len(mark) - len(needle)

    def moved(position: int) -> int:
        return position + delta * sum(1 for h in hits if h < position)

    result: list[StoredSpan] = []
    for s in spans:
        if s["field"] == field:
            s = StoredSpan(
                field=field,
                start=moved(s["start"]),
                end=moved(s["start"]) + (s["end"] - s["start"]),
                type=s["type"],
                original=s["original"],
            )
        result.append(s)
    pieces: list[str] = []
    pos = 0
    for h in hits:
        pieces.append(text[pos:h])
        new_start = moved(h)
        result.append(
            StoredSpan(field=field, start=new_start, end=new_start + len(mark), type=span_type, original=needle)
        )
        pieces.append(mark)
        pos = h + len(needle)
    pieces.append(text[pos:])
    result.sort(key=lambda s: (s["field"], s["start"]))
    return "".join(pieces), result, len(hits)


def segments(*, field: str, text: str, spans: list[StoredSpan]) -> list[Segment]:
    """The field's text cut into plain pieces and highlighted placeholders, for the review screen."""
    indexed = sorted(((i, s) for i, s in enumerate(spans) if s["field"] == field), key=lambda p: p[1]["start"])
    out: list[Segment] = []
    pos = 0
    for i, s in indexed:
        if s["start"] < pos or text[s["start"] : s["end"]] != placeholder(s["type"]):
            continue
        if s["start"] > pos:
            out.append(Segment(text=text[pos : s["start"]]))
        out.append(Segment(text=text[s["start"] : s["end"]], span_index=i, type=s["type"]))
        pos = s["end"]
    if pos < len(text):
        out.append(Segment(text=text[pos:]))
    return out


def without_originals(spans: list[StoredSpan]) -> list[StoredSpan]:
    """What a published entry keeps: where it was masked and what type, never the original."""
    return [StoredSpan(field=s["field"], start=s["start"], end=s["end"], type=s["type"], original="") for s in spans]
