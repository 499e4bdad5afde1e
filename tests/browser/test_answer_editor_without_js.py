"""Progressive enhancement: with scripts off, the answer still saves, inserts referrals and records."""

import re

import pytest
from playwright.sync_api import expect

from madoguchi.answers.models import AnswerDraft, AnswerStatus
from tests.browser.answer_editor_helpers import crime_case_with_directory, open_case, taken_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="ja-JP", timezone_id="Asia/Tokyo", viewport={"width": 1366, "height": 768}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_basic_save_and_record_work_without_scripts(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "スクリプトなしで入力した対策")
    page.select_option("#id_answer-channel", "phone")
    page.click("#answer-save")
    expect(page.locator(".messages")).to_contain_text("回答案を保存しました")
    assert AnswerDraft.objects.get(case=case).measures == "スクリプトなしで入力した対策"

    page.fill("#id_answer-measures", "スクリプトなしで書き直した対策")
    page.click("#answer-send")
    expect(page.locator(".messages")).to_contain_text("電話で回答したことを記録しました")
    answer = AnswerDraft.objects.get(case=case)
    assert (answer.status, answer.measures) == (AnswerStatus.SENT, "スクリプトなしで書き直した対策")


def test_referral_insert_without_scripts_keeps_the_typing(page, live_server, login, tier1_staff, tier2_staff):
    case = crime_case_with_directory(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "スクリプトなしの対策")
    page.locator("#referral-insert-form input[name=organizations]").first.check()
    page.click("#referral-insert-button")
    expect(page.locator("#id_answer-measures")).to_have_value("スクリプトなしの対策")
    expect(page.locator("#id_answer-referrals")).to_have_value(re.compile("に確認した情報です"))
    page.reload()
    expect(page.locator("#id_answer-referrals")).to_have_value(re.compile("に確認した情報です"))
