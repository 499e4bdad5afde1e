"""The managers' retention screen: periods, what a run would remove, the run itself and its record."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases.models import Case
from madoguchi.reports.models import RetentionPolicy
from madoguchi.reports.retention import REMOVED
from madoguchi.reports.tests.helpers import consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_long_ago(tier1_staff):
    case = consultation(actor=tier1_staff, received_at=timezone.now() - dt.timedelta(days=800))
    Case.objects.filter(pk=case.pk).update(status="closed", closed_at=timezone.now() - dt.timedelta(days=790))
    return case


def test_screen_shows_periods_and_how_many_records_are_due(client_for, manager, finished_long_ago):
    RetentionPolicy.objects.create(record_type="consultation", months=24)
    body = client_for(manager).get(reverse("reports:retention")).content.decode()
    assert "相談案件（完了後）" in body
    assert 'name="consultation-months"' in body
    assert 'value="24"' in body
    assert '<td class="num retention-due" data-type="consultation">1</td>' in body


def test_changing_a_period_is_saved(client_for, manager):
    url = reverse("reports:retention_policy", kwargs={"record_type": "inbound_mail"})
    response = client_for(manager).post(url, {"inbound_mail-record_type": "inbound_mail", "inbound_mail-months": "6"})
    assert response.status_code == 302
    assert RetentionPolicy.objects.get(record_type="inbound_mail").months == 6


def test_a_period_of_zero_is_refused_next_to_the_field_with_the_input_kept(client_for, manager):
    url = reverse("reports:retention_policy", kwargs={"record_type": "consultation"})
    response = client_for(manager).post(url, {"consultation-record_type": "consultation", "consultation-months": "0"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "1か月以上を入力してください。" in body
    assert 'value="0"' in body
    assert not RetentionPolicy.objects.exists()


def test_run_needs_the_confirmation_box(client_for, manager, finished_long_ago):
    RetentionPolicy.objects.create(record_type="consultation", months=24)
    response = client_for(manager).post(reverse("reports:retention_run"), {})
    assert response.status_code == 400
    assert Case.objects.get(pk=finished_long_ago.pk).subject != REMOVED
    response = client_for(manager).post(reverse("reports:retention_run"), {"confirm": "yes"})
    assert response.status_code == 302
    assert Case.objects.get(pk=finished_long_ago.pk).subject == REMOVED
    body = client_for(manager).get(reverse("reports:retention")).content.decode()
    assert "manager" in body.split("実行の記録", 1)[1]


@pytest.mark.parametrize("persona", ["tier1_staff", "tier2_staff"])
def test_desk_staff_cannot_use_the_screen(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("reports:retention")).status_code == 403
    assert client.post(reverse("reports:retention_run"), {"confirm": "yes"}).status_code == 403
