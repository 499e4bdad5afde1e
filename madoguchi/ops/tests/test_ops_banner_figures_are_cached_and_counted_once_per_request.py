"""The operations banner counts failed mail once per MADOGUCHI_OPS_BANNER_CACHE_SECONDS for all staff pages (the
figures live in the shared cache), and at most once per request however often its context is asked for."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind, OutboundStatus
from madoguchi.ops import checks
from madoguchi.ops.context_processors import CACHE_KEY, ops_alerts

pytestmark = pytest.mark.django_db

FAILED_TEXT = "送信に失敗したメールが 1 通あります。"


def _banner_queries(client, url: str) -> tuple[list[str], str]:
    """The outbox queries a page issued, and the page."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    counts = [q["sql"] for q in ctx.captured_queries if 'FROM "answers_outboundemail"' in q["sql"]]
    return counts, response.content.decode()


def _fail_one_mail() -> None:
    row = outbox.enqueue(kind=OutboundKind.NOTIFICATION, to=["a@example.jp"], subject="件名", body_text="本文")
    row.status = OutboundStatus.FAILED
    row.save()


@pytest.fixture
def no_poller(settings):
    settings.IMAP_HOST = ""
    settings.MADOGUCHI_OPS_BANNER_CACHE_SECONDS = 3600


def test_a_second_staff_page_within_the_ttl_issues_no_banner_query(client_for, manager, no_poller):
    client = client_for(manager)
    _fail_one_mail()
    first, page = _banner_queries(client, reverse("notifications:inbox"))
    assert len(first) == 1, "the first staff page counts the failed mail"
    assert FAILED_TEXT in page
    assert isinstance(cache.get(CACHE_KEY), checks.Alerts), "the figures are kept in the shared cache"
    second, page = _banner_queries(client, reverse("knowledge:search"))
    assert second == [], "a second staff page within the TTL reads the cache"
    assert FAILED_TEXT in page


def test_another_manager_shares_the_cached_figures(client_for, manager, admin_user, no_poller):
    _fail_one_mail()
    _banner_queries(client_for(manager), reverse("notifications:inbox"))
    queries, page = _banner_queries(client_for(admin_user), reverse("notifications:inbox"))
    assert queries == []
    assert FAILED_TEXT in page


def test_with_a_ttl_of_zero_every_page_counts(client_for, manager, settings, no_poller):
    settings.MADOGUCHI_OPS_BANNER_CACHE_SECONDS = 0
    client = client_for(manager)
    first, _page = _banner_queries(client, reverse("notifications:inbox"))
    assert len(first) == 1
    _fail_one_mail()
    second, page = _banner_queries(client, reverse("notifications:inbox"))
    assert len(second) == 1
    assert FAILED_TEXT in page
    assert cache.get(CACHE_KEY) is None


def test_the_figures_are_counted_at_most_once_per_request(manager, settings, no_poller):
    settings.MADOGUCHI_OPS_BANNER_CACHE_SECONDS = 0  # no cache: only the per-request memo can save the query
    _fail_one_mail()
    request = RequestFactory().get(reverse("notifications:inbox"))
    request.user = manager
    with CaptureQueriesContext(connection) as ctx:
        first = ops_alerts(request)
        second = ops_alerts(request)
    assert len([q for q in ctx.captured_queries if "answers_outboundemail" in q["sql"]]) == 1
    assert first["ops_alerts"].failed_mails == second["ops_alerts"].failed_mails == 1
