"""What the casebook app gives the manager reports (found by reports.registry): the month's know-how reports.

Plain data only: this module imports nothing from `reports` (docs/how-to/add-a-report-section.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from madoguchi.casebook.selectors import knowhow_for_month


def _last_month(end: dt.date) -> dt.date:
    """The month a report covers: the one before `end` (exclusive, the first day after the period)."""
    previous = end - dt.timedelta(days=1)
    return dt.date(previous.year, previous.month, 1)


def knowhow_of_the_month(start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """The staff know-how reports of the report's month (the period's last month), oldest first."""
    month = _last_month(end)
    reports = knowhow_for_month(year=month.year, month=month.month)
    rows: list[list[Any]] = [[r.held_on.isoformat(), str(r.get_kind_display()), r.title] for r in reports]
    return {
        "title": _("今月のノウハウ報告書（%(month)s）") % {"month": f"{month.year:04d}-{month.month:02d}"},
        "columns": [_("実施日"), _("種類"), _("題名")],
        "rows": rows,
        "chart": None,
        "note": _("%(n)s件") % {"n": len(rows)} if rows else _("この月の報告書はありません。"),
    }


REPORT_SECTIONS = [("knowhow_reports", 97, knowhow_of_the_month)]
