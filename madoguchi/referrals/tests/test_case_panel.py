"""The case screen shows the organisations and laws chosen from the case's situations, with reasons; tier 1 sees
them read-only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    start = html.index('id="referrals"')
    return html[start : html.index("</section>", start)]


def test_tier2_sees_suggestions_with_reasons_and_actions(client_for, tier2_staff, tier2_case, reference_data):
    panel = _panel(client_for(tier2_staff).get(tier2_case.get_absolute_url()).content.decode())
    assert "ネットバンキングで不正送金された" in panel
    # Money taken from the account: the bank first (stop the account), then the police, each with its reason.
    assert panel.index("取引銀行") < panel.index("警視庁サイバー犯罪対策課")
    assert "直ちに取引銀行に連絡して口座やネットバンキングを止め" in panel
    assert "刑法 第246条の2" in panel
    assert "盗まれたID・パスワードでネットバンキングから不正送金された場合" in panel
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
    assert "ネットバンキングで不正送金された" in panel
    assert 'name="organizations"' not in panel
    assert "警視庁への相談を要するとする" not in panel


def test_dashboard_offers_the_quick_list(client_for, tier1_staff, reference_data):
    from django.urls import reverse

    html = client_for(tier1_staff).get(reverse("cases:dashboard")).content.decode()
    assert 'id="referrals-quick"' in html
    assert reverse("referrals:quick") in html
