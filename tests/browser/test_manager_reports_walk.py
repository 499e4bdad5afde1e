"""A manager's walk through the reports: dashboard on a year of sample consultations, period filter, CSV download,
the monthly PDF (its first page rendered to an image), the handbook, its procedures and the retention screen.
Screenshots of the dashboard and of the PDF's first page are kept as artifacts; every page is axe-clean."""

import csv
import io
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from madoguchi.cases import demo_history
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_filters_the_dashboard_downloads_csv_and_monthly_pdf(
    page, live_server, login, shot, manager, tier1_staff, tier2_staff
):
    demo_history.seed(front=tier1_staff, back=tier2_staff, count=600)
    today = timezone.localdate()
    last_month = f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"

    login(page, "manager")
    page.click("nav >> text=統計・報告")
    expect(page.locator("h1")).to_have_text("相談の統計")
    expect(page.locator("svg.chart")).to_have_count(11)  # 9 of the desk + 2 of outreach
    assert_no_axe_violations(page)
    shot(page, "reports-dashboard")

    # Filter to one month: the monthly table then has exactly that month.
    page.fill("#id_start", last_month)
    page.fill("#id_end", last_month)
    page.click("form.filters button:has-text('絞り込む')")
    expect(page.locator("#section-monthly_total tbody tr")).to_have_count(1)
    expect(page.locator("#section-monthly_total tbody th")).to_have_text(last_month)
    count = int(page.locator("#section-monthly_total tbody td").inner_text())
    assert count > 0
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.click("a:has-text('CSVで出力') >> nth=0")
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [last_month, str(count)] in rows

    # Last month's report, downloaded from the same page; its first page kept as an image.
    page.fill("#id_month", last_month)
    with page.expect_download() as download:
        page.click("button:has-text('月次報告（PDF）をダウンロード')")
    pdf = download.value.path()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    year, month = last_month.split("-")
    assert f"月次報告 {year}年{int(month)}月" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(SCREENSHOTS / "reports-monthly-pdf-page1"),
        ],
        check=True,
    )
    assert (SCREENSHOTS / "reports-monthly-pdf-page1.png").stat().st_size > 10_000

    # The handbook, its editable procedures and the retention screen.
    page.click("a:has-text('専門員業務ガイドブック')")
    expect(page.locator("nav.toc li")).to_have_count(8)
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/staff/reports/handbook/procedures/")
    assert_no_axe_violations(page)
    page.click("a:has-text('電話での受付')")
    page.fill("#id_body", "")
    page.fill("#id_note", "空にしてみる")
    page.click("button:has-text('新しい版として保存')")
    expect(page.locator("#id_note")).to_have_value("空にしてみる")
    assert_no_axe_violations(page)
    page.fill("#id_body", "受付番号を最初に伝えます。")
    page.click("button:has-text('新しい版として保存')")
    expect(page.locator(".messages")).to_contain_text("電話での受付")
    page.goto(f"{live_server.url}/staff/reports/retention/")
    expect(page.locator("h1")).to_have_text("個人情報の保存期間")
    assert_no_axe_violations(page)
