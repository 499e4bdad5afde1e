"""The intake restore offer and the case screen with kept typing and errors have no WCAG 2.1 AA violations."""

import time

import pytest
from playwright.sync_api import expect

from madoguchi.core.models import FormDraft
from madoguchi.testing.factories import make_case
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_intake_with_the_restore_offer(page, live_server, login, tier1_staff):
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    assert_no_axe_violations(page)
    page.fill("#id_person_name", "架空 一郎")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("header >> text=案件一覧")
    page.wait_for_url("**/staff/cases/")
    for _ in range(100):
        if FormDraft.objects.filter(user=tier1_staff).exists():
            break
        time.sleep(0.1)
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    expect(page.locator("#draft-restore")).to_be_visible()
    assert_no_axe_violations(page)


def test_case_screen_with_kept_typing_and_a_field_error(page, live_server, login, tier1_staff):
    case = make_case(actor=tier1_staff)
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    page.locator("#act-note summary").click()
    page.fill("#act-note textarea[name=note-text]", "折り返し待ち")
    page.locator("#act-callback summary").click()
    page.fill("#act-callback input[name=callback-phone]", "")
    page.click("#act-callback button[type=submit]")
    expect(page.locator("#act-callback .error").first).to_be_visible()
    assert_no_axe_violations(page)
