"""CSV export of the case list: the columns the list shows, for Excel (UTF-8 with BOM, CRLF), formula-safe."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.cases.models import Case

EXPORT_CAP = 10_000

# A cell starting with one of these is a formula to Excel or LibreOffice; consulter-typed subjects and
# organisation names reach the file verbatim, so such cells get a leading apostrophe.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def header() -> list[str]:
    return [
        _("受付番号"),
        _("緊急度"),
        _("件名"),
        _("相談区分"),
        _("組織"),
        _("状態"),
        _("担当者"),
        _("受付日時"),
        _("受付経路"),
    ]


def row(case: Case) -> list[str]:
    # As on screen: an undecided case shows the triage suggestion, marked 推定.
    if case.suggestion_is_urgent:
        urgency = _("%(label)s（推定）") % {"label": case.get_suggested_urgency_display()}
    else:
        urgency = case.get_urgency_display()
    if case.category:
        category = case.get_category_display()
    elif case.suggested_category:
        category = _("%(label)s（推定）") % {"label": case.get_suggested_category_display()}
    else:
        category = ""
    return [
        csv_cell(case.reference),
        csv_cell(urgency),
        csv_cell(case.subject),
        csv_cell(category),
        csv_cell(case.organization or ""),
        csv_cell(case.get_status_display()),
        csv_cell(case.assignee or ""),
        timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"),
        csv_cell(case.get_channel_display()),
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def rows(cases: QuerySet[Case], *, cap: int | None = None) -> Iterator[str]:
    """The file, line by line: BOM + header, then at most `cap` (EXPORT_CAP) cases in the list's order."""
    cap = EXPORT_CAP if cap is None else cap
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(header())
    selected: Iterable[Case] = cases.prefetch_related(None)[:cap].iterator(chunk_size=2000)
    for case in selected:
        yield writer.writerow(row(case))
