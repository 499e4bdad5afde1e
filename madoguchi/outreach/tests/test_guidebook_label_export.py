"""Selected requests export as CSV (UTF-8 BOM), XLSX (text postal codes and phones) and an A4 label PDF; audited."""

from __future__ import annotations

import csv
import io
import re
import subprocess

import pytest
from openpyxl import load_workbook

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.outreach.tests.helpers import make_edition, make_request

pytestmark = pytest.mark.django_db

URL = "/staff/outreach/requests/export/"


@pytest.fixture
def two_requests(tier1_staff):
    edition = make_edition()
    first = make_request(
        actor=tier1_staff,
        edition=edition,
        organization="株式会社サンプル商事",
        postal_code="060-0001",
        prefecture="北海道",
        address="札幌市中央区北1条西2丁目",
        phone="0120-000-000",
        person_name="架空 花子",
    )
    second = make_request(
        actor=tier1_staff,
        edition=edition,
        organization='=HYPERLINK("http://evil.example.com")',
        department="",
        person_name="見本 次郎",
    )
    make_request(actor=tier1_staff, edition=edition, organization="選ばれない会社")
    return first, second


def _export(client, fmt, requests):
    return client.post(URL, {"format": fmt, "selected": [r.reference for r in requests]})


def test_csv_has_a_bom_a_header_and_only_the_selected_rows(client_for, tier1_staff, two_requests):
    response = _export(client_for(tier1_staff), "csv", two_requests)
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["受付番号", "郵便番号", "住所", "組織名", "部署名", "氏名"]
    assert len(rows) == 3
    assert rows[1][1] == "060-0001" and rows[1][2] == "北海道札幌市中央区北1条西2丁目" and rows[1][6] == "0120-000-000"
    # A formula typed into a field stays text in Excel.
    assert rows[2][3].startswith("'=HYPERLINK")
    assert "選ばれない会社" not in response.content.decode("utf-8-sig")


def test_xlsx_keeps_leading_zeros_as_text_cells(client_for, tier1_staff, two_requests):
    response = _export(client_for(tier1_staff), "xlsx", two_requests)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["受付番号", "郵便番号", "住所"]
    assert sheet[1][0].font.bold
    postal, phone = sheet.cell(row=2, column=2), sheet.cell(row=2, column=7)
    assert postal.value == "060-0001" and postal.number_format == "@" and postal.data_type == "s"
    assert phone.value == "0120-000-000" and phone.number_format == "@"
    assert sheet.cell(row=2, column=10).value == 5
    assert sheet.max_row == 3


def test_label_pdf_is_written_the_japanese_way(client_for, tier1_staff, two_requests, tmp_path):
    response = _export(client_for(tier1_staff), "labels", two_requests)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "labels.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    for expected in (
        "〒060-0001",
        "北海道札幌市中央区北1条西2丁目",
        "株式会社サンプル商事",
        "架空 花子 様",
        "見本 次郎 様",
    ):
        assert expected in text
    assert "選ばれない会社" not in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    assert "A4" in info


def test_label_pdf_uses_a_second_sheet_after_twelve_labels(tier1_staff, tmp_path):
    from madoguchi.outreach.export import to_label_pdf

    edition = make_edition()
    requests = [make_request(actor=tier1_staff, edition=edition, person_name=f"架空 {i}号") for i in range(13)]
    path = tmp_path / "labels.pdf"
    path.write_bytes(to_label_pdf(requests))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.MULTILINE), info


def test_export_of_addresses_is_audited(client_for, tier1_staff, two_requests):
    _export(client_for(tier1_staff), "labels", two_requests)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == tier1_staff
    assert event.detail["format"] == "labels"
    assert sorted(event.detail["references"]) == sorted(r.reference for r in two_requests)


def test_admin_cannot_export_addresses(client_for, admin_user, two_requests):
    assert _export(client_for(admin_user), "csv", two_requests).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_nothing_selected_is_sent_back_with_a_message(client_for, tier1_staff, two_requests):
    response = client_for(tier1_staff).post(URL, {"format": "csv"})
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_unknown_format_is_refused(client_for, tier1_staff, two_requests):
    assert _export(client_for(tier1_staff), "docx", two_requests).status_code == 400
