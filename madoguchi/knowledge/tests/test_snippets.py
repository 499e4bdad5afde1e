"""Snippets show the original text escaped, with only our <mark> tags as markup."""

import pytest

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search.highlight import highlight
from madoguchi.knowledge.search.service import search

pytestmark = pytest.mark.django_db


def test_script_in_a_case_body_comes_back_escaped(case_maker, manager):
    case_maker("フォームに不審な入力", 'お問い合わせ欄に<script>alert("漏洩")</script>と書かれていた。')
    page = search(query="漏洩", restrict={"case": visible_cases(user=manager)})
    snippet = str(page.hits[0].snippet)
    assert "<script>" not in snippet
    assert "&lt;script&gt;alert(&quot;<mark>漏洩</mark>&quot;)&lt;/script&gt;" in snippet


def test_long_body_is_cut_around_the_first_match():
    body = "あ" * 500 + "ﾗﾝｻﾑｳｪｱ" + "い" * 500
    snippet = str(highlight(body, ["ランサムウェア"], width=100))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>ﾗﾝｻﾑｳｪｱ</mark>" in snippet
    assert len(snippet) < 140


def test_every_occurrence_and_term_is_marked():
    assert str(highlight("PCとＰＣと<b>pc</b>", ["pc"])) == (
        "<mark>PC</mark>と<mark>ＰＣ</mark>と&lt;b&gt;<mark>pc</mark>&lt;/b&gt;"
    )
