"""An administrator issues an API token: mistakes are said next to the fields with the typing kept, the token is shown
once, a link away and back or a reload never shows it again, revoking works; after logout another administrator on
the same browser sees no token and none of the first one's typing. axe, Japanese-only text, connected messages."""

import pytest
from playwright.sync_api import expect

from madoguchi.accounts.roles import Role
from madoguchi.api.models import ApiToken
from madoguchi.testing.factories import UserFactory
from tests.browser.walk_helpers import check_state, form_values, visible_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALLOW = {"sysadmin", "sysadmin2", "tier1", "manager"}


def test_api_token_screen_walk(page, live_server, login, logout, admin_user, tier1_staff, manager):
    UserFactory(username="sysadmin2", role=Role.ADMIN, display_name="管理 五郎")
    url = f"{live_server.url}/staff/api-tokens/"
    page.on("dialog", lambda dialog: dialog.accept())

    login(page, "sysadmin")
    page.goto(url)
    check_state(page, allow=ALLOW)

    # The purpose typed, the staff member not chosen: the message next to the select, the purpose kept.
    page.fill("#id_name", "協力団体の相談フォーム（架空）")
    page.click("form button.primary")
    expect(page.locator(".field.has-error", has=page.locator("#id_user"))).to_contain_text("職員を選んでください")
    expect(page.locator("#id_name")).to_have_value("協力団体の相談フォーム（架空）")
    check_state(page, allow=ALLOW)

    page.select_option("#id_user", value=str(tier1_staff.pk))
    page.click("form button.primary")
    token = page.locator("#api-token")
    expect(token).to_be_visible()
    raw = token.inner_text()
    assert raw.startswith(ApiToken.objects.get().prefix)
    check_state(page, allow=ALLOW)

    # Reload (the same POST again): the token is not shown again and no second token is issued.
    page.reload()
    expect(page.locator("#api-token")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("この発行はすでに処理されました")
    assert raw not in page.content()
    assert ApiToken.objects.count() == 1
    check_state(page, allow=ALLOW)
    # A link away and the browser's back button.
    page.goto(url)
    page.click("header >> text=職員・設定")
    page.go_back()
    page.wait_for_url(url)
    expect(page.locator("#api-token")).to_have_count(0)
    assert raw not in page.content()
    check_state(page, allow=ALLOW)

    # Revoke, with the row said in Japanese.
    page.locator("tbody button:has-text('失効させる')").click()
    expect(page.locator("tbody")).to_contain_text("失効")
    assert not ApiToken.objects.get().active
    check_state(page, allow=ALLOW)

    page.fill("#id_name", "未保存の用途（架空）")
    logout(page)
    page.go_back()
    page.wait_for_url("**/accounts/login/**")
    assert raw not in page.content()

    login(page, "sysadmin2")
    page.goto(url)
    assert raw not in page.content()
    assert "未保存の用途（架空）" not in form_values(page) + visible_text(page)
    check_state(page, allow=ALLOW)
