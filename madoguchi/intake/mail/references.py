"""Recognising the desk's case reference numbers (受付番号) such as [2026-00123] in mail subjects."""

from __future__ import annotations

import re
import unicodedata

# NFKC folds full-width digits and "－" to ASCII; the dash class covers the
# look-alikes IMEs produce that NFKC leaves alone (‐ ‒ – — ― − ー).
_REFERENCE = re.compile(r"(?<![0-9])(20[0-9]{2})\s?[-\u2010-\u2015\u2212\u30fc\uff70]\s?([0-9]{5})(?![0-9])")


def extract_reference_numbers(*, subject: str) -> list[str]:
    """Reference numbers in canonical ``YYYY-NNNNN`` form, first occurrence first, without duplicates."""
    normalized = unicodedata.normalize("NFKC", subject)
    found: list[str] = []
    for year, serial in _REFERENCE.findall(normalized):
        number = f"{year}-{serial}"
        if number not in found:
            found.append(number)
    return found
