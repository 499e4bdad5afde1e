"""Dates are written the Japanese way on Japanese pages and the English way on English pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from madoguchi.core.templatetags.jp import jdate, jdatetime

TOKYO = ZoneInfo("Asia/Tokyo")
MOMENT = dt.datetime(2026, 12, 7, 2, 50, tzinfo=TOKYO)


def test_japanese_pages_use_japanese_dates():
    with translation.override("ja"):
        assert jdatetime(MOMENT) == "2026年12月7日(月) 02:50"
        assert jdate(MOMENT.date()) == "2026年12月7日(月)"
        assert jdate(MOMENT.date(), "reiwa") == "令和8年12月7日(月)"


def test_english_pages_use_english_dates():
    with translation.override("en"):
        assert jdatetime(MOMENT) == "Mon 7 Dec 2026 02:50"
        assert jdate(MOMENT.date()) == "Mon 7 Dec 2026"
        # A UTC instant is shown in Tokyo time in either language.
        assert jdatetime(dt.datetime(2026, 12, 6, 17, 50, tzinfo=dt.UTC)) == "Mon 7 Dec 2026 02:50"
