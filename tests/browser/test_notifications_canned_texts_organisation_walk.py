"""The pages added for notifications, canned texts and organisations, clicked through as desk workers would:
a dispatch reaches its assignee only, a refused canned-text form keeps the typing, and every page is axe-clean."""

import pytest
from playwright.sync_api import expect

from madoguchi.cases import services
from madoguchi.cases.choices import Category, Urgency
from madoguchi.testing.factories import make_case
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "パスワードを使い回さず、管理者アカウントには多要素認証を設定してください。"


def test_notification_canned_text_and_organisation_pages(page, live_server, login, logout, tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff, subject="経理端末が暗号化された", org_name="株式会社ミドリ精機（架空）")
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.URGENT_BREACH,
        urgency=Urgency.CRITICAL,
        police_referral=False,
        assignee=tier2_staff,
    )

    # The assignee sees the count in the header, opens the notification and lands on the case.
    login(page, "tier2")
    expect(page.locator(".notif-link .unread-count")).to_contain_text("1")
    page.click(".notif-link")
    page.wait_for_url("**/staff/notifications/")
    assert_no_axe_violations(page)
    page.click(f"button:has-text('{case.reference}')")
    page.wait_for_url(f"**{case.get_absolute_url()}")
    expect(page.locator(".notif-link .unread-count")).to_have_count(0)

    # The organisation page from the case screen.
    page.click("a:has-text('株式会社ミドリ精機（架空）')")
    expect(page.locator("main")).to_contain_text(case.reference)
    assert_no_axe_violations(page)

    # A canned text with no title is refused next to the field, the typed body kept; then saved.
    page.goto(f"{live_server.url}/staff/knowledge/canned/new/")
    page.fill("#id_body", BODY)
    page.click("button:has-text('保存')")
    expect(page.locator("#id_body")).to_have_value(BODY)
    expect(page.locator("main")).to_contain_text("必須")
    assert_no_axe_violations(page)
    page.fill("#id_title", "多要素認証")
    page.click("button:has-text('保存')")
    expect(page.locator("main")).to_contain_text("多要素認証")
    assert_no_axe_violations(page)
    logout(page)

    # Another user on the same browser sees none of it.
    login(page, "tier1")
    expect(page.locator(".notif-link .unread-count")).to_have_count(0)
    page.goto(f"{live_server.url}/staff/notifications/")
    expect(page.locator("main")).not_to_contain_text(case.reference)
