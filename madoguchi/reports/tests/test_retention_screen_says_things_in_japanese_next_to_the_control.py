"""The retention screen: a run without the confirmation is refused next to the box, and the record of a run names the
record types in Japanese (never their codes such as guidebook_request)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases.models import Case
from madoguchi.reports.tests.helpers import consultation

pytestmark = pytest.mark.django_db


def test_a_run_without_the_confirmation_is_refused_next_to_the_box(client_for, manager):
    response = client_for(manager).post(reverse("reports:retention_run"), {})
    assert response.status_code == 400
    html = response.content.decode()
    box = html.split('id="retention-confirm"', 1)[1].split("</form>", 1)[0]
    assert "実行するには確認欄にチェックを入れてください。" in box
    assert 'aria-describedby="retention-confirm-error"' in html


def test_the_record_of_a_run_names_the_record_types_in_japanese(client_for, tier1_staff, manager):
    case = consultation(actor=tier1_staff, received_at=timezone.now() - dt.timedelta(days=4000))
    Case.objects.filter(pk=case.pk).update(status="closed", closed_at=timezone.now() - dt.timedelta(days=3990))
    client = client_for(manager)
    client.post(reverse("reports:retention_run"), {"confirm": "yes"})
    record = client.get(reverse("reports:retention")).content.decode().split("実行の記録", 1)[1]
    assert "相談案件（完了後）: 1" in record
    assert "consultation" not in record and "guidebook_request" not in record
