"""django-axes stops password guessing per user name and address, with Japanese messages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
PASSWORD = "correct-horse-battery"  # UserFactory's password
GUESS = "wrong-guess-00000"
OFFICE_IP = "198.51.100.10"
OTHER_IP = "203.0.113.77"
WRONG_CREDENTIALS = "ユーザー名またはパスワードが正しくありません。"
LOCKED_OUT = "ログインを一時停止しています"


def _post(client: Client, username: str, password: str):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def _fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        response = _post(client, username, GUESS)
        assert response.status_code == 200
        assert WRONG_CREDENTIALS in response.content.decode()


def _lock_out(client: Client, username: str) -> None:
    _fail(client, username, settings.AXES_FAILURE_LIMIT - 1)
    assert _post(client, username, GUESS).status_code == 429


def _is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_configured_limit_is_five():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_wrong_password_shows_the_japanese_error(tier1_staff):
    response = _post(Client(REMOTE_ADDR=OFFICE_IP), "tier1", GUESS)

    assert response.status_code == 200
    assert WRONG_CREDENTIALS in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_unknown_user_gets_the_same_error_as_a_wrong_password(db):
    # The same words for both, so the page does not tell a guesser which user names exist.
    response = _post(Client(REMOTE_ADDR=OFFICE_IP), "kakuu-nobody", GUESS)

    assert WRONG_CREDENTIALS in response.content.decode()


def test_after_the_limit_even_the_correct_password_is_refused(tier1_staff):
    client = Client(REMOTE_ADDR=OFFICE_IP)
    _fail(client, "tier1", settings.AXES_FAILURE_LIMIT - 1)

    # The attempt that reaches the limit is already answered with the lockout page.
    response = _post(client, "tier1", GUESS)
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()

    response = _post(client, "tier1", PASSWORD)
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert not _is_logged_in(client)
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


def test_below_the_limit_the_correct_password_still_works(tier1_staff):
    client = Client(REMOTE_ADDR=OFFICE_IP)
    _fail(client, "tier1", settings.AXES_FAILURE_LIMIT - 1)

    response = _post(client, "tier1", PASSWORD)

    assert response.status_code == 302
    assert _is_logged_in(client)


def test_a_successful_login_resets_the_count(tier1_staff):
    client = Client(REMOTE_ADDR=OFFICE_IP)
    _fail(client, "tier1", settings.AXES_FAILURE_LIMIT - 1)
    assert _post(client, "tier1", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    _fail(client, "tier1", settings.AXES_FAILURE_LIMIT - 1)
    response = _post(client, "tier1", PASSWORD)

    assert response.status_code == 302
    assert _is_logged_in(client)


def test_another_user_at_the_same_address_is_not_locked(tier1_staff, tier2_staff):
    # Colleagues share the office's public address: one person's typos must not lock the desk out.
    attacker = Client(REMOTE_ADDR=OFFICE_IP)
    _lock_out(attacker, "tier1")
    assert _post(attacker, "tier1", PASSWORD).status_code == 429

    colleague = Client(REMOTE_ADDR=OFFICE_IP)
    response = _post(colleague, "tier2", PASSWORD)

    assert response.status_code == 302
    assert _is_logged_in(colleague)


def test_the_same_user_from_another_address_is_not_locked(tier1_staff):
    _lock_out(Client(REMOTE_ADDR=OTHER_IP), "tier1")

    client = Client(REMOTE_ADDR=OFFICE_IP)
    response = _post(client, "tier1", PASSWORD)

    assert response.status_code == 302
    assert _is_logged_in(client)
