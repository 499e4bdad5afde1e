"""Admins choose which categories need approval and set response-time targets, without a deploy."""

import pytest
from django.urls import reverse

from madoguchi.answers.services import approval_required
from madoguchi.cases.models import DeskRules, ResponseTarget
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_admin_changes_approval_categories_and_targets(client_for, admin_user, tier1_staff):
    response = client_for(admin_user).post(
        reverse("cases:desk_settings"),
        {
            "approval_categories": ["urgent_breach"],
            "default_first_response_minutes": "600",
            "target_urgent_breach": "15",
            "business_urgent_breach": "",
        },
    )
    assert response.status_code == 302
    rules = DeskRules.current()
    assert rules.approval_categories == ["urgent_breach"]
    target = ResponseTarget.objects.get(category="urgent_breach")
    assert (target.first_response_minutes, target.business_hours_only) == (15, False)
    assert approval_required(case=make_case(actor=tier1_staff, category="urgent_breach"))
    assert not approval_required(case=make_case(actor=tier1_staff, category="crime"))


def test_invalid_target_gets_a_message_and_changes_nothing(client_for, admin_user):
    before = DeskRules.current().approval_categories
    response = client_for(admin_user).post(
        reverse("cases:desk_settings"), {"approval_categories": ["legal"], "default_first_response_minutes": "0"}
    )
    assert response.status_code == 400
    assert DeskRules.current().approval_categories == before
