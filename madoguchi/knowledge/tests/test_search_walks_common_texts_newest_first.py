"""PostgreSQL search at scale: a common text walks the newest entries, and permissions are one lookup per entry.

A text in a large share of a big table is cheaper found by walking the entries newest first until the rank
window is full than by reading every match through the text index (docs/search.md). The result must be the
same either way, permissions included.
"""

import pytest
from django.db import connection

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.models import SearchEntry
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.backends import postgres
from madoguchi.knowledge.search.backends.base import filter_sql
from madoguchi.knowledge.search.types import CandidateRequest
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


def _stats(rows: float) -> postgres.EntryStats:
    tokens = postgres.ColumnStats(freqs={"身代": 0.06, "代金": 0.06, "金": 0.12, "漏洩": 0.12}, floor=0.0001)
    return postgres.EntryStats(tokens=tokens, columns={}, rows=rows)


def _request(query: str, **kwargs) -> CandidateRequest:
    return CandidateRequest(query=service.parse_query(query), **kwargs)


@pytest.mark.parametrize(
    ("rows", "query", "walks"),
    [
        # 6 % of a million entries: 60,000 matches through the index against about 8,300 rows walked.
        (1_000_000, "身代金", True),
        (1_000_000, "漏洩", True),
        # A rare text: a few matches through the index, a walk through most of the table.
        (1_000_000, "鍵穴", False),
        # A small table: fewer matches than the window, nothing to gain.
        (5_000, "身代金", False),
    ],
)
def test_the_walk_is_chosen_for_common_texts_of_large_tables(monkeypatch, rows, query, walks):
    monkeypatch.setattr(postgres, "cached_statistics", lambda _connection: _stats(rows))
    assert postgres.PostgresBackend(connection).walk_newest_first(_request(query)) is walks


def test_without_statistics_the_index_is_used(monkeypatch):
    monkeypatch.setattr(postgres, "cached_statistics", lambda _connection: None)
    assert postgres.PostgresBackend(connection).walk_newest_first(_request("身代金")) is False


def test_walked_and_indexed_searches_find_the_same_entries_and_hide_the_same_cases(
    monkeypatch, case_maker, tier1_staff, other_tier1_staff
):
    for i in range(6):
        case_maker(f"身代金を要求された{i}", "ファイルが暗号化され身代金を要求する画面が出た。")
    case_maker("パスワードの管理", "パスワードを使い回している。")
    hidden = dispatched_case(
        tier1=other_tier1_staff,
        subject="身代金の要求",
        body="身代金を要求された。",
        email="b@example.jp",
        phone="03-0000-2222",
    )
    request = _request("身代金", restrict={"case": visible_cases(user=tier1_staff)}, window=4)
    where, _params = filter_sql(request, connection)
    if connection.vendor != "postgresql":
        # SQLite has no such plans (and refuses OFFSET without LIMIT): its permission check stays as it is.
        assert not any("OFFSET" in condition for condition in where)
        return
    # One index lookup per entry, not a hash of every case the user may see.
    assert any("OFFSET 0" in condition for condition in where)
    backend = postgres.PostgresBackend(connection)
    found = {}
    for walk in (False, True):
        monkeypatch.setattr(postgres.PostgresBackend, "walk_newest_first", lambda self, request, walk=walk: walk)
        found[walk] = sorted(backend.candidates(request))
    assert found[True] == found[False]
    hidden_entry = SearchEntry.objects.get(kind="case", object_id=hidden.pk).pk
    assert hidden_entry not in [entry_id for entry_id, _score in found[True]]
    assert len(found[True]) == 4
