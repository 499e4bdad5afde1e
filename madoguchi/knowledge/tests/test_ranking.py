"""Better matches come first: title hits and repeated mentions outrank a passing mention."""

import pytest

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search.service import search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["ランサムウェア", "詐欺"])
def test_title_and_repeated_mentions_rank_above_a_passing_mention(case_maker, manager, query):
    case_maker(
        "取引先との打合せの件",
        f"雑談の中で{query}の話題も少し出たが、本題は契約の確認。" + "契約書の条文を確認したい。" * 5,
    )
    case_maker(f"{query}の被害", f"{query}の被害にあった。{query}について相談したい。")
    case_maker("無関係な相談", "ホームページの更新方法を知りたい。")
    page = search(query=query, restrict={"case": visible_cases(user=manager)})
    assert [h.title for h in page.hits] == [f"{query}の被害", "取引先との打合せの件"]
    assert page.hits[0].score > page.hits[1].score
    assert page.total == 2
