import datetime as dt
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from madoguchi.core.templatetags.jp import jdate, jdatetime


def test_datetime_is_shown_the_japanese_way_in_tokyo_time():
    moment = dt.datetime(2026, 11, 25, 5, 5, tzinfo=dt.UTC)  # 14:05 in Tokyo
    assert jdatetime(moment) == "2026年11月25日(水) 14:05"


def test_reiwa_era_is_available():
    assert jdate(dt.date(2026, 11, 25), "reiwa") == "令和8年11月25日(水)"
    assert jdate(dt.date(2019, 5, 1), "reiwa") == "令和元年5月1日(水)"


def test_django_date_format_is_japanese():
    moment = dt.datetime(2026, 11, 25, 14, 5, tzinfo=ZoneInfo("Asia/Tokyo"))
    with translation.override("ja"):
        rendered = Template("{{ m|date:'DATETIME_FORMAT' }}").render(Context({"m": moment}))
    assert rendered == "2026年11月25日(水) 14:05"
