"""Queries of one and two characters, which the trigram index cannot serve, use the bigram index."""

import pytest

from madoguchi.knowledge.search.service import search

pytestmark = pytest.mark.django_db

RESTRICT_NONE = None


def _found(manager_restrict, query):
    return {hit.title for hit in search(query=query, restrict=manager_restrict).hits}


@pytest.fixture
def everything(manager):
    from madoguchi.cases.access import visible_cases

    return {"case": visible_cases(user=manager)}


@pytest.fixture
def corpus(case_maker):
    case_maker("顧客情報の漏洩について", "委託先から顧客名簿が漏洩した可能性があると連絡があった。")
    case_maker("ウイルス対策ソフトの警告", "ウイルスを検出したと表示された。")
    case_maker("社用PCの盗難", "営業車から社用PCが盗まれた。")
    case_maker("補助金の申請方法", "セミナーの案内を送ってほしい。")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("漏洩", {"顧客情報の漏洩について"}),
        ("ウイ", {"ウイルス対策ソフトの警告"}),
        ("PC", {"社用PCの盗難"}),
        ("pc", {"社用PCの盗難"}),
        ("補助", {"補助金の申請方法"}),
    ],
)
def test_two_character_query_finds_exactly_the_cases_containing_it(corpus, everything, query, expected):
    assert _found(everything, query) == expected


def test_one_character_query_finds_the_character_anywhere_even_at_the_end_of_a_word(corpus, everything):
    assert _found(everything, "盗") == {"社用PCの盗難"}
    # 「洩」 only occurs as the last character of 「漏洩」.
    assert _found(everything, "洩") == {"顧客情報の漏洩について"}
    assert _found(everything, "鯨") == set()
