"""Know-how reports: written by desk staff, linked to terms, listed per month for the monthly report."""

import datetime as dt

import pytest
from django.urls import reverse

from madoguchi.casebook import selectors, services
from madoguchi.casebook.tests.helpers import guidebook
from madoguchi.taxonomy.selectors import terms_for

pytestmark = pytest.mark.django_db


def _report(actor, day, title, **extra):
    return services.knowhow_create(actor=actor, kind="seminar", title=title, held_on=day, body="学んだこと", **extra)


def test_month_selector_keeps_only_that_month_in_date_order(tier1_staff):
    _report(tier1_staff, dt.date(2026, 10, 31), "十月末")
    late = _report(tier1_staff, dt.date(2026, 11, 30), "十一月末")
    early = _report(tier1_staff, dt.date(2026, 11, 1), "十一月初")
    _report(tier1_staff, dt.date(2026, 12, 1), "十二月初")
    assert selectors.knowhow_for_month(year=2026, month=11) == [early, late]


def test_december_month_boundary(tier1_staff):
    dec = _report(tier1_staff, dt.date(2026, 12, 31), "大晦日")
    _report(tier1_staff, dt.date(2027, 1, 1), "元日")
    assert selectors.knowhow_for_month(year=2026, month=12) == [dec]


def test_report_is_linked_to_terms(tier1_staff):
    terms = guidebook()
    report = _report(tier1_staff, dt.date(2026, 11, 5), "メール対策セミナー", term_ids=[terms["mission2_1"].pk])
    assert terms_for(obj=report) == [terms["mission2_1"]]


def test_form_keeps_typing_on_error_and_list_shows_month(tier1_staff, client_for):
    client = client_for(tier1_staff)
    response = client.post(reverse("casebook:knowhow_create"), {"kind": "exchange", "title": "残る題名", "body": ""})
    assert response.status_code == 400
    assert "残る題名" in response.content.decode()
    response = client.post(
        reverse("casebook:knowhow_create"),
        {"kind": "exchange", "title": "警視庁との意見交換", "held_on": "2026-11-12", "body": "手口の傾向"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?month=2026-11")
    html = client.get(reverse("casebook:knowhow_list") + "?month=2026-11").content.decode()
    assert "警視庁との意見交換" in html
