"""The printable quick list renders as A4 PDF whose Japanese text is extractable, with dates and sources."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def _pdf_text(tmp_path, content: bytes) -> str:
    path = tmp_path / "quick.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    # CJK lines wrap anywhere; compare without the line breaks reportlab inserted.
    return re.sub(r"\s+", "", result.stdout.decode("utf-8"))


def test_pdf_has_extractable_japanese_names_dates_and_sources(client_for, tier1_staff, reference_data, tmp_path):
    response = client_for(tier1_staff).get(reverse("referrals:print_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "595.276 x 841.89" in info  # A4 in points
    text = _pdf_text(tmp_path, response.content)
    assert "相談・届出先クイックリスト" in text
    assert "ランサムウェアに感染した" in text
    assert "警視庁サイバー犯罪対策課" in text
    assert "03-5805-1731" in text
    assert "2023年11月22日時点" in text
    assert "出典：https://cybersecurity.metro.tokyo.lg.jp" in text
    # Unverified entries stay off a list that leaves the desk.
    assert "金融サービス利用者相談室" not in text
    assert AuditEvent.objects.filter(action="export", detail__what="referral_quick_list_pdf").exists()


def test_html_print_list_is_grouped_by_situation_with_print_css(client_for, tier1_staff, reference_data):
    html = client_for(tier1_staff).get(reverse("referrals:print")).content.decode()
    assert "css/print.css" in html
    assert "■ ランサムウェアに感染した" in html
    assert "出典" in html and "時点" in html
