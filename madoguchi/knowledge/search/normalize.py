"""Text normalisation shared by indexing and querying: NFKC, case folding, spelling variants, n-grams.

The same functions run on documents and on queries, so a query matches whatever spelling the
consulter used. The variant table is data (variants.tsv), reviewed like code and covered by tests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VARIANTS_FILE = Path(__file__).with_name("variants.tsv")

_WHITESPACE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[a-z0-9]")
# Marks that NFKC composes with the preceding character (half-width and combining (han)dakuten).
_JOINING_MARKS = frozenset("\uff9e\uff9f\u3099\u309a")
_COMBINING = re.compile("[\u0300-\u036f\u3099\u309a\uff9e\uff9f\u20d0-\u20ff]")
# Whitespace that collapsing would change: runs, non-space whitespace, leading or trailing.
_IRREGULAR_SPACE = re.compile(r"\s\s|[^\S ]|^\s|\s$")
_WORD_RUN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Width and case folding only (no variants): ＰＣ -> pc, ｳｲﾙｽ -> ウイルス."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class VariantTable:
    canonical_of: dict[str, str]
    pattern: re.Pattern[str] | None

    def apply(self, folded: str) -> str:
        if self.pattern is None:
            return folded
        return self.pattern.sub(lambda m: self.canonical_of[m.group(0)], folded)


def parse_variants(lines: list[str]) -> VariantTable:
    canonical_of: dict[str, str] = {}
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = [fold(w.strip()) for w in line.split("\t") if w.strip()]
        canonical, variants = words[0], words[1:]
        for variant in variants:
            if variant == canonical:
                continue
            if canonical_of.get(variant, canonical) != canonical:
                raise ValueError(f"variant {variant!r} has two canonical forms")
            canonical_of[variant] = canonical
    if not canonical_of:
        return VariantTable(canonical_of={}, pattern=None)
    alternatives = []
    # Longest first, so 「e-mail」 wins over 「mail」 at the same position.
    for variant in sorted(canonical_of, key=lambda v: (-len(v), v)):
        piece = re.escape(variant)
        # ASCII words only match whole: 「mail」 in 「e-mail」 yes, in 「gmail」 no.
        if _ASCII_WORD.match(variant[0]):
            piece = r"(?<![a-z0-9])" + piece
        if _ASCII_WORD.match(variant[-1]):
            piece = piece + r"(?![a-z0-9])"
        alternatives.append(piece)
    return VariantTable(canonical_of=canonical_of, pattern=re.compile("|".join(alternatives)))


@lru_cache(maxsize=1)
def variant_table() -> VariantTable:
    return parse_variants(VARIANTS_FILE.read_text(encoding="utf-8").splitlines())


def normalize_text(text: str) -> str:
    """The indexed form of a text: NFKC, case-folded, whitespace collapsed, spelling variants folded."""
    folded = _WHITESPACE.sub(" ", fold(text)).strip()
    return variant_table().apply(folded)


@dataclass(frozen=True)
class MappedText:
    """A normalised text with, for each of its characters, the span of the original it came from."""

    text: str
    starts: list[int]
    ends: list[int]


def normalize_with_offsets(raw: str) -> MappedText:
    """normalize_text() plus an offset map, used to highlight matches in the original text.

    NFKC runs per character (with the marks it composes), so the result equals normalize_text()
    for everything but exotic compositions; the tests check this on real-looking text.
    """
    folded_whole = fold(raw)
    if len(folded_whole) == len(raw) and not _COMBINING.search(raw):
        # Fast path (most desk text): folding kept one character per character.
        chars = list(folded_whole)
        starts = list(range(len(raw)))
        ends = list(range(1, len(raw) + 1))
    else:
        chars, starts, ends = [], [], []
        i = 0
        while i < len(raw):
            j = i + 1
            while j < len(raw) and (raw[j] in _JOINING_MARKS or unicodedata.combining(raw[j])):
                j += 1
            for ch in fold(raw[i:j]):
                chars.append(ch)
                starts.append(i)
                ends.append(j)
            i = j
    joined = "".join(chars)
    if not _IRREGULAR_SPACE.search(joined):
        c2, s2, e2 = chars, starts, ends
    else:
        # Collapse whitespace runs and strip, keeping the spans.
        c2, s2, e2 = [], [], []
        for ch, s, e in zip(chars, starts, ends, strict=True):
            if _WHITESPACE.fullmatch(ch):
                if not c2 or c2[-1] == " ":
                    if c2:
                        e2[-1] = e
                    continue
                ch = " "
            c2.append(ch)
            s2.append(s)
            e2.append(e)
        while c2 and c2[-1] == " ":
            c2.pop()
            s2.pop()
            e2.pop()
    folded = "".join(c2)
    table = variant_table()
    if table.pattern is None:
        return MappedText(text=folded, starts=s2, ends=e2)
    out: list[str] = []
    s3: list[int] = []
    e3: list[int] = []
    pos = 0
    for m in table.pattern.finditer(folded):
        for k in range(pos, m.start()):
            out.append(folded[k])
            s3.append(s2[k])
            e3.append(e2[k])
        for ch in table.canonical_of[m.group(0)]:
            out.append(ch)
            s3.append(s2[m.start()])
            e3.append(e2[m.end() - 1])
        pos = m.end()
    for k in range(pos, len(folded)):
        out.append(folded[k])
        s3.append(s2[k])
        e3.append(e2[k])
    return MappedText(text="".join(out), starts=s3, ends=e3)


def word_segments(norm: str) -> list[str]:
    """Runs of letters and digits; punctuation, symbols, underscores and spaces separate them."""
    return _WORD_RUN.findall(norm)


def bigram_tokens(norm: str) -> list[str]:
    """Overlapping 2-grams of each segment plus the segment's last character.

    The last character is its own token so that a one-character prefix query finds every occurrence,
    including one at the end of a word.
    """
    tokens: list[str] = []
    for seg in word_segments(norm):
        tokens.extend(seg[i : i + 2] for i in range(len(seg) - 1))
        tokens.append(seg[-1])
    return tokens


def bigram_text(norm: str) -> str:
    return " ".join(bigram_tokens(norm))


_TAG_TOKEN = re.compile(r"^(?:tag|タグ):(.+)$", re.IGNORECASE)


def split_tag(query: str) -> tuple[str, str]:
    """Take a `tag:名前` token (also 「タグ：名前」, full-width) out of a query: (the rest, the tag name).

    Tag names are matched as stored, after NFKC only (no case folding or spelling variants), like the
    tag filter field. With several tag tokens the last one counts.
    """
    rest: list[str] = []
    tag = ""
    for token in unicodedata.normalize("NFKC", query).split():
        found = _TAG_TOKEN.match(token)
        if found:
            tag = found.group(1).strip()
        else:
            rest.append(token)
    return " ".join(rest), tag


def query_terms(query: str) -> list[str]:
    """Normalised search terms: whitespace separates terms, all of which must match."""
    seen: list[str] = []
    for term in normalize_text(query).split(" "):
        if term and term not in seen:
            seen.append(term)
    return seen[:8]


def trigrams(norm: str) -> set[str]:
    return {norm[i : i + 3] for i in range(len(norm) - 2)}
