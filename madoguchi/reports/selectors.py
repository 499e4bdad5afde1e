"""Reads of the reports app: the report tables for a period, its exports and the retention preview."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.reports import exports, pdf
from madoguchi.reports.models import HandbookSection
from madoguchi.reports.registry import Period, ReportTable
from madoguchi.reports.retention import cutoff_for, due_records, policies
from madoguchi.reports.sections import build_report
from madoguchi.reports.services import handbook_default_sections_ensure

__all__ = ["Period", "handbook_section", "monthly_report_pdf", "report", "retention_preview", "to_csv", "to_xlsx"]

to_csv = exports.to_csv
to_xlsx = exports.to_xlsx


def report(*, period: Period, only: str | None = None) -> list[ReportTable]:
    return build_report(period, only=only)


def monthly_report_pdf(*, month: dt.date, now: dt.datetime | None = None) -> bytes:
    """The month's figures, with the twelve months up to it for the monthly chart."""
    start = dt.date(month.year - 1, month.month, 1)
    start = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    this_month = build_report(Period(start=month, end=month))
    trend = build_report(Period(start=start, end=month), only="monthly_total")
    tables = trend + [t for t in this_month if t.key != "monthly_total"]
    made = timezone.localtime(now or timezone.now())
    return pdf.report_pdf(
        title=_("相談窓口 月次報告 %(year)s年%(month)s月") % {"year": month.year, "month": month.month},
        subtitle=_("対象期間：%(year)s年%(month)s月1日〜末日（月別の件数は直近12か月）")
        % {"year": month.year, "month": month.month},
        tables=tables,
        footer=_("作成 %(made)s　個人を特定できる情報は含みません。") % {"made": made.strftime("%Y年%m月%d日 %H:%M")},
    )


def handbook_section(*, key: str) -> HandbookSection | None:
    """One procedure section by key; the shipped ones are put back first if missing (services, ADR 0039)."""
    handbook_default_sections_ensure()
    return HandbookSection.objects.filter(key=key).first()


def retention_preview(*, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    now = now or timezone.now()
    out = []
    for record_type, months in policies():
        cutoff = cutoff_for(months=months, now=now)
        out.append(
            {"type": record_type, "months": months, "cutoff": cutoff, "due": len(due_records(record_type, cutoff))}
        )
    return out
