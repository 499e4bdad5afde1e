"""Casebook walk: a specialist writes a masked case study, a manager who did not write it publishes it; every
casebook page (staff and public, guidebook upkeep, know-how reports) has no WCAG 2.1 AA violations."""

import pytest
from playwright.sync_api import expect

from madoguchi.casebook.models import CaseStudy, CaseStudyStatus
from madoguchi.casebook.tests.helpers import closed_case, guidebook
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_study_from_closed_case_to_public_page(
    page, live_server, login, logout, tier1_staff, tier2_staff, manager
):
    guidebook()
    case = closed_case(tier1=tier1_staff)
    login(page, "tier2")
    page.goto(f"{live_server.url}/staff/casebook/")
    assert_no_axe_violations(page)
    page.fill("#start-reference", case.reference)
    page.click("text=事例を作成する")
    page.wait_for_url(f"**/staff/casebook/from/{case.reference}/")
    expect(page.locator("mark").first).to_be_visible()
    assert "架空太郎" not in page.input_value("#id_situation")
    assert_no_axe_violations(page)
    page.fill("#id_title", "添付ファイルを開いてしまった経理担当")
    page.click("button.primary")
    page.wait_for_url("**/staff/casebook/*/")
    assert_no_axe_violations(page)
    page.click("text=確認を依頼する")
    expect(page.locator(".messages")).to_contain_text("確認を依頼しました")
    page.goto(f"{live_server.url}/staff/casebook/")
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/staff/casebook/guidebook/")
    page.fill("#id_title", "残る件名")
    page.click("text=提案を登録する")
    expect(page.locator(".field.has-error").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/staff/casebook/knowhow/new/")
    assert_no_axe_violations(page)
    page.fill("#id_title", "セミナー報告")
    page.fill("#id_body", "学んだこと")
    page.click("button.primary")
    page.wait_for_url("**/staff/casebook/knowhow/?month=*")
    assert_no_axe_violations(page)
    logout(page)

    login(page, "manager")
    study = CaseStudy.objects.get()
    page.goto(f"{live_server.url}/staff/casebook/{study.pk}/")
    page.click("text=確認して公開する")
    expect(page.locator(".messages")).to_contain_text("事例を公開しました")
    study.refresh_from_db()
    assert study.status == CaseStudyStatus.PUBLISHED and study.reviewed_by == manager
    logout(page)

    page.goto(f"{live_server.url}/casebook/")
    assert_no_axe_violations(page)
    page.click("text=添付ファイルを開いてしまった経理担当")
    expect(page.locator("h1")).to_have_text("添付ファイルを開いてしまった経理担当")
    assert_no_axe_violations(page)
