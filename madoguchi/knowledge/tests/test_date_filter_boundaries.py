"""Date filters follow the local calendar day (Asia/Tokyo), on both databases.

SQLite keeps datetimes as UTC text: a consultation at 08:00 on 1 April in Tokyo is stored as
31 March 23:00. The filter must still count it as 1 April (it was nine hours off before).
"""

import datetime as dt

import pytest
from django.utils import timezone

from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.backends import sqlite as sqlite_backend
from madoguchi.knowledge.search.types import SearchFilters

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1_000_000, 0], ids=["filter_first", "text_first"])
def plan(request, monkeypatch):
    monkeypatch.setattr(sqlite_backend, "FILTER_FIRST_CAP", request.param)


@pytest.fixture
def early_and_late():
    def at(day: int, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime(2026, 4, day, hour, 0))

    service.index_document(kind="note", object_id=1, title="早朝の相談", body="不審なメール", received_at=at(1, 8))
    service.index_document(kind="note", object_id=2, title="深夜の相談", body="不審なメール", received_at=at(1, 23))
    service.index_document(kind="note", object_id=3, title="翌朝の相談", body="不審なメール", received_at=at(2, 0))


def _titles(**filters) -> set[str]:
    return {h.title for h in service.search(query="不審", filters=SearchFilters(**filters)).hits}


def test_a_day_covers_local_midnight_to_midnight(early_and_late, plan):
    april_1 = dt.date(2026, 4, 1)
    assert _titles(date_from=april_1, date_to=april_1) == {"早朝の相談", "深夜の相談"}
    assert _titles(date_to=dt.date(2026, 3, 31)) == set()
    assert _titles(date_from=dt.date(2026, 4, 2)) == {"翌朝の相談"}
