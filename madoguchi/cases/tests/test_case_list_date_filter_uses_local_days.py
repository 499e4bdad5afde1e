"""受付日（から／まで） select whole days in the desk's time zone (Asia/Tokyo), boundaries included."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")


def _at(tier1, day, hour, minute, second=0, n=0):
    received = dt.datetime(2026, 3, day, hour, minute, second, tzinfo=TOKYO)
    return make_case(actor=tier1, received_at=received, email=f"d{n}@example.jp", phone=f"03-0000-{n:04d}")


def test_date_range_keeps_exactly_the_local_days(client_for, tier1_staff):
    before = _at(tier1_staff, 9, 23, 59, 59, n=1)  # the evening before date_from (14:59:59 UTC on the 9th)
    first = _at(tier1_staff, 10, 0, 0, 0, n=2)  # midnight in Tokyo is 15:00 UTC on the previous day
    last = _at(tier1_staff, 12, 23, 59, 59, n=3)  # 14:59:59 UTC on the 12th, still the 12th in Tokyo
    after = _at(tier1_staff, 13, 0, 0, 0, n=4)
    response = client_for(tier1_staff).get(
        reverse("cases:list"), {"date_from": "2026-03-10", "date_to": "2026-03-12", "include_closed": "on"}
    )
    listed = {c.reference for c in response.context["page"].object_list}
    assert listed == {first.reference, last.reference}
    assert before.reference not in listed and after.reference not in listed


def test_one_day_range(client_for, tier1_staff):
    _at(tier1_staff, 10, 23, 59, 59, n=1)
    noon = _at(tier1_staff, 11, 12, 0, n=2)
    _at(tier1_staff, 12, 0, 0, 0, n=3)
    response = client_for(tier1_staff).get(reverse("cases:list"), {"date_from": "2026-03-11", "date_to": "2026-03-11"})
    assert [c.reference for c in response.context["page"].object_list] == [noon.reference]


def test_the_day_bounds_compare_received_at_itself(client_for, tier1_staff):
    # A range on the column, not a per-row date conversion: an index on received_at can answer it.
    inside = _at(tier1_staff, 11, 12, 0, n=1)
    client = client_for(tier1_staff)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cases:list"), {"date_from": "2026-03-10", "date_to": "2026-03-12"})
    assert [c.reference for c in response.context["page"].object_list] == [inside.reference]
    filtered = [q["sql"] for q in ctx.captured_queries if '"cases_case"."received_at" >=' in q["sql"]]
    assert len(filtered) == 2  # the capped count and the page
    for sql in filtered:
        assert '"cases_case"."received_at" <' in sql
    for q in ctx.captured_queries:
        assert "AT TIME ZONE" not in q["sql"] and "django_datetime_cast_date" not in q["sql"]
