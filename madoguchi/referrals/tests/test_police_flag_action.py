"""The police action sets the case's police-referral flag with a reason and records it on the timeline."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import CaseEvent

pytestmark = pytest.mark.django_db


def test_tier2_sets_the_police_flag_with_a_reason(client_for, tier2_staff, tier2_case, reference_data):
    url = reverse("referrals:case_police", kwargs={"reference": tier2_case.reference})
    response = client_for(tier2_staff).post(url, {"reason": "不正送金の被害で、刑法第246条の2に当たる可能性がある。"})
    assert response.status_code == 302
    tier2_case.refresh_from_db()
    assert tier2_case.police_referral is True
    event = CaseEvent.objects.get(case=tier2_case, kind=EventKind.POLICE_FLAG)
    assert event.actor == tier2_staff
    assert event.data == {"value": True}
    assert "刑法第246条の2" in event.text
    page = client_for(tier2_staff).get(tier2_case.get_absolute_url()).content.decode()
    assert "警視庁への相談を要する" in page


def test_reason_is_required(client_for, tier2_staff, tier2_case, reference_data):
    url = reverse("referrals:case_police", kwargs={"reference": tier2_case.reference})
    response = client_for(tier2_staff).post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "理由を入力してください" in response.content.decode()
    tier2_case.refresh_from_db()
    assert tier2_case.police_referral is False
    assert not CaseEvent.objects.filter(case=tier2_case, kind=EventKind.POLICE_FLAG).exists()


def test_tier1_cannot_use_the_panel_action(client_for, tier1_staff, tier2_case, reference_data):
    url = reverse("referrals:case_police", kwargs={"reference": tier2_case.reference})
    assert client_for(tier1_staff).post(url, {"reason": "理由"}).status_code == 403
    tier2_case.refresh_from_db()
    assert tier2_case.police_referral is False


def test_anonymous_cannot_set_the_flag(anonymous, tier2_case, reference_data):
    url = reverse("referrals:case_police", kwargs={"reference": tier2_case.reference})
    response = anonymous.post(url, {"reason": "理由"})
    assert response.status_code == 302
    tier2_case.refresh_from_db()
    assert tier2_case.police_referral is False
