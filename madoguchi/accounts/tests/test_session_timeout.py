"""Staff sessions end after the configured idle time; every request pushes the deadline forward."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from madoguchi.accounts.tests.test_deploy_check import _manage
from madoguchi.testing.production import production_env

DASHBOARD = reverse("cases:dashboard")


def test_idle_timeout_comes_from_the_environment_with_a_30_minute_default():
    expected = int(os.environ.get("SESSION_IDLE_TIMEOUT_SECONDS") or 30 * 60)

    assert expected == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_the_environment_variable_sets_the_cookie_age(tmp_path):
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_AGE, s.SESSION_SAVE_EVERY_REQUEST)"
    env = production_env(tmp_path, SESSION_IDLE_TIMEOUT_SECONDS="900")

    result = _manage("shell", "--no-imports", "-c", code, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["900", "True"]


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


@pytest.mark.django_db
def test_an_expired_session_is_logged_out(tier1_staff, client_for):
    client = client_for(tier1_staff)
    assert client.get(DASHBOARD).status_code == 200
    Session.objects.filter(pk=_session(client).pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.django_db
def test_activity_before_the_deadline_extends_the_session(tier1_staff, client_for):
    client = client_for(tier1_staff)
    client.get(DASHBOARD)
    almost_expired = timezone.now() + dt.timedelta(seconds=30)
    Session.objects.filter(pk=_session(client).pk).update(expire_date=almost_expired)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    new_deadline = _session(client).expire_date
    assert new_deadline > almost_expired
    idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert timezone.now() + idle - dt.timedelta(seconds=60) <= new_deadline <= timezone.now() + idle
