"""The case list's keyword box understands tags: free text finds a tag, `tag:` keeps only that tag."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_case_list_keyword_matches_tags_and_tag_syntax(client_for, tier1_staff, case_maker):
    case_maker("サーバが動かない", "朝から業務システムに入れない。", tags=["ランサムウェア"])
    case_maker("ランサムウェアの予防", "バックアップの取り方を知りたい。")
    case_maker("パスワードを忘れた", "メールに入れない。")
    client = client_for(tier1_staff)
    html = client.get(reverse("cases:list"), {"q": "ランサムウェア"}).content.decode()
    assert "サーバが動かない" in html and "ランサムウェアの予防" in html and "パスワードを忘れた" not in html
    html = client.get(reverse("cases:list"), {"q": "tag:ランサムウェア"}).content.decode()
    assert "サーバが動かない" in html
    assert "ランサムウェアの予防" not in html and "パスワードを忘れた" not in html
