"""Staff browse the law map by event and by law; details show the source and the as-of date."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_browse_by_event(client_for, tier1_staff, reference_data):
    client = client_for(tier1_staff)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("referrals:law_map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ランサムウェア（暗号化と身代金要求）" in html
    assert "不正アクセス禁止法 第3条" in html
    # Events, their links with laws and their situations are fetched in bulk, not per row.
    assert len(queries) < 20


def test_browse_by_law(client_for, tier1_staff, reference_data):
    html = client_for(tier1_staff).get(reverse("referrals:law_map") + "?by=law").content.decode()
    assert "<h2>個人情報保護法</h2>" in html
    assert "第26条" in html


def test_event_detail_shows_laws_sources_and_dates(client_for, tier1_staff, reference_data):
    html = client_for(tier1_staff).get(reverse("referrals:event", kwargs={"code": "unauthorized_access"})).content
    html = html.decode()
    assert "不正アクセス禁止法 第3条" in html
    assert "3年以下の拘禁刑又は100万円以下の罰金" in html
    assert "https://okumuraosaka.hatenadiary.jp/" in html
    assert "2026年11月25日" in html


def test_law_detail_shows_penalty_wording_and_source(client_for, tier1_staff, reference_data):
    html = client_for(tier1_staff).get(reverse("referrals:law", kwargs={"code": "uaa_art3"})).content.decode()
    assert "第11条" in html
    assert "3年以下の拘禁刑又は100万円以下の罰金" in html
    assert "令和4年法律第67号・第68号による置換え" in html
    assert "不正アクセス" in html
    assert "掲載日" in html


def test_unknown_code_is_404(client_for, tier1_staff, reference_data):
    assert client_for(tier1_staff).get(reverse("referrals:law", kwargs={"code": "nope"})).status_code == 404
    assert client_for(tier1_staff).get(reverse("referrals:event", kwargs={"code": "nope"})).status_code == 404
