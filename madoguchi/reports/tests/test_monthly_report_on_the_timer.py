"""`monthly_report` as the timer runs it (deploy/systemd/madoguchi-job@monthly_report.timer: on the 1st, no
arguments): last month in the desk's time zone, written whole into the data dir."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from madoguchi.core import datadir
from madoguchi.reports.management.commands import monthly_report

pytestmark = pytest.mark.django_db


def _at(monkeypatch, instant: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: instant)


def test_without_arguments_it_writes_last_months_report_into_the_data_dir(settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    # 1 December 00:30 in Tokyo is still 30 November in UTC: the report is November's, not October's.
    _at(monkeypatch, dt.datetime(2026, 11, 30, 15, 30, tzinfo=dt.UTC))
    call_command("monthly_report")
    written = tmp_path / "reports" / "monthly-report-2026-11.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["monthly-report-2026-11.pdf"]


def test_the_month_before_january_is_last_years_december():
    assert monthly_report.previous_month(dt.date(2027, 1, 1)) == dt.date(2026, 12, 1)
    assert monthly_report.previous_month(dt.date(2026, 3, 31)) == dt.date(2026, 2, 1)


def test_a_failed_write_leaves_neither_a_partial_report_nor_a_temporary_file(settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "monthly-report-2026-10.pdf").write_bytes(b"%PDF- the report written last month")

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(datadir.os, "replace", disk_full)
    with pytest.raises(OSError):
        call_command("monthly_report", "--month", "2026-11")
    assert sorted(p.name for p in reports.iterdir()) == ["monthly-report-2026-10.pdf"]
