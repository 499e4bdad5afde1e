"""The case screen shows suggested organisations and laws with reasons; tier 1 sees them read-only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    start = html.index('id="referrals"')
    return html[start : html.index("</section>", start)]


def test_tier2_sees_suggestions_with_reasons_and_actions(client_for, tier2_staff, tier2_case, reference_data):
    panel = _panel(client_for(tier2_staff).get(tier2_case.get_absolute_url()).content.decode())
    assert "警視庁サイバー犯罪対策課" in panel
    assert "状況「ネットバンキングで不正送金された」に該当" in panel
    assert "相談区分「法律違反の可能性（警視庁への相談を要する）」の紹介先" in panel
    assert "刑法 第246条の2" in panel
    assert 'name="organizations"' in panel
    assert "選んだ紹介先を回答の②に入れる" in panel
    assert "警視庁への相談を要するとする" in panel


def test_tier1_sees_the_same_suggestions_read_only(client_for, tier1_staff, reference_data):
    from madoguchi.testing.factories import make_case

    case = make_case(
        actor=tier1_staff,
        category="crime",
        subject="不正送金",
        body="ネットバンキングで身に覚えのない振込があった。",
    )
    panel = _panel(client_for(tier1_staff).get(case.get_absolute_url()).content.decode())
    assert "警視庁サイバー犯罪対策課" in panel
    assert "状況「ネットバンキングで不正送金された」に該当" in panel
    assert 'name="organizations"' not in panel
    assert "警視庁への相談を要するとする" not in panel


def test_dashboard_offers_the_quick_list(client_for, tier1_staff, reference_data):
    from django.urls import reverse

    html = client_for(tier1_staff).get(reverse("cases:dashboard")).content.decode()
    assert 'id="referrals-quick"' in html
    assert reverse("referrals:quick") in html
