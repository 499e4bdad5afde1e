"""The public directory shows public, verified entries grouped by situation, with sources and dates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.referrals.models import ReferralOrganization

pytestmark = pytest.mark.django_db


def test_public_page_lists_public_entries_with_contacts_and_sources(anonymous, reference_data):
    response = anonymous.get(reverse("referrals_public:directory"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ランサムウェアに感染した" in html
    assert "03-5805-1731" in html
    assert "平日 8:30〜17:15" in html
    assert "https://cybersecurity.metro.tokyo.lg.jp/security/guidebook/355/index.html" in html
    assert "2023年11月22日" in html


def test_public_page_hides_unverified_and_non_public_entries(anonymous, reference_data):
    ReferralOrganization.objects.filter(code="houterasu").update(public=False)
    html = anonymous.get(reverse("referrals_public:directory")).content.decode()
    assert ReferralOrganization.objects.get(code="fsa_consumer_desk").verified is False
    assert "金融サービス利用者相談室" not in html  # unverified
    assert "0570-016811" not in html
    assert "法テラス" not in html  # not public
    assert "未検証" not in html and "要確認" not in html


def test_public_home_links_to_the_directory(anonymous, reference_data):
    html = anonymous.get("/").content.decode()
    assert reverse("referrals_public:directory") in html
