"""Behind a reverse proxy django-axes keys on the real client address, so a guesser cannot lock out a colleague."""

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
PROXY = "10.0.0.5"
GUESSER = "203.0.113.66"
COLLEAGUE = "198.51.100.10"


@pytest.fixture(autouse=True)
def one_proxy(settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1


def _via_proxy(chain: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def test_failures_from_one_address_do_not_lock_out_the_same_user_elsewhere(tier1_staff):
    guesser = _via_proxy(GUESSER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(LOGIN_URL, {"username": "tier1", "password": GUESS})
    assert guesser.post(LOGIN_URL, {"username": "tier1", "password": PASSWORD}).status_code == 429

    colleague = _via_proxy(COLLEAGUE)
    response = colleague.post(LOGIN_URL, {"username": "tier1", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in colleague.session


def test_spoofed_left_most_entries_do_not_escape_the_lockout(tier1_staff):
    for n in range(settings.AXES_FAILURE_LIMIT):
        # A fresh invented "client" each time: only the proxy-written right-most entry counts.
        _via_proxy(f"192.0.2.{n + 1}, {GUESSER}").post(LOGIN_URL, {"username": "tier1", "password": GUESS})

    response = _via_proxy(f"192.0.2.200, {GUESSER}").post(LOGIN_URL, {"username": "tier1", "password": PASSWORD})
    assert response.status_code == 429


def test_the_audit_log_records_the_proxied_client_address(tier1_staff):
    _via_proxy(f"192.0.2.77, {COLLEAGUE}").post(LOGIN_URL, {"username": "tier1", "password": PASSWORD})

    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.ip_address == COLLEAGUE
