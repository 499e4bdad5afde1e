"""The desk warns managers and admins on every page, everyone on the dashboard, when mail fails or polling stops."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind, OutboundStatus
from madoguchi.intake.models import MailboxState
from madoguchi.ops.context_processors import CACHE_KEY

pytestmark = pytest.mark.django_db

FAILED_TEXT = "送信に失敗したメールが 1 通あります。"


@pytest.fixture
def failed_mail(settings):
    settings.IMAP_HOST = ""
    row = outbox.enqueue(kind=OutboundKind.NOTIFICATION, to=["a@example.jp"], subject="件名", body_text="本文")
    row.status = OutboundStatus.FAILED
    row.save()
    # The banner's figures are cached (MADOGUCHI_OPS_BANNER_CACHE_SECONDS): drop any "all is well" kept earlier.
    cache.delete(CACHE_KEY)
    return row


def test_manager_sees_the_failed_mail_banner_on_every_staff_page(client_for, manager, failed_mail):
    page = client_for(manager).get(reverse("notifications:inbox")).content.decode()
    assert FAILED_TEXT in page
    assert reverse("answers:outbox") in page


def test_tier1_sees_it_on_the_dashboard_only(client_for, tier1_staff, failed_mail):
    client = client_for(tier1_staff)
    assert FAILED_TEXT in client.get(reverse("cases:dashboard")).content.decode()
    assert FAILED_TEXT not in client.get(reverse("notifications:inbox")).content.decode()


def test_no_banner_when_all_is_well(client_for, manager, settings):
    settings.IMAP_HOST = ""
    assert 'id="ops-alerts"' not in client_for(manager).get(reverse("cases:dashboard")).content.decode()


def test_stale_poller_banner_and_log_warning(client_for, manager, settings, caplog):
    from madoguchi.ops import checks

    checks._last_logged.clear()
    cache.delete(CACHE_KEY)
    settings.IMAP_HOST = "imap.example.jp"
    settings.IMAP_USER = "desk"
    settings.MADOGUCHI_POLL_STALE_MINUTES = 30
    MailboxState.objects.create(
        host="imap.example.jp", username="desk", folder="INBOX", last_poll_at=timezone.now() - dt.timedelta(hours=2)
    )
    with caplog.at_level("WARNING", logger="madoguchi.ops"):
        page = client_for(manager).get(reverse("cases:dashboard")).content.decode()
    assert "メールボックスの取得が 120 分間成功していません。" in page
    assert any("last successful poll" in r.getMessage() for r in caplog.records)
