"""Similar records: candidate retrieval is bounded, yet an old record sharing a rare word is still found.

Entries sharing only common trigrams are read newest first and capped (`candidates` per part); entries sharing a
rare trigram are read through the index whatever their age. Permissions apply to both parts. The thresholds
are lowered here so that a handful of entries shows the behaviour of a million (docs/search.md).
"""

import pytest
from django.db import connection

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.backends import base, postgres, sqlite
from madoguchi.knowledge.search.normalize import bigram_tokens, normalize_text
from madoguchi.testing.factories import dispatched_case
from madoguchi.testing.pages import similar_panel_html

pytestmark = pytest.mark.django_db

COMMON = "取引先を装ったメールの添付ファイルを開いてしまいました。"
RARE = "ゾルゲ暗号鍵"


@pytest.fixture
def low_thresholds(monkeypatch):
    """A gram in more than two entries is common (PostgreSQL: the rare part reads at most four entries' worth)."""
    if connection.vendor == "sqlite":
        monkeypatch.setattr(sqlite, "RARE_GRAM_ROWS", 2)
    else:
        # What ANALYZE would say of a large table: the common text's bigrams in 90 % of 100 entries,
        # anything else in at most one.
        common = dict.fromkeys(bigram_tokens(normalize_text(COMMON)), 0.9)
        stats = postgres.EntryStats(tokens=postgres.ColumnStats(freqs=common, floor=0.01), columns={}, rows=100)
        monkeypatch.setattr(postgres, "cached_statistics", lambda _connection: stats)
        monkeypatch.setattr(postgres, "RARE_ROWS_BUDGET", 4)


def _note(object_id: int, body: str) -> None:
    service.index_document(kind="note", object_id=object_id, title=f"記録{object_id}", body=body)


def test_common_matches_are_capped_newest_first_and_a_rare_word_reaches_an_old_record(low_thresholds):
    _note(1, f"{RARE}の件で電話があった。")
    for object_id in range(2, 8):
        _note(object_id, COMMON)

    found = service.similar_entries(text=f"{COMMON}{RARE}", kinds=["note"], limit=10, candidates=2)

    # The old record through its rare word, and only the two newest of the six sharing the common text.
    assert sorted(s.entry.object_id for s in found) == [1, 6, 7]


def test_a_case_found_through_common_words_is_still_hidden_from_who_cannot_open_it(
    low_thresholds, case_maker, tier1_staff, other_tier1_staff, client_for
):
    mine = case_maker("添付ファイルを開いた", COMMON)
    case_maker("添付ファイルの件", COMMON)
    hidden = dispatched_case(
        tier1=other_tier1_staff,
        subject="添付ファイルを開いた",
        body=COMMON,
        email="b@example.jp",
        phone="03-0000-2222",
    )

    found = service.similar_entries(
        text=f"{mine.subject}\n{mine.body}",
        kinds=["case"],
        exclude=("case", mine.pk),
        restrict={"case": visible_cases(user=tier1_staff)},
        candidates=2,
    )
    assert hidden.pk not in [s.entry.object_id for s in found]
    assert found
    html = similar_panel_html(client_for(tier1_staff), mine)
    assert hidden.reference not in html


def test_rare_grams_are_the_rarest_within_the_budget(monkeypatch):
    rows = {"ゾルゲ": 1.0, "暗号鍵": 2.0, "ファイ": 50.0, "取引先": 40.0}
    assert base.rarest_within(sorted(rows, key=rows.__getitem__), rows=rows.__getitem__, budget=3) == [
        "ゾルゲ",
        "暗号鍵",
    ]
    stats = postgres.EntryStats(
        tokens=postgres.ColumnStats(freqs={"ファ": 0.5, "ァイ": 0.4, "取引": 0.3, "引先": 0.2}, floor=0.001),
        columns={},
        rows=1000,
    )
    # An unlisted bigram makes a gram rare (at most the floor's share); a gram is as rare as its rarer bigram.
    assert stats.gram_rows("取引先") == pytest.approx(200)
    monkeypatch.setattr(postgres, "RARE_ROWS_BUDGET", 100)
    rare, common = postgres.split_by_rarity(["ファイ", "取引先", "ゾルゲ"], stats)
    assert rare == ["ゾルゲ"]
    assert common == ["取引先", "ファイ"]
