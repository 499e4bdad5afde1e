"""Issue 10: text typed in part ① survives 「選んだ紹介先を回答の②に入れる」 (inserted in place, no reload)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.answer_editor_helpers import crime_case_with_directory, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inserting_referrals_keeps_typed_part_one(page, live_server, login, tier1_staff, tier2_staff):
    case = crime_case_with_directory(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "まず取引銀行に連絡し、口座の利用停止を依頼してください。")
    page.fill("#id_answer-referrals", "既に書いた紹介先のメモ")
    page.locator("#referral-insert-form input[name=organizations]").first.check()
    page.click("button:has-text('選んだ紹介先を回答の②に入れる')")

    part_two = page.locator("#id_answer-referrals")
    expect(part_two).to_have_value(re.compile(r"に確認した情報です"))
    expect(page.locator("#id_answer-measures")).to_have_value(
        "まず取引銀行に連絡し、口座の利用停止を依頼してください。"
    )
    assert part_two.input_value().startswith("既に書いた紹介先のメモ\n\n■ ")
