"""Directory text reaches the quick-list PDF as text: quotes and ampersands in URLs, and web-channel hours."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.urls import reverse

from madoguchi.referrals.models import ReferralOrganization

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True)
    return re.sub(r"\s+", "", result.stdout.decode("utf-8"))


def _edit_first_verified(**changes: object) -> ReferralOrganization:
    org = ReferralOrganization.objects.filter(verified=True, situations__isnull=False).order_by("order", "code")[0]
    for field, value in changes.items():
        setattr(org, field, value)
    org.save()
    return org


def test_web_url_with_quote_and_ampersand_renders(client_for, tier1_staff, reference_data):
    _edit_first_verified(
        channels=[{"kind": "web", "value": 'https://desk.example.jp/form?a=1&b="x"<y>', "hours": "", "note": ""}],
        name='相談"テスト"＆機関 <例>',
    )
    response = client_for(tier1_staff).get(reverse("referrals:print_pdf"))
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert 'https://desk.example.jp/form?a=1&b="x"<y>' in text
    assert '相談"テスト"＆機関<例>' in text


def test_opening_hours_of_web_channels_are_printed(client_for, tier1_staff, reference_data):
    _edit_first_verified(
        channels=[
            {"kind": "web", "value": "https://desk.example.jp/chat", "hours": "平日10時から16時まで", "note": ""},
            {"kind": "phone", "value": "03-0000-0000", "hours": "土日9時から12時まで", "note": ""},
        ]
    )
    text = _pdf_text(client_for(tier1_staff).get(reverse("referrals:print_pdf")).content)
    assert "https://desk.example.jp/chat" in text
    assert "平日10時から16時まで" in text
    assert "土日9時から12時まで" in text
