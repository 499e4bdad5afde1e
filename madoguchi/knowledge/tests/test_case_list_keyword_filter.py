"""The case list's keyword box goes through the index, keeping the list's permissions and filters."""

import pytest
from django.urls import reverse

from madoguchi.cases.choices import Channel
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


def test_keyword_uses_the_index_with_short_queries_and_variants(client_for, tier1_staff, case_maker):
    case_maker("USBメモリの紛失", "顧客情報が漏洩したかもしれない。")
    case_maker("ホームページの更新", "更新方法を知りたい。", channel=Channel.EMAIL)
    client = client_for(tier1_staff)
    html = client.get(reverse("cases:list"), {"q": "漏えい"}).content.decode()
    assert "USBメモリの紛失" in html and "ホームページの更新" not in html
    html = client.get(reverse("cases:list"), {"q": "更新", "channel": Channel.PHONE}).content.decode()
    assert "ホームページの更新" not in html


def test_keyword_respects_case_permissions(client_for, tier1_staff, other_tier1_staff):
    dispatched_case(
        tier1=other_tier1_staff, subject="他の職員の二次対応案件", body="暗号化された", email="z@example.jp"
    )
    html = client_for(tier1_staff).get(reverse("cases:list"), {"q": "暗号化"}).content.decode()
    assert "他の職員の二次対応案件" not in html
    html = client_for(other_tier1_staff).get(reverse("cases:list"), {"q": "暗号化"}).content.decode()
    assert "他の職員の二次対応案件" in html
