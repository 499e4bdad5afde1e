"""Tags are searchable: a free-text query matches tags as well as text, and `tag:` narrows to one tag."""

import pytest
from django.urls import reverse

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import SearchFilters

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(case_maker):
    return {
        "tagged": case_maker("サーバが動かない", "朝から業務システムに入れない。", tags=["ランサムウェア"]),
        "text": case_maker("ランサムウェアの予防", "バックアップの取り方を知りたい。"),
        "other": case_maker("パスワードを忘れた", "メールに入れない。", tags=["アカウント"]),
    }


def _subjects(manager, query, **filters):
    page = service.search(
        query=query, filters=SearchFilters(**filters), restrict={"case": visible_cases(user=manager)}, limit=50
    )
    return {h.title for h in page.hits}


def test_free_text_finds_a_case_by_its_tag(tagged, manager):
    assert _subjects(manager, "ランサムウェア") == {"サーバが動かない", "ランサムウェアの予防"}


def test_a_short_query_finds_a_tag_too(tagged, manager):
    assert "パスワードを忘れた" in _subjects(manager, "アカ")


def test_tag_syntax_in_the_query_filters_by_tag(tagged, manager):
    assert _subjects(manager, "tag:ランサムウェア") == {"サーバが動かない"}
    assert _subjects(manager, "タグ：ランサムウェア") == {"サーバが動かない"}
    assert _subjects(manager, "サーバ tag:ランサムウェア") == {"サーバが動かない"}
    assert _subjects(manager, "パスワード tag:ランサムウェア") == set()


def test_tag_filter_alone_lists_the_tagged_cases(tagged, manager):
    assert _subjects(manager, "", tag="ランサムウェア") == {"サーバが動かない"}


def test_search_page_tag_query_and_tag_field(tagged, client_for, manager):
    client = client_for(manager)
    html = client.get(reverse("knowledge:search"), {"q": "tag:ランサムウェア"}).content.decode()
    assert "サーバが動かない" in html
    assert "ランサムウェアの予防" not in html
    html = client.get(reverse("knowledge:search"), {"q": "", "tag": "ランサムウェア"}).content.decode()
    assert "サーバが動かない" in html


def test_tag_search_respects_case_access(tagged, client_for, tier1_staff, other_tier1_staff, case_maker):
    from madoguchi.cases.choices import Tier
    from madoguchi.cases.models import Case

    hidden = case_maker("非公開の件", "内容。", tags=["ランサムウェア"], actor=other_tier1_staff)
    Case.objects.filter(pk=hidden.pk).update(tier=Tier.BACK)
    html = client_for(tier1_staff).get(reverse("knowledge:search"), {"q": "tag:ランサムウェア"}).content.decode()
    assert "サーバが動かない" in html
    assert "非公開の件" not in html


def test_two_different_tags_are_refused_with_the_typing_kept(tagged, client_for, manager):
    response = client_for(manager).get(reverse("knowledge:search"), {"q": "tag:ランサムウェア", "tag": "アカウント"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "違うタグが指定されています" in html
    assert 'value="tag:ランサムウェア"' in html
