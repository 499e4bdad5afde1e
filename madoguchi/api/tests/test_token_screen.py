from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.api import services
from madoguchi.api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_admin_issues_a_token_shown_once(client_for, admin_user, tier1_staff):
    client = client_for(admin_user)
    key = client.get(reverse("api_staff:tokens")).context["issue_key"]
    response = client.post(
        reverse("api_staff:tokens"), {"user": tier1_staff.pk, "name": "協力団体フォーム", "issue_key": key}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    raw = response.context["raw_token"]
    assert token.token_hash == services.hash_token(raw)
    assert raw in response.content.decode()
    # Not shown again.
    assert raw not in client.get(reverse("api_staff:tokens")).content.decode()


def test_invalid_input_is_refused_next_to_the_field_and_kept(client_for, admin_user):
    response = client_for(admin_user).post(reverse("api_staff:tokens"), {"user": "", "name": "協力団体フォーム"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "職員を選んでください。" in html
    assert 'value="協力団体フォーム"' in html
    assert not ApiToken.objects.exists()


def test_admin_revokes_a_token(client_for, admin_user, tier1_staff):
    token, _raw = services.token_issue(actor=admin_user, user=tier1_staff, name="連携")
    response = client_for(admin_user).post(reverse("api_staff:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("persona", ["tier1_staff", "tier2_staff", "manager"])
def test_desk_roles_cannot_use_the_token_screen(client_for, admin_user, tier1_staff, persona, request):
    user = request.getfixturevalue(persona)
    token, _raw = services.token_issue(actor=admin_user, user=tier1_staff, name="連携")
    client = client_for(user)
    assert client.get(reverse("api_staff:tokens")).status_code == 403
    assert client.post(reverse("api_staff:tokens"), {"user": user.pk, "name": "x"}).status_code == 403
    assert client.post(reverse("api_staff:revoke", kwargs={"pk": token.pk})).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiToken.objects.count() == 1
