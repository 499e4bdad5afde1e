"""`manage.py monthly_report --month 2026-11` and the download: A4, Japanese text extractable, the month's figures."""

import re
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from madoguchi.cases.choices import Category
from madoguchi.reports.tests.helpers import at, consultation

pytestmark = pytest.mark.django_db


def _text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_command_writes_an_a4_pdf_with_the_months_figures(tier1_staff, tmp_path):
    for _ in range(3):
        consultation(actor=tier1_staff, received_at=at(2026, 11), category=Category.URGENT_BREACH)
    consultation(actor=tier1_staff, received_at=at(2026, 10), category=Category.URGENT_BREACH)
    output = tmp_path / "report.pdf"
    call_command("monthly_report", "--month", "2026-11", "--output", str(output))
    data = output.read_bytes()
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[ ?0 0 595\.27\d* 841\.88\d* ?\]", data)
    text = _text(output)
    assert "相談窓口 月次報告 2026年11月" in text
    assert "相談区分別の件数" in text
    assert re.search(r"緊急：セキュリティ侵害発生\s+3\s+3", text)
    # The trend covers the twelve months up to the report's month.
    assert "2025-12" in text
    assert re.search(r"2026-10\s+1", text)


def test_command_refuses_a_malformed_month(tmp_path):
    with pytest.raises(CommandError):
        call_command("monthly_report", "--month", "11/2026", "--output", str(tmp_path / "x.pdf"))


def test_manager_downloads_the_pdf_from_the_dashboard(client_for, manager, tmp_path):
    response = client_for(manager).get(reverse("reports:monthly_pdf"), {"month": "２０２６－１１"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="monthly-report-2026-11.pdf"' in response["Content-Disposition"]
    path = tmp_path / "d.pdf"
    path.write_bytes(response.content)
    assert "2026年11月" in _text(path)


def test_invalid_month_is_refused_next_to_the_field_with_the_input_kept(client_for, manager):
    response = client_for(manager).get(reverse("reports:monthly_pdf"), {"month": "2026-13"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "年月は 2026-11 の形で入力してください。" in body
    assert 'value="2026-13"' in body
