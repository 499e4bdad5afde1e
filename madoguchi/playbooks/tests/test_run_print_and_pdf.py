"""A run prints as HTML and as a PDF whose Japanese text can be extracted."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.playbooks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(tier2_staff, leak_case, leak_template):
    run = services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)
    services.item_set_done(actor=tier2_staff, item=run.items.get(code="l_fr_01"), done=True, note="架空のメモ")
    return run


def test_pdf_contains_extractable_japanese(client_for, tier2_staff, run, tmp_path):
    response = client_for(tier2_staff).get(reverse("playbooks:pdf", args=[run.case.reference, run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "run.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    text = text.decode("utf-8").replace("\n", "").replace(" ", "")
    assert "情報漏えい" in text
    assert "初動対応" in text and "再発防止" in text
    assert run.case.reference in text
    assert "架空のメモ" in text
    assert AuditEvent.objects.filter(action="export", target_type="playbooks.PlaybookRun").exists()


def test_print_page_lists_every_phase(client_for, tier1_staff, run):
    response = client_for(tier1_staff).get(reverse("playbooks:print", args=[run.case.reference, run.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for label in ("初動対応", "封じ込め", "調査", "報告・通知", "復旧", "再発防止"):
        assert label in page
    assert "css/run_print.css" in page  # the print styles live in a static file (no inline <style> under the CSP)


def test_print_of_an_invisible_case_is_not_found(client_for, other_tier1_staff, run):
    url = reverse("playbooks:pdf", args=[run.case.reference, run.pk])
    assert client_for(other_tier1_staff).get(url).status_code == 404
