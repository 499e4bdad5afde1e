"""The dashboard's counts per month by category, channel, industry, employee band and area."""

import datetime as dt

import pytest

from madoguchi.cases import services
from madoguchi.cases.choices import Category, Channel
from madoguchi.reports.registry import Period
from madoguchi.reports.sections import build_report
from madoguchi.reports.tests.helpers import at, consultation

pytestmark = pytest.mark.django_db

PERIOD = Period(start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 1))


def _table(key):
    (table,) = build_report(PERIOD, only=key)
    return {row[0]: row[1:] for row in table.rows}, table


def test_counts_each_month_by_category_with_totals(tier1_staff):
    consultation(actor=tier1_staff, received_at=at(2026, 9), category=Category.PREVENTION)
    consultation(actor=tier1_staff, received_at=at(2026, 11), category=Category.PREVENTION)
    consultation(actor=tier1_staff, received_at=at(2026, 11), category=Category.URGENT_BREACH)
    consultation(actor=tier1_staff, received_at=at(2026, 8, 31), category=Category.URGENT_BREACH)  # before
    rows, table = _table("by_category")
    assert table.columns[1:4] == ["2026-09", "2026-10", "2026-11"]
    assert rows[str(Category.PREVENTION.label)] == [1, 0, 1, 2]
    assert rows[str(Category.URGENT_BREACH.label)] == [0, 0, 1, 1]
    assert rows["合計"] == [1, 0, 2, 3]
    assert table.chart.labels[:2] == [str(Category.URGENT_BREACH.label), str(Category.PREVENTION.label)]


def test_month_boundary_is_tokyo_midnight(tier1_staff):
    # 2026-10-31 23:30 in Tokyo is 14:30 UTC: still October.
    consultation(actor=tier1_staff, received_at=at(2026, 10, 31, 23).replace(minute=30))
    rows, _unused = _table("monthly_total")
    assert rows["2026-10"] == [1]
    assert rows["2026-11"] == [0]


def test_counts_by_channel_industry_band_and_area(tier1_staff):
    consultation(actor=tier1_staff, received_at=at(2026, 10), channel=Channel.WEB, industry="G", band="1-5")
    consultation(
        actor=tier1_staff,
        received_at=at(2026, 10),
        channel=Channel.EMAIL,
        industry="E",
        band="21-50",
        municipality="八王子市",
        org_name="有限会社サンプル工業（架空）",
    )
    consultation(
        actor=tier1_staff,
        received_at=at(2026, 10),
        prefecture="神奈川県",
        municipality="横浜市",
        org_name="合同会社ダミー（架空）",
    )
    channels, _t = _table("by_channel")
    assert channels["Webフォーム"][-1] == 1
    assert channels["メール"][-1] == 1
    assert channels["電話"][-1] == 1
    industries, _t = _table("by_industry")
    assert industries["G 情報通信業"][-1] == 1
    assert industries["E 製造業"][-1] == 2
    bands, _t = _table("by_employee_band")
    assert bands["1〜5人"][-1] == 1
    assert bands["21〜50人"][-1] == 1
    areas, _t = _table("by_area")
    assert areas["八王子市"][-1] == 1
    assert areas["東京都外（神奈川県）"][-1] == 1


def test_merged_duplicate_is_not_counted_twice(tier1_staff, tier2_staff):
    kept = consultation(actor=tier1_staff, received_at=at(2026, 10))
    duplicate = consultation(actor=tier1_staff, received_at=at(2026, 10, 11))
    services.case_merge(actor=tier2_staff, case=duplicate, into=kept, reason="同じ相談")
    rows, _t = _table("monthly_total")
    assert rows["2026-10"] == [1]
