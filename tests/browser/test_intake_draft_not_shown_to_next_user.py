"""An unfinished intake of one staff member is never shown to the next person on the same PC."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_next_user_on_same_browser_sees_no_earlier_caller(page, live_server, login, logout, tier1_staff, tier2_staff):
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    page.fill("#id_person_name", "架空 一郎")
    page.fill("#id_phone", "03-0000-1111")
    # Logging out with typing on the page asks first; the user confirms.
    page.on("dialog", lambda dialog: dialog.accept())
    logout(page)

    # Same browser context: same localStorage, same cookie jar.
    login(page, "tier2")
    for channel in ("phone", "walkin"):
        page.goto(f"{live_server.url}/staff/cases/new/?channel={channel}")
        expect(page.locator("#id_person_name")).to_have_value("")
        expect(page.locator("#id_phone")).to_have_value("")
        expect(page.locator("#draft-restore")).to_have_count(0)
        assert "架空 一郎" not in page.content()
    assert page.evaluate("() => window.localStorage.getItem('intake-draft')") is None
