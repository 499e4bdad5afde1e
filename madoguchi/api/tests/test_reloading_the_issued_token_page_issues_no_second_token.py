"""Reloading the page that shows a new API token sends its POST again: no second token is issued and none is shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_the_same_issue_form_sent_twice_issues_one_token(client_for, admin_user, tier1_staff):
    client = client_for(admin_user)
    key = client.get(reverse("api_staff:tokens")).context["issue_key"]
    data = {"user": tier1_staff.pk, "name": "協力団体フォーム", "issue_key": key}
    first = client.post(reverse("api_staff:tokens"), data)
    assert first.status_code == 200 and first.context["raw_token"]
    again = client.post(reverse("api_staff:tokens"), data)
    assert again.status_code == 400
    assert again.context["raw_token"] == ""
    assert first.context["raw_token"] not in again.content.decode()
    assert "この発行はすでに処理されました。" in again.content.decode()
    assert ApiToken.objects.count() == 1


def test_a_form_from_another_session_issues_nothing(client_for, admin_user, tier1_staff):
    key = client_for(admin_user).get(reverse("api_staff:tokens")).context["issue_key"]
    other = client_for(admin_user)
    response = other.post(reverse("api_staff:tokens"), {"user": tier1_staff.pk, "name": "連携", "issue_key": key})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
