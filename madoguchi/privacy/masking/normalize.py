"""Detection text: NFKC plus dash folding, with a map back to the original text's offsets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Dash-like characters NFKC leaves alone; detectors see them as an ASCII hyphen. The katakana long
# vowel mark ー is not folded here (it belongs to words like サーバー); number patterns accept it.
_DASHES = dict.fromkeys("‐‑‒–—―−﹣", "-")
# Half-width voiced marks combine with the previous character under NFKC, so they travel with it.
_COMBINING_HALFWIDTH = {"\uff9e", "\uff9f"}


@dataclass(frozen=True)
class Normalized:
    """`text` is what detectors read; `starts[i]`/`ends[i]` are the original offsets of text[i]."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets covering normalised text[start:end] (end exclusive, start < end)."""
        return self.starts[start], self.ends[end - 1]


def _clusters(text: str) -> list[tuple[int, int]]:
    """Base character plus following combining marks, as (start, end) in `text`."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _COMBINING_HALFWIDTH):
            j += 1
        out.append((i, j))
        i = j
    return out


def normalize(text: str) -> Normalized:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        piece = unicodedata.normalize("NFKC", text[start:end])
        piece = "".join(_DASHES.get(c, c) for c in piece)
        for c in piece:
            chars.append(c)
            starts.append(start)
            ends.append(end)
    return Normalized(original=text, text="".join(chars), starts=tuple(starts), ends=tuple(ends))


def fold(text: str) -> str:
    """The normalised form of a short string (for dictionaries and known entities)."""
    return normalize(text).text
