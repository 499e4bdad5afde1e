"""Issue 10: part ② filled from the directory is still there after a reload, without pressing 回答案を保存."""

import re

import pytest
from playwright.sync_api import expect

from madoguchi.answers.models import AnswerDraft
from tests.browser.answer_editor_helpers import crime_case_with_directory, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inserted_referrals_survive_a_reload(page, live_server, login, tier1_staff, tier2_staff):
    case = crime_case_with_directory(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "ログイン情報を変更し、取引履歴を確認してください。")
    page.locator("#referral-insert-form input[name=organizations]").first.check()
    page.click("button:has-text('選んだ紹介先を回答の②に入れる')")
    expect(page.locator("#id_answer-referrals")).to_have_value(re.compile("に確認した情報です"))
    inserted = page.locator("#id_answer-referrals").input_value()
    expect(page.locator("#answer-autosave-status")).to_contain_text("自動保存しました")

    page.reload()
    expect(page.locator("#id_answer-referrals")).to_have_value(inserted)
    expect(page.locator("#id_answer-measures")).to_have_value("ログイン情報を変更し、取引履歴を確認してください。")
    assert AnswerDraft.objects.get(case=case).referrals == inserted
