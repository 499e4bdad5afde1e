"""A manager on the retention screen: a wrong period and a run without the confirmation are refused next to the
control (typing kept), the run happens, its record reads in Japanese; a link away and back, reload, logout; a desk
worker on the same browser is refused the screen. axe, Japanese-only text and connected messages in every state."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from madoguchi.cases.models import Case
from madoguchi.reports.retention import REMOVED
from madoguchi.reports.tests.helpers import consultation
from tests.browser.walk_helpers import check_state, visible_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALLOW = {"manager", "tier1"}


def test_retention_screen_walk(page, live_server, login, logout, tier1_staff, manager):
    case = consultation(actor=tier1_staff, received_at=timezone.now() - dt.timedelta(days=4000))
    Case.objects.filter(pk=case.pk).update(status="closed", closed_at=timezone.now() - dt.timedelta(days=3990))
    url = f"{live_server.url}/staff/reports/retention/"

    login(page, "manager")
    page.goto(url)
    check_state(page, allow=ALLOW)

    # A period of zero: the message next to the field, the typed value kept.
    months = page.locator("#id_consultation-months")
    months.fill("0")
    page.locator("form[action$='/retention/consultation/'] button").click()
    expect(page.locator(".field.has-error", has=page.locator("#id_consultation-months"))).to_contain_text("1か月以上")
    expect(page.locator("#id_consultation-months")).to_have_value("0")
    check_state(page, allow=ALLOW)
    page.locator("#id_consultation-months").fill("60")
    page.locator("form[action$='/retention/consultation/'] button").click()
    expect(page.locator(".messages")).to_contain_text("保存期間を変更しました")
    expect(page.locator("#id_consultation-months")).to_have_value("60")

    # Running without the confirmation: said next to the box.
    page.click("button.danger")
    expect(page.locator(".field.has-error", has=page.locator("#retention-confirm"))).to_contain_text("チェック")
    check_state(page, allow=ALLOW)
    page.check("#retention-confirm")
    page.click("button.danger")
    expect(page.locator(".messages")).to_contain_text("個人情報を削除しました")
    assert Case.objects.get(pk=case.pk).subject == REMOVED
    # The run's record names the record types in Japanese, not by their codes.
    record = page.locator("section.card", has=page.locator("h2:has-text('実行の記録')"))
    expect(record).to_contain_text("相談案件（完了後）: 1")
    check_state(page, allow=ALLOW)

    # A link away, the browser's back button, reload.
    page.click("header >> text=統計・報告")
    page.go_back()
    page.wait_for_url(url)
    page.reload()
    check_state(page, allow=ALLOW)

    page.locator("#id_consultation-months").fill("7")
    logout(page)
    page.go_back()
    page.wait_for_url("**/accounts/login/**")

    # A desk worker on the same browser may not open the screen.
    login(page, "tier1")
    response = page.goto(url)
    assert response is not None and response.status == 403
    assert "相談案件（完了後）" not in visible_text(page)
    check_state(page, allow=ALLOW)
