"""A query in one spelling finds records written in another (width, case and variant table)."""

import pytest

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search.service import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(case_maker):
    case_maker("ウイルス感染の疑い", "取引先から届いたファイルを開いた後に動作が重い。")
    case_maker("個人情報の漏洩", "名簿の入ったUSBメモリを紛失した。")
    case_maker("PCが起動しない", "朝から社内のPCが起動しない。")
    case_maker("サーバーが応答しない", "Webサーバーに接続できない。")
    case_maker("不審なe-mailの相談", "知らない差出人からe-mailが届いた。")


def _titles(manager, query):
    return {h.title for h in search(query=query, restrict={"case": visible_cases(user=manager)}).hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ウィルス", "ウイルス感染の疑い"),
        ("ｳｲﾙｽ", "ウイルス感染の疑い"),
        ("ｳｨﾙｽ", "ウイルス感染の疑い"),
        ("漏えい", "個人情報の漏洩"),
        ("ＰＣ", "PCが起動しない"),
        ("ｐｃ", "PCが起動しない"),
        ("サーバ", "サーバーが応答しない"),
        ("メール", "不審なe-mailの相談"),
        ("ＵＳＢ", "個人情報の漏洩"),
    ],
)
def test_variant_query_finds_the_other_spelling(corpus, manager, query, expected):
    assert expected in _titles(manager, query)


def test_variants_do_not_leak_into_unrelated_cases(corpus, manager):
    assert _titles(manager, "ウィルス") == {"ウイルス感染の疑い"}
    assert _titles(manager, "漏えい") == {"個人情報の漏洩"}


def test_highlight_marks_the_original_spelling(corpus, manager):
    page = search(query="ウィルス", restrict={"case": visible_cases(user=manager)})
    assert "<mark>ウイルス</mark>" in page.hits[0].title_html
