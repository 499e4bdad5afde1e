"""The directory is searchable by situation, category and keyword (NFKC, case-insensitive)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _names(client, **params) -> str:
    return client.get(reverse("referrals:directory"), params).content.decode()


def test_full_width_keyword_matches(client_for, tier1_staff, reference_data):
    html = _names(client_for(tier1_staff), q="ＪＰＣＥＲＴ")
    assert "JPCERT/CC" in html
    assert "法テラス" not in html


def test_keyword_matches_situation_keywords(client_for, tier1_staff, reference_data):
    html = _names(client_for(tier1_staff), q="身代金")
    assert "JPCERT/CC" in html
    assert "ひまわりほっとダイヤル" not in html


def test_situation_filter(client_for, tier1_staff, reference_data):
    html = _names(client_for(tier1_staff), situation="defamation")
    assert "誹謗中傷ホットライン" in html
    assert "お助け隊サービス" not in html


def test_category_filter(client_for, tier1_staff, reference_data):
    html = _names(client_for(tier1_staff), category="guidebook_request")
    assert "都ガイドブック（電子版）" in html
    assert "警視庁サイバー犯罪対策課" not in html


def test_unknown_filter_value_shows_everything(client_for, tier1_staff, reference_data):
    response = client_for(tier1_staff).get(reverse("referrals:directory"), {"category": "bogus"})
    assert response.status_code == 200
    assert "警視庁サイバー犯罪対策課" in response.content.decode()


def test_list_query_count_does_not_grow_with_rows(client_for, tier1_staff, reference_data):
    client = client_for(tier1_staff)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("referrals:directory"))
    assert len(queries) < 15


def test_quick_list_by_situation_and_keyword(client_for, tier1_staff, reference_data):
    client = client_for(tier1_staff)
    html = client.get(reverse("referrals:quick"), {"situation": "sextortion"}).content.decode()
    assert "性的な映像をばらまくと脅すメールが届いた" in html
    assert "#9110" in html
    assert 'id="situation-sextortion"' in html
    assert 'id="situation-ransomware_infection"' not in html
    html = client.get(reverse("referrals:quick"), {"q": "188"}).content.decode()
    assert "消費者ホットライン188" in html
