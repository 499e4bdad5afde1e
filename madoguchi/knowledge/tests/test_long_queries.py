"""Queries of three or more characters use the trigram index, up to long phrases."""

import pytest

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search.service import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(case_maker):
    case_maker("ランサムウェアでファイルが暗号化された", "サーバ内のファイルが開けず、身代金を要求する画面が出ている。")
    case_maker("暗号化の設定方法", "ノートPCのディスク暗号化について知りたい。")
    case_maker("不審なSMS", "宅配業者を装ったSMSのリンクを開いてしまった。")


def _titles(manager, query):
    return {h.title for h in search(query=query, restrict={"case": visible_cases(user=manager)}).hits}


def test_three_character_query(corpus, manager):
    assert _titles(manager, "暗号化") == {"ランサムウェアでファイルが暗号化された", "暗号化の設定方法"}


def test_four_character_query(corpus, manager):
    assert _titles(manager, "身代金を") == {"ランサムウェアでファイルが暗号化された"}


def test_eight_character_query(corpus, manager):
    query = "宅配業者を装った"
    assert len(query) == 8
    assert _titles(manager, query) == {"不審なSMS"}


def test_several_terms_must_all_match_mixing_long_and_short_terms(corpus, manager):
    assert _titles(manager, "暗号化 PC") == {"暗号化の設定方法"}
    assert _titles(manager, "暗号化 身代金") == {"ランサムウェアでファイルが暗号化された"}


def test_a_phrase_that_occurs_nowhere_finds_nothing(corpus, manager):
    assert _titles(manager, "ファイルが盗まれた") == set()
