"""A caller who cannot be answered on the spot gets a call-back task shown on the dashboard until done."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases.models import Callback
from madoguchi.cases.workflow import Status
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_callback_is_listed_until_done_and_the_case_returns_to_the_queue(client_for, tier1_staff):
    client = client_for(tier1_staff)
    case = make_case(actor=tier1_staff)
    due = timezone.localtime() + dt.timedelta(hours=2)
    response = client.post(
        reverse("cases:callback", kwargs={"reference": case.reference}),
        {
            "callback-phone": "０３－００００－１２３４",
            "callback-due_at": due.strftime("%Y-%m-%dT%H:%M"),
            "callback-note": "担当者不在",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ON_HOLD
    callback = Callback.objects.get()
    assert callback.phone == "03-0000-1234"
    board = client.get(reverse("cases:dashboard")).content.decode()
    assert "03-0000-1234" in board and case.reference in board

    response = client.post(
        reverse("cases:callback_done", kwargs={"pk": callback.pk}), {"callback_done-outcome": "折り返して回答"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert case.first_response_at is not None
    assert "03-0000-1234" not in client.get(reverse("cases:dashboard")).content.decode()


def test_overdue_callback_is_highlighted(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    Callback.objects.create(
        case=case, phone="03-0000-1111", due_at=timezone.now() - dt.timedelta(minutes=5), created_by=tier1_staff
    )
    html = client_for(tier1_staff).get(reverse("cases:dashboard")).content.decode()
    assert "期限超過" in html


def test_callback_in_the_past_is_refused_with_a_message_next_to_the_field(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    past = timezone.localtime() - dt.timedelta(days=1)
    response = client_for(tier1_staff).post(
        reverse("cases:callback", kwargs={"reference": case.reference}),
        {
            "callback-phone": "03-0000-1234",
            "callback-due_at": past.strftime("%Y-%m-%dT%H:%M"),
            "callback-note": "メモは残る",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "折り返し期限には現在より後の日時を入れてください。" in html
    assert "メモは残る" in html
    assert not Callback.objects.exists()
