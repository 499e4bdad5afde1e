"""/healthz and /readyz: no login, JSON, counts only, 503 when the database or data dir cannot be used."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind, OutboundStatus
from madoguchi.intake.models import MailboxState

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_login_or_database(anonymous, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readyz_is_ok_on_a_working_installation(anonymous, settings):
    settings.IMAP_HOST = ""
    response = anonymous.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["data_dir"]["status"] == "ok"
    assert body["checks"]["poller"] == {"status": "not_configured"}


def test_readyz_is_503_when_the_data_dir_is_not_writable(anonymous, settings, tmp_path):
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o500)
    settings.DATA_DIR = read_only / "missing"  # cannot be created or written, even by root
    response = anonymous.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["data_dir"]["status"] == "fail"


def test_readyz_reports_outbox_failures_without_personal_data(anonymous, settings, manager):
    settings.IMAP_HOST = ""
    row = outbox.enqueue(
        kind=OutboundKind.NOTIFICATION,
        to=["taro@sample-shoji.example.jp"],
        subject="秘密の件名（架空）",
        body_text="本文",
    )
    row.status = OutboundStatus.FAILED
    row.save()
    response = anonymous.get("/readyz")
    assert response.status_code == 200, "a failed mail is a warning, not a reason to take the server out"
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["outbox"]["failed"] == 1
    assert "sample-shoji" not in response.content.decode() and "秘密" not in response.content.decode()
    assert anonymous.get("/readyz?strict=1").status_code == 503


def test_readyz_warns_when_the_poller_is_stale(anonymous, settings):
    settings.IMAP_HOST = "imap.example.jp"
    settings.IMAP_USER = "desk"
    settings.MADOGUCHI_POLL_STALE_MINUTES = 10
    state = MailboxState.objects.create(host="imap.example.jp", username="desk", folder="INBOX")
    state.last_poll_at = timezone.now() - dt.timedelta(minutes=11)
    state.save()
    poller = anonymous.get("/readyz").json()["checks"]["poller"]
    assert poller["status"] == "warning" and poller["last_success_age_seconds"] >= 660
    state.last_poll_at = timezone.now() - dt.timedelta(minutes=9)
    state.save()
    assert anonymous.get("/readyz").json()["checks"]["poller"]["status"] == "ok"


def test_health_endpoints_are_not_behind_two_factor(tier1_staff, client):
    # A logged-in session without a verified second factor must not be redirected away from the probes.
    from madoguchi.accounts.models import SecurityPolicy

    policy = SecurityPolicy.current()
    policy.require_2fa_roles = ["front"]
    policy.save()
    client.force_login(tier1_staff)
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code in (200, 503)


@pytest.mark.parametrize("role", ["front", "back", "manager", "admin", None])
def test_every_role_and_anonymous_get_the_probes(role, client, settings):
    from madoguchi.testing.factories import UserFactory

    settings.IMAP_HOST = ""
    if role:
        client.force_login(UserFactory(username=f"probe-{role}", role=role))
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405
