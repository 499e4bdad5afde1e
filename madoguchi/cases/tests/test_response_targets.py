"""Response-time targets per category set the first-contact deadline; overdue cases show on the dashboard."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from madoguchi.cases import services
from madoguchi.cases.models import ResponseTarget
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def test_urgent_category_gets_thirty_business_minutes(tier1_staff):
    ResponseTarget.objects.create(category="urgent_breach", first_response_minutes=30)
    case = make_case(
        actor=tier1_staff, category="urgent_breach", received_at=dt.datetime(2026, 11, 25, 16, 45, tzinfo=TOKYO)
    )
    assert case.first_response_due_at == dt.datetime(2026, 11, 26, 9, 15, tzinfo=TOKYO)


def test_round_the_clock_target_ignores_business_hours(tier1_staff):
    ResponseTarget.objects.create(category="urgent_outage", first_response_minutes=60, business_hours_only=False)
    case = make_case(
        actor=tier1_staff, category="urgent_outage", received_at=dt.datetime(2026, 11, 28, 22, 0, tzinfo=TOKYO)
    )
    assert case.first_response_due_at == dt.datetime(2026, 11, 28, 23, 0, tzinfo=TOKYO)


def test_overdue_first_response_shows_on_the_dashboard_until_contacted(client_for, tier1_staff):
    ResponseTarget.objects.create(category="urgent_breach", first_response_minutes=30, business_hours_only=False)
    case = make_case(
        actor=tier1_staff,
        category="urgent_breach",
        subject="期限超過の案件",
        received_at=dt.datetime(2026, 1, 5, 10, 0, tzinfo=TOKYO),
    )
    client = client_for(tier1_staff)
    html = client.get(reverse("cases:dashboard")).content.decode()
    overdue = html[html.index('id="overdue"') : html.index('id="mine"')]
    assert "期限超過の案件" in overdue
    services.case_add_note(actor=tier1_staff, case=case, kind="call_out", text="折り返し済み")
    html = client.get(reverse("cases:dashboard")).content.decode()
    overdue = html[html.index('id="overdue"') : html.index('id="mine"')]
    assert "期限超過の案件" not in overdue
