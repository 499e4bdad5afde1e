from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from madoguchi.accounts.models import AuditEvent
from madoguchi.accounts.roles import Role
from madoguchi.accounts.testing_refusals import refused_up_front
from madoguchi.api import services
from madoguchi.api.models import ApiToken
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_a_hash_of_the_token_is_stored(tier1_staff):
    token, raw = services.token_issue(actor=None, user=tier1_staff, name="連携")
    assert raw not in token.token_hash
    assert token.token_hash == services.hash_token(raw)
    assert token.prefix == raw[:8]
    assert not ApiToken.objects.filter(token_hash=raw).exists()


def test_a_valid_token_authenticates_and_records_last_use(tier1_staff):
    token, raw = services.token_issue(actor=None, user=tier1_staff, name="連携")
    response = Client(HTTP_AUTHORIZATION=f"Token {raw}").get(reverse("api:consultations"))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["", "Token", "Token wrong-token", "Bearer abc", "Token a b"])
def test_missing_or_wrong_token_is_refused(tier1_staff, header):
    services.token_issue(actor=None, user=tier1_staff, name="連携")
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = client.get(reverse("api:consultations"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_revoked_token_is_refused(tier1_staff, admin_user):
    token, raw = services.token_issue(actor=admin_user, user=tier1_staff, name="連携")
    services.token_revoke(actor=admin_user, token=token)
    assert Client(HTTP_AUTHORIZATION=f"Token {raw}").get(reverse("api:consultations")).status_code == 401


def test_a_deactivated_users_token_is_refused(tier1_staff):
    _token, raw = services.token_issue(actor=None, user=tier1_staff, name="連携")
    tier1_staff.is_active = False
    tier1_staff.save()
    assert Client(HTTP_AUTHORIZATION=f"Token {raw}").get(reverse("api:consultations")).status_code == 401


def test_a_staff_session_does_not_authenticate_the_api(client_for, manager):
    # No session authentication on the API: a browser's cookie can never be used for a cross-site call.
    assert client_for(manager).get(reverse("api:consultations")).status_code == 401


def test_issuing_and_revoking_are_audited(tier1_staff, admin_user):
    token, _raw = services.token_issue(actor=admin_user, user=tier1_staff, name="連携")
    services.token_revoke(actor=admin_user, token=token)
    actions = list(
        AuditEvent.objects.filter(target_type="api.ApiToken", target_id=str(token.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_at <= timezone.now()


@pytest.mark.parametrize("role", [Role.FRONT, Role.BACK, Role.MANAGER])
def test_only_administrators_issue_tokens(tier1_staff, role):
    actor = UserFactory(username=f"actor-{role}", role=role)
    with refused_up_front():
        services.token_issue(actor=actor, user=tier1_staff, name="連携")


@pytest.mark.parametrize("role", [Role.FRONT, Role.BACK, Role.MANAGER])
def test_only_administrators_revoke_tokens(tier1_staff, role):
    token, _raw = services.token_issue(actor=None, user=tier1_staff, name="連携")
    actor = UserFactory(username=f"actor-{role}", role=role)
    with refused_up_front():
        services.token_revoke(actor=actor, token=token)
