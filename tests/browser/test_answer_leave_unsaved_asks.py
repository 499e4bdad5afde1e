"""Leaving the case page with unsaved answer text asks first; once saved, it does not."""

import pytest
from playwright.sync_api import expect

from tests.browser.answer_editor_helpers import open_case, taken_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leaving_with_unsaved_text_asks_and_staying_keeps_it(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # the staff member chooses to stay

    page.on("dialog", stay)
    page.locator("#id_answer-measures").press_sequentially("まだ保存していない対策")
    # The click cannot complete while the dialog is open, so the handler has run when it returns.
    page.click("nav >> text=案件一覧")
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_answer-measures")).to_have_value("まだ保存していない対策")
    assert page.url.endswith(case.get_absolute_url())


def test_after_autosave_leaving_does_not_ask(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.locator("#id_answer-measures").press_sequentially("自動保存される対策")
    expect(page.locator("#answer-autosave-status")).to_contain_text("自動保存しました")
    page.click("nav >> text=案件一覧")
    page.wait_for_url("**/staff/cases/")
    assert dialogs == []
