"""Reads behind the 受付番号 box: what staff type or hear (「9」, 「2026-9」, ２０２６－９) to visible cases."""

from __future__ import annotations

import re
import unicodedata

from django.db.models import QuerySet
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases.access import visible_cases
from madoguchi.cases.models import Case, ReferenceCounter

# Dashes people type between year and number (NFKC leaves these as they are).
_DASHES = re.compile(r"[‐‑‒–—―ー−ｰ－~〜]")
_WITH_YEAR = re.compile(r"^(\d{4})-(\d{1,6})$")
_WITH_YEAR_NO_DASH = re.compile(r"^(\d{4})(\d{5})$")
_NUMBER_ONLY = re.compile(r"^\d{1,5}$")


def parse_reference_input(text: str) -> tuple[int | None, int] | None:
    """(year or None, number), or None when the text is not a reference number.

    Full-width digits and dashes, spaces and leading zeros are accepted: 「00009」 is number 9.
    """
    normalized = _DASHES.sub("-", unicodedata.normalize("NFKC", text))
    compact = re.sub(r"\s+", "", normalized)
    for pattern in (_WITH_YEAR, _WITH_YEAR_NO_DASH):
        found = pattern.match(compact)
        if found:
            number = int(found.group(2))
            return (int(found.group(1)), number) if number > 0 else None
    if _NUMBER_ONLY.match(compact) and int(compact) > 0:
        return None, int(compact)
    return None


def format_reference(*, year: int, number: int) -> str:
    """The stored form (cases.services.next_reference)."""
    return f"{year}-{number:05d}"


def cases_by_reference_input(*, user: User, text: str) -> list[Case]:
    """Visible cases the typed number can mean, the current year first, then newer years before older.

    A bare number is tried in every year that issued numbers (ReferenceCounter), as exact references,
    so the unique index on `reference` serves the lookup however many cases there are.
    """
    parsed = parse_reference_input(text)
    if parsed is None:
        return []
    year, number = parsed
    if year is not None:
        years = [year]
    else:
        years = list(ReferenceCounter.objects.filter(last_value__gte=number).values_list("year", flat=True))
    if not years:
        return []
    references = [format_reference(year=y, number=number) for y in years]
    qs: QuerySet[Case] = (
        visible_cases(user=user).filter(reference__in=references).select_related("organization", "assignee")
    )
    current = timezone.localdate().year

    def order(case: Case) -> tuple[bool, int]:
        case_year = int(case.reference.split("-", 1)[0])
        return case_year != current, -case_year

    return sorted(qs, key=order)
