"""Tag postings follow the entry, and the tag filter gives the same answer by every plan.

PostgreSQL walks the (tag, entry) postings newest first and gives way to the general query when the
walk is capped before the window fills; SQLite filters on the tags text. Both must give the same hits.
"""

import pytest

from madoguchi.knowledge.models import SearchTag
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.backends import postgres
from madoguchi.knowledge.search.types import CandidateRequest, SearchFilters

pytestmark = pytest.mark.django_db


def _postings(kind: str, object_id: int) -> set[str]:
    return set(SearchTag.objects.filter(entry__kind=kind, entry__object_id=object_id).values_list("tag", flat=True))


def test_index_document_writes_and_replaces_postings():
    service.index_document(kind="faq", object_id=1, title="VPNの脆弱性", body="更新する", tags=["VPN", " 研修 ", ""])
    assert _postings("faq", 1) == {"VPN", "研修"}
    service.index_document(kind="faq", object_id=1, title="VPNの脆弱性", body="更新する", tags=["EC"])
    assert _postings("faq", 1) == {"EC"}
    service.index_document(kind="faq", object_id=1, title="VPNの脆弱性", body="更新する")
    assert _postings("faq", 1) == set()


def test_removing_an_entry_removes_its_postings():
    service.index_document(kind="faq", object_id=2, title="詐欺メール", body="開かない", tags=["詐欺"])
    assert service.remove_document(kind="faq", object_id=2)
    assert not SearchTag.objects.filter(tag="詐欺").exists()


def test_bulk_add_writes_postings_for_each_document():
    service.bulk_add(
        [
            service.Document(kind="faq", object_id=10, title="一", body="本文", tags=("VPN", "EC")),
            service.Document(kind="faq", object_id=11, title="二", body="本文"),
            service.Document(kind="faq", object_id=12, title="三", body="本文", tags=("VPN",)),
        ]
    )
    assert _postings("faq", 10) == {"VPN", "EC"}
    assert _postings("faq", 11) == set()
    assert _postings("faq", 12) == {"VPN"}


@pytest.fixture
def tagged_corpus():
    # Newest entries have the tag but not the text, so a short walk finds nothing and must give way.
    for i in range(12):
        tags = ["VPN"] if i % 2 == 0 else ["EC"]
        body = "サーバが停止した。" if i < 6 else "設定を確認した。"
        service.index_document(kind="faq", object_id=100 + i, title=f"相談{i}", body=body, tags=tags, status="closed")


def _ids(**filters) -> list[int]:
    page = service.search(query="サーバ", kinds=("faq",), filters=SearchFilters(**filters))
    return sorted(h.object_id for h in page.hits)


def test_tag_filter_finds_only_tagged_matches(tagged_corpus):
    assert _ids(tag="VPN") == [100, 102, 104]
    assert _ids(tag="EC") == [101, 103, 105]
    assert _ids(tag="VPN", status="closed") == [100, 102, 104]
    assert _ids(tag="VPN", status="received") == []
    assert _ids(tag="存在しないタグ") == []


@pytest.mark.parametrize("cap", [1, 2, 3, 5, 100])
def test_capped_walk_gives_the_same_hits_as_the_full_walk(tagged_corpus, monkeypatch, cap):
    monkeypatch.setattr(postgres, "TAG_WALK_CAP", cap)
    assert _ids(tag="VPN") == [100, 102, 104]
    assert _ids(tag="VPN", status="closed") == [100, 102, 104]


def test_a_full_window_holds_the_newest_tagged_matches(tagged_corpus):
    # On PostgreSQL the walk stops as soon as the window is full; it must stop at the newest ones.
    request = CandidateRequest(
        query=service.parse_query("サーバ"), kinds=("faq",), filters=SearchFilters(tag="VPN"), window=2
    )
    found = sorted(entry_id for entry_id, _score in service.get_backend().candidates(request))
    tagged = SearchTag.objects.filter(tag="VPN", entry__object_id__in=[100, 102, 104])
    assert found == sorted(tagged.values_list("entry_id", flat=True))[-2:]


def _stats(**overrides):
    values = {
        "tokens": postgres.ColumnStats(freqs={"サー": 0.4, "ーバ": 0.3, "バ": 0.35, "漏洩": 0.05}, floor=0.001),
        "columns": {"status": postgres.ColumnStats(freqs={"closed": 0.5, "received": 0.1}, floor=0.01)},
    }
    values.update(overrides)
    return postgres.EntryStats(**values)


def _request(query: str, **filters) -> CandidateRequest:
    return CandidateRequest(query=service.parse_query(query), filters=SearchFilters(**filters), window=500)


def test_a_common_text_expects_a_short_walk_and_a_rare_one_a_long_walk():
    stats = _stats()
    common = stats.expected_walk(_request("サーバ", tag="VPN"), start=None, end=None)
    narrowed = stats.expected_walk(_request("サーバ", tag="VPN", status="closed"), start=None, end=None)
    rare = stats.expected_walk(_request("鍵", tag="VPN"), start=None, end=None)
    # サーバ: its rarest bigram is in 30 % of entries, so 500 matches need about 1,700 postings.
    assert common == pytest.approx(500 / 0.3)
    assert narrowed == pytest.approx(500 / 0.15)
    assert rare == pytest.approx(500 / 0.001)
    assert common < postgres.TAG_WALK_CAP < rare


def test_a_date_range_counts_the_histogram_bounds_inside_it():
    import datetime as dt

    bounds = tuple(dt.datetime(2026, month, 1, tzinfo=dt.UTC) for month in range(1, 11))
    stats = _stats(received_bounds=bounds)
    assert stats.date_fraction(dt.datetime(2026, 9, 1, tzinfo=dt.UTC), None) == pytest.approx(0.2)
    assert stats.date_fraction(None, None) == 1.0
    # A range between two bounds still counts as one bucket, never as zero.
    assert stats.date_fraction(dt.datetime(2026, 12, 1, tzinfo=dt.UTC), None) == pytest.approx(0.1)


def test_statistics_come_from_analyze_where_the_database_keeps_them():
    from django.db import connection

    for i in range(40):
        service.index_document(
            kind="faq", object_id=500 + i, title=f"サーバ障害{i}", body="サーバが止まった。", tags=["VPN"]
        )
    if connection.vendor != "postgresql":
        # SQLite filters the tag text inside its own plan and needs no statistics.
        assert service.get_backend().vendor == "sqlite"
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE knowledge_searchentry")
    postgres.forget_statistics()
    stats = postgres.read_statistics(connection)
    assert stats is not None
    assert stats.tokens.fraction("サー") == pytest.approx(1.0)
    assert stats.tokens.fraction("鍵") < 0.5
    backend = postgres.PostgresBackend(connection)
    assert backend.walk_tag_first(_request("サーバ", tag="VPN"))
    postgres.forget_statistics()
