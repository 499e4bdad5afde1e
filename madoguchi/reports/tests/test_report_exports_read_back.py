"""CSV (UTF-8 with BOM) and XLSX (header row, number formats) exports, read back."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from madoguchi.accounts.models import AuditEvent
from madoguchi.cases.choices import Category
from madoguchi.reports.tests.helpers import at, consultation

pytestmark = pytest.mark.django_db

QUERY = {"start": "2026-10", "end": "2026-11"}


@pytest.fixture
def cases(tier1_staff):
    consultation(actor=tier1_staff, received_at=at(2026, 10), category=Category.LEGAL)
    consultation(actor=tier1_staff, received_at=at(2026, 11), category=Category.LEGAL)
    consultation(actor=tier1_staff, received_at=at(2026, 11), category=Category.CRIME, municipality="=HYPERLINK(1)")


def test_csv_of_one_section_starts_with_a_bom_and_reads_back(client_for, manager, cases):
    response = client_for(manager).get(reverse("reports:export_csv"), {**QUERY, "section": "by_category"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["相談区分", "2026-10", "2026-11", "合計"]
    assert [str(Category.LEGAL.label), "1", "1", "2"] in rows
    assert rows[-1] == ["合計", "1", "2", "3"]
    assert AuditEvent.objects.filter(action="export", detail__what="report").count() == 1


def test_csv_of_the_whole_report_names_each_table(client_for, manager, cases):
    text = client_for(manager).get(reverse("reports:export_csv"), QUERY).content.decode("utf-8-sig")
    assert "月別の相談件数" in text
    assert "折り返しの期限順守" in text


def test_a_typed_area_that_looks_like_a_formula_is_exported_as_text(client_for, manager, cases):
    client = client_for(manager)
    text = client.get(reverse("reports:export_csv"), {**QUERY, "section": "by_area"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    book = load_workbook(io.BytesIO(client.get(reverse("reports:export_xlsx"), QUERY).content))
    areas = [row[0].value for row in book["地域別の件数（月別）"].iter_rows(min_row=2)]
    assert "'=HYPERLINK(1)" in areas


def test_xlsx_has_a_bold_header_row_and_number_formats(client_for, manager, cases):
    response = client_for(manager).get(reverse("reports:export_xlsx"), QUERY)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["相談区分別の件数（月別）"]
    header = [c.value for c in sheet[1]]
    assert header == ["相談区分", "2026-10", "2026-11", "合計"]
    assert all(c.font.bold for c in sheet[1])
    legal = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == str(Category.LEGAL.label))
    assert [c.value for c in legal[1:]] == [1, 1, 2]
    assert all(c.number_format == "#,##0" for c in legal[1:])
    times = book["初回対応・解決までの時間と目標"]
    assert times["A1"].value == "相談区分"


def test_unknown_section_is_404(client_for, manager):
    response = client_for(manager).get(reverse("reports:export_csv"), {"section": "nope"})
    assert response.status_code == 404
