"""The API token screen (list, issue form with an error, the token shown once) has no WCAG 2.1 AA violations."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_token_screen(page, live_server, login, admin_user, tier1_staff):
    login(page, "sysadmin")
    page.goto(f"{live_server.url}/staff/api-tokens/")
    assert_no_axe_violations(page)
    page.click("form button.primary")
    expect(page.locator(".error").first).to_be_visible()
    assert_no_axe_violations(page)
    page.select_option("#id_user", value=str(tier1_staff.pk))
    page.fill("#id_name", "協力団体フォーム")
    page.click("form button.primary")
    expect(page.locator("#api-token")).to_be_visible()
    assert_no_axe_violations(page)
