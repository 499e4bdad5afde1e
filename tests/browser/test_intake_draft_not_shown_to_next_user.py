"""An unfinished intake of one staff member is never shown to the next person on the same PC."""

import time

import pytest
from playwright.sync_api import expect

from madoguchi.core.models import FormDraft

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


def test_a_browser_upgraded_from_the_local_storage_version_loses_the_old_draft(page, live_server, login, tier1_staff):
    login(page, "tier1")
    page.evaluate("""() => window.localStorage.setItem("intake-draft", JSON.stringify({person_name: "架空 一郎"}))""")
    page.goto(f"{live_server.url}/staff/cases/new/?channel=walkin")
    expect(page.locator("#id_person_name")).to_have_value("")
    assert page.evaluate("() => window.localStorage.getItem('intake-draft')") is None


def test_a_draft_saved_on_the_server_is_deleted_at_logout(page, live_server, login, logout, tier1_staff, tier2_staff):
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    page.fill("#id_person_name", "架空 一郎")
    page.fill("#id_phone", "03-0000-1111")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("header >> text=案件一覧")
    for _ in range(100):
        if FormDraft.objects.filter(user=tier1_staff).exists():
            break
        time.sleep(0.1)
    assert FormDraft.objects.filter(user=tier1_staff).exists()
    logout(page)
    assert not FormDraft.objects.filter(user=tier1_staff).exists()

    login(page, "tier2")
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    expect(page.locator("#draft-restore")).to_have_count(0)
    expect(page.locator("#id_person_name")).to_have_value("")
