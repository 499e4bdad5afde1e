"""The law page reads out current law first; the pre-2025-06-01 penalty, the statute link and the check date follow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from madoguchi.referrals.models import LawEntry, PenaltyWording, ReferralOrganization

pytestmark = pytest.mark.django_db


def test_loader_stores_history_statute_and_check_date(reference_data):
    law = LawEntry.objects.get(code="penal_246")
    assert law.penalty == "10年以下の拘禁刑"
    assert law.penalty_before_2025_06_01 == "10年以下の懲役"
    assert law.penalty_wording == PenaltyWording.KOKINKEI_BY_AMENDMENT
    assert law.primary_url == "https://laws.e-gov.go.jp/law/140AC0000000045#Mp-At_246"
    assert law.checked_on == dt.date(2026, 12, 6)
    assert ReferralOrganization.objects.get(code="tokyo_consumer_center").checked_on == dt.date(2026, 12, 6)


def test_law_page_shows_current_penalty_then_history(client_for, tier1_staff, reference_data):
    html = client_for(tier1_staff).get(reverse("referrals:law", kwargs={"code": "penal_249"})).content.decode()
    current = html.index("10年以下の拘禁刑")
    history = html.index("2025年6月1日より前の行為の罰則（旧規定）")
    assert current < history < html.index("10年以下の懲役")
    assert 'href="https://laws.e-gov.go.jp/law/140AC0000000045#Mp-At_249"' in html
    assert "（出典を2026年12月6日(日)に確認）" in html


def test_law_without_history_shows_no_history_heading(client_for, tier1_staff, reference_data):
    html = client_for(tier1_staff).get(reverse("referrals:law", kwargs={"code": "appi_art26"})).content.decode()
    assert "旧規定" not in html
