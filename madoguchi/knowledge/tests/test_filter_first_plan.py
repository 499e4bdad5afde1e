"""A selective filter is read through its B-tree index and the text checked on those rows only.

On SQLite both plans (filter first, text index first) must return exactly the same entries; the
threshold between them is forced either way here, so each plan runs on the same data. PostgreSQL
leaves the choice to its planner (BitmapAnd of the filter and text indexes), so there both
parametrisations check that one plan.
"""

import datetime as dt

import pytest
from django.utils import timezone

from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.backends import sqlite as sqlite_backend
from madoguchi.knowledge.search.types import SearchFilters

pytestmark = pytest.mark.django_db


def _at(day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, 1, 9, 0) + dt.timedelta(days=day))


@pytest.fixture
def corpus():
    """60 entries mention 漏洩 (a common term); only a few of them are prevention + email + VPN."""
    expected: set[int] = set()
    for n in range(80):
        mentions = n < 60
        category = "prevention" if n % 10 == 0 else "general"
        channel = "email" if n % 20 == 0 else "phone"
        tags = ["VPN"] if n % 4 == 0 else ["EC"]
        body = f"取引先{n}から顧客情報の漏洩について連絡があった。" if mentions else f"セミナー{n}の案内を依頼された。"
        service.index_document(
            kind="note",
            object_id=n,
            title=f"架空相談{n}",
            body=body,
            category=category,
            status="closed" if n % 3 == 0 else "received",
            channel=channel,
            received_at=_at(n),
            tags=tags,
        )
        if mentions and category == "prevention":
            expected.add(n)
    return expected


@pytest.fixture(params=["filter_first", "text_first"])
def plan(request, monkeypatch):
    # A cap of 0 means no filter is ever selective enough: the text index drives.
    monkeypatch.setattr(sqlite_backend, "FILTER_FIRST_CAP", 1_000_000 if request.param == "filter_first" else 0)
    return request.param


def _ids(query: str, filters: SearchFilters) -> set[int]:
    return {hit.object_id for hit in service.search(query=query, filters=filters, limit=100).hits}


def test_selective_category_with_a_common_term_returns_exactly_the_matching_entries(corpus, plan):
    assert len(corpus) == 6
    assert _ids("漏洩", SearchFilters(category="prevention")) == corpus


def test_every_term_length_and_combined_filters_agree_across_plans(corpus, plan):
    filters = SearchFilters(category="prevention", channel="email", tag="VPN", date_from=_at(0).date())
    # n in (0, 20, 40): prevention, email and VPN, and all three mention 漏洩.
    assert _ids("顧客情報", filters) == {0, 20, 40}
    assert _ids("漏洩", filters) == {0, 20, 40}
    assert _ids("洩", filters) == {0, 20, 40}
    assert _ids("顧客情報 洩", filters) == {0, 20, 40}


def test_date_range_and_status_filters_check_the_text_on_the_filtered_rows(corpus, plan):
    filters = SearchFilters(status="closed", date_from=_at(50).date(), date_to=_at(65).date())
    # Days 50-65, status closed (n % 3 == 0): 51, 54, 57, 60, 63; only n < 60 mention 漏洩.
    found = service.search(query="漏洩", filters=filters, limit=100).hits
    assert sorted(h.object_id for h in found) == [51, 54, 57]


def test_a_term_that_occurs_nowhere_in_the_filtered_rows_finds_nothing(corpus, plan):
    assert _ids("セミナー", SearchFilters(category="prevention", date_to=_at(59).date())) == set()
    assert _ids("鯨", SearchFilters(category="prevention")) == set()
