"""Staff sessions end after the configured idle time; activity pushes the deadline forward.

The deadline row is written at most once per SESSION_TOUCH_SECONDS (madoguchi/accounts/sessions.py): an idle
session never outlives SESSION_COOKIE_AGE after its last request, and ends at most SESSION_TOUCH_SECONDS sooner."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from madoguchi.accounts.sessions import TOUCHED_KEY
from madoguchi.accounts.tests.test_deploy_check import _manage
from madoguchi.testing.production import production_env

DASHBOARD = reverse("cases:dashboard")


def test_idle_timeout_comes_from_the_environment_with_a_30_minute_default():
    expected = int(os.environ.get("SESSION_IDLE_TIMEOUT_SECONDS") or 30 * 60)

    assert expected == settings.SESSION_COOKIE_AGE
    assert int(os.environ.get("SESSION_TOUCH_SECONDS") or 60) == settings.SESSION_TOUCH_SECONDS


def test_the_environment_variable_sets_the_cookie_age(tmp_path):
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_AGE, s.SESSION_TOUCH_SECONDS)"
    env = production_env(tmp_path, SESSION_IDLE_TIMEOUT_SECONDS="900", SESSION_TOUCH_SECONDS="30")

    result = _manage("shell", "--no-imports", "-c", code, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["900", "30"]


def test_a_touch_interval_as_long_as_the_idle_limit_is_refused(tmp_path):
    # Such a session would never be extended: it would end in the middle of a desk worker's call.
    env = production_env(tmp_path, SESSION_IDLE_TIMEOUT_SECONDS="900", SESSION_TOUCH_SECONDS="900")

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "SESSION_TOUCH_SECONDS" in result.stderr


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _last_written(client, *, seconds_ago: int, expire_date: dt.datetime) -> None:
    """Make the stored session look written `seconds_ago`, with the given deadline, as time passing would."""
    store = client.session
    store[TOUCHED_KEY] = int(time.time()) - seconds_ago
    store.save()
    Session.objects.filter(pk=store.session_key).update(expire_date=expire_date)


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
    _last_written(client, seconds_ago=settings.SESSION_COOKIE_AGE - 30, expire_date=almost_expired)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    new_deadline = _session(client).expire_date
    assert new_deadline > almost_expired
    idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert timezone.now() + idle - dt.timedelta(seconds=60) <= new_deadline <= timezone.now() + idle


def _session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


@pytest.mark.django_db
def test_requests_within_the_touch_interval_write_no_session_row(tier1_staff, client_for):
    client = client_for(tier1_staff)
    client.get(DASHBOARD)
    deadline = _session(client).expire_date

    with CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert client.get(DASHBOARD).status_code == 200

    assert _session_writes(ctx.captured_queries) == []
    assert _session(client).expire_date == deadline


@pytest.mark.django_db
def test_the_first_request_after_the_interval_writes_the_deadline_once(tier1_staff, client_for):
    client = client_for(tier1_staff)
    client.get(DASHBOARD)
    old_deadline = timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - settings.SESSION_TOUCH_SECONDS)
    _last_written(client, seconds_ago=settings.SESSION_TOUCH_SECONDS, expire_date=old_deadline)

    with CaptureQueriesContext(connection) as ctx:
        client.get(DASHBOARD)
        client.get(DASHBOARD)

    assert len(_session_writes(ctx.captured_queries)) == 1
    assert _session(client).expire_date > old_deadline


@pytest.mark.django_db
def test_an_idle_session_never_outlives_its_limit(tier1_staff, client_for):
    """Whatever the requests did, the stored deadline is at most the idle limit after the last of them."""
    client = client_for(tier1_staff)
    for seconds_ago in (settings.SESSION_TOUCH_SECONDS + 5, settings.SESSION_TOUCH_SECONDS - 5, 0):
        store = client.session
        store[TOUCHED_KEY] = int(time.time()) - seconds_ago
        store.save()
        client.get(DASHBOARD)
        last_request = timezone.now()

        deadline = _session(client).expire_date

        idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        touch = dt.timedelta(seconds=settings.SESSION_TOUCH_SECONDS)
        assert last_request + idle - touch - dt.timedelta(seconds=2) <= deadline <= last_request + idle


@pytest.mark.django_db
def test_a_login_records_the_write_so_the_first_minute_writes_nothing(tier1_staff):
    # Whatever the way in (here the test client's login, which sends the same signal as the login page).
    client = Client()
    client.force_login(tier1_staff)
    assert isinstance(client.session.get(TOUCHED_KEY), int)

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(DASHBOARD).status_code == 200

    assert _session_writes(ctx.captured_queries) == []
