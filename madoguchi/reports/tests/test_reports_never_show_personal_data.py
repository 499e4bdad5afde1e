"""Statistics never expose personal data: no name, contact, organisation, subject or consultation text anywhere."""

import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from madoguchi.reports.tests.helpers import at, consultation

pytestmark = pytest.mark.django_db

SECRETS = [
    "架空 秘密花子",
    "himitsu@secret-shokai.example.jp",
    "株式会社秘密商会（架空）",
    "金庫の暗証番号",
    "秘密の件名",
]


@pytest.fixture
def secret_case(tier1_staff):
    return consultation(
        actor=tier1_staff,
        received_at=at(2026, 11),
        person_name=SECRETS[0],
        email=SECRETS[1],
        org_name=SECRETS[2],
        body=f"{SECRETS[3]}を書いた紙を紛失した。",
        subject=SECRETS[4],
    )


def _assert_clean(text):
    for secret in SECRETS:
        assert secret not in text


def test_dashboard_csv_xlsx_and_pdf_hold_no_personal_data(client_for, manager, secret_case, tmp_path):
    client = client_for(manager)
    query = {"start": "2026-11", "end": "2026-11"}
    page = client.get(reverse("reports:dashboard"), query)
    assert page.status_code == 200
    assert "2026-11" in page.content.decode()
    _assert_clean(page.content.decode())

    csv_text = client.get(reverse("reports:export_csv"), query).content.decode("utf-8-sig")
    assert "合計" in csv_text
    _assert_clean(csv_text)

    book = load_workbook(io.BytesIO(client.get(reverse("reports:export_xlsx"), query).content))
    cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "合計" in cells
    _assert_clean(cells)

    pdf = tmp_path / "m.pdf"
    pdf.write_bytes(client.get(reverse("reports:monthly_pdf"), {"month": "2026-11"}).content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "月次報告" in text
    _assert_clean(text)
