"""The monthly report lists the month's staff know-how reports (casebook's report hooks); the PDF shows them."""

import datetime as dt
import subprocess

import pytest
from django.core.management import call_command

from madoguchi.casebook import services
from madoguchi.reports.registry import Period
from madoguchi.reports.sections import build_report

pytestmark = pytest.mark.django_db

# A twelve-month period ending with November 2026, as the monthly PDF uses.
YEAR_TO_NOVEMBER = Period(start=dt.date(2025, 12, 1), end=dt.date(2026, 11, 1))


def _report(actor, day, title, kind="seminar"):
    return services.knowhow_create(actor=actor, kind=kind, title=title, held_on=day, body="学んだこと")


def test_only_the_report_months_know_how_reports_are_listed_oldest_first(tier1_staff):
    _report(tier1_staff, dt.date(2026, 11, 20), "関係機関との情報交換会", kind="exchange")
    _report(tier1_staff, dt.date(2026, 11, 3), "ランサムウェア対策セミナー")
    _report(tier1_staff, dt.date(2026, 10, 31), "十月の勉強会")
    _report(tier1_staff, dt.date(2026, 12, 1), "十二月の勉強会")
    (table,) = build_report(YEAR_TO_NOVEMBER, only="knowhow_reports")
    assert "2026-11" in table.title
    assert table.rows == [
        ["2026-11-03", "セミナー参加", "ランサムウェア対策セミナー"],
        ["2026-11-20", "関係機関との意見交換", "関係機関との情報交換会"],
    ]
    assert table.chart is None


def test_a_month_without_reports_says_so(tier1_staff):
    _report(tier1_staff, dt.date(2026, 10, 31), "十月の勉強会")
    (table,) = build_report(YEAR_TO_NOVEMBER, only="knowhow_reports")
    assert table.rows == []
    assert table.note == "この月の報告書はありません。"


def test_the_monthly_pdf_lists_them(tier1_staff, tmp_path):
    _report(tier1_staff, dt.date(2026, 11, 3), "ランサムウェア対策セミナー")
    output = tmp_path / "report.pdf"
    call_command("monthly_report", "--month", "2026-11", "--output", str(output))
    text = subprocess.run(["pdftotext", "-layout", str(output), "-"], capture_output=True, check=True, text=True).stdout
    assert "ノウハウ報告書" in text
    assert "ランサムウェア対策セミナー" in text
