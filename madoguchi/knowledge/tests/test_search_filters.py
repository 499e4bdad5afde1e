"""Filters (category, status, channel, dates, tags, kind) combine with the text query."""

import datetime as dt

import pytest
from django.utils import timezone

from madoguchi.cases.access import visible_cases
from madoguchi.cases.choices import Category, Channel
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import SearchFilters

pytestmark = pytest.mark.django_db


def _at(day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 4, day, 10, 0))


@pytest.fixture
def corpus(case_maker):
    return {
        "a": case_maker(
            "不正アクセスの被害",
            "VPN機器から侵入された。",
            category=Category.URGENT_BREACH,
            channel=Channel.PHONE,
            received_at=_at(1),
            tags=["VPN"],
        ),
        "b": case_maker(
            "不正アクセスの予防",
            "VPNの設定を見直したい。",
            category=Category.PREVENTION,
            channel=Channel.EMAIL,
            received_at=_at(10),
            tags=["VPN"],
        ),
        "c": case_maker(
            "不正アクセスの相談",
            "ECサイトに不正ログインがあった。",
            category=Category.URGENT_BREACH,
            channel=Channel.EMAIL,
            received_at=_at(20),
            tags=["EC"],
        ),
    }


def _titles(manager, **filters):
    page = service.search(
        query="不正アクセス", filters=SearchFilters(**filters), restrict={"case": visible_cases(user=manager)}
    )
    return {h.title for h in page.hits}


def test_each_filter_narrows_the_results(corpus, manager):
    assert _titles(manager) == {"不正アクセスの被害", "不正アクセスの予防", "不正アクセスの相談"}
    assert _titles(manager, category=Category.URGENT_BREACH) == {"不正アクセスの被害", "不正アクセスの相談"}
    assert _titles(manager, channel=Channel.EMAIL) == {"不正アクセスの予防", "不正アクセスの相談"}
    assert _titles(manager, tag="VPN") == {"不正アクセスの被害", "不正アクセスの予防"}
    assert _titles(manager, date_from=dt.date(2026, 4, 10), date_to=dt.date(2026, 4, 10)) == {"不正アクセスの予防"}
    assert _titles(manager, status="received") == {"不正アクセスの被害", "不正アクセスの予防", "不正アクセスの相談"}
    assert _titles(manager, status="closed") == set()


def test_filters_combine(corpus, manager):
    assert _titles(manager, category=Category.URGENT_BREACH, channel=Channel.EMAIL) == {"不正アクセスの相談"}
    assert _titles(manager, category=Category.URGENT_BREACH, tag="VPN", date_from=dt.date(2026, 4, 2)) == set()


def test_kind_filter_separates_record_kinds(corpus, manager):
    service.index_document(kind="faq", object_id=1, title="不正アクセスを防ぐには", body="多要素認証を設定する。")
    restrict = {"case": visible_cases(user=manager)}
    assert {h.kind for h in service.search(query="不正アクセス", restrict=restrict).hits} == {"case", "faq"}
    faq_only = service.search(query="不正アクセス", kinds=["faq"], restrict=restrict)
    assert [h.title for h in faq_only.hits] == ["不正アクセスを防ぐには"]
