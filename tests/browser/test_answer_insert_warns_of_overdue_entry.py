"""Inserting an entry overdue for re-checking (要確認) names it to the writer, and the warning stays on screen."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from madoguchi.referrals.models import ReferralOrganization
from tests.browser.answer_editor_helpers import crime_case_with_directory, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overdue_entry_is_named_next_to_the_editor(page, live_server, login, tier1_staff, tier2_staff, settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 365
    case = crime_case_with_directory(tier1=tier1_staff, tier2=tier2_staff)
    ReferralOrganization.objects.update(last_verified_at=timezone.now() - dt.timedelta(days=800))
    open_case(page, live_server, login, case)
    warning = page.locator("#answer-referral-warning")
    expect(warning).to_be_hidden()
    page.fill("#id_answer-measures", "まず取引銀行に連絡してください。")
    box = page.locator("#referral-insert-form input[name=organizations]").first
    name = ReferralOrganization.objects.get(code=box.get_attribute("value")).name
    box.check()
    page.click("button:has-text('選んだ紹介先を回答の②に入れる')")

    expect(page.locator("#id_answer-referrals")).to_have_value(re.compile("に確認した情報です"))
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("要確認")
    expect(warning).to_contain_text(name)
    # The autosave that follows the insert replaces the status line, not the warning.
    expect(page.locator("#answer-autosave-status")).to_contain_text("自動保存しました", timeout=15000)
    expect(warning).to_contain_text(name)
