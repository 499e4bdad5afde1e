"""On the case screen, an error or a submit of another form never drops what is typed in the other forms."""

import pytest
from playwright.sync_api import expect

from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "先方の上長から折り返しの電話あり。被害範囲は経理部の端末1台のみとのこと。"


def _open(page, action_id):
    details = page.locator(f"#{action_id}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def test_note_survives_a_classification_submit(page, live_server, login, tier1_staff):
    case = make_case(actor=tier1_staff)
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    _open(page, "act-note")
    page.fill("#act-note textarea[name=note-text]", NOTE)
    _open(page, "act-triage")
    page.select_option("#act-triage select[name=triage-category]", "crime")
    page.click("#act-triage button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("相談区分を保存しました")
    expect(page.locator("#act-note textarea[name=note-text]")).to_have_value(NOTE)
    expect(page.locator("#act-note textarea[name=note-text]")).to_be_visible()


def test_invalid_callback_shows_the_error_next_to_the_field_and_keeps_all_typing(page, live_server, login, tier1_staff):
    case = make_case(actor=tier1_staff)
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    _open(page, "act-note")
    page.fill("#act-note textarea[name=note-text]", NOTE)
    _open(page, "act-callback")
    page.fill("#act-callback input[name=callback-phone]", "")
    page.fill("#act-callback textarea[name=callback-note]", "午後に担当者から折り返し")
    page.click("#act-callback button[type=submit]")
    phone_field = page.locator("#act-callback .field", has=page.locator("input[name=callback-phone]"))
    expect(phone_field.locator(".error")).to_contain_text("折り返し先の電話番号を入力してください")
    expect(page.locator("#act-callback textarea[name=callback-note]")).to_have_value("午後に担当者から折り返し")
    expect(page.locator("#act-note textarea[name=note-text]")).to_have_value(NOTE)


def test_tier2_assessment_and_inquiry_survive_a_note_submit(page, live_server, login, tier1_staff, tier2_staff):
    case = dispatched_case(tier1=tier1_staff)
    login(page, "tier2")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    page.click("text=自分が担当する")
    expect(page.locator(".messages")).to_contain_text("担当になりました")
    _open(page, "act-assessment")
    page.fill("#act-assessment textarea[name=assessment-assessment]", "BECの疑い。送金前であれば被害は防げる。")
    _open(page, "act-inquiry")
    page.fill("#act-inquiry textarea[name=inquiry-question]", "同種の相談が他にもあるか")
    _open(page, "act-note")
    page.fill("#act-note textarea[name=note-text]", NOTE)
    page.click("#act-note button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("記録を追加しました")
    expect(page.locator("#timeline")).to_contain_text(NOTE)
    expect(page.locator("#act-assessment textarea[name=assessment-assessment]")).to_have_value(
        "BECの疑い。送金前であれば被害は防げる。"
    )
    expect(page.locator("#act-inquiry textarea[name=inquiry-question]")).to_have_value("同種の相談が他にもあるか")
    # The note that was saved is not offered again.
    expect(page.locator("#act-note textarea[name=note-text]")).to_have_value("")


def test_leaving_with_unsaved_typing_asks_first(page, live_server, login, tier1_staff):
    case = make_case(actor=tier1_staff)
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    _open(page, "act-note")
    page.fill("#act-note textarea[name=note-text]", NOTE)
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.click("header >> text=案件一覧")
    expect(page.locator("#act-note textarea[name=note-text]")).to_have_value(NOTE)
    assert asked == ["beforeunload"]
    assert page.url.endswith(f"/staff/cases/{case.reference}/")
