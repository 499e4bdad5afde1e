"""A canned text (定型文) goes in at the cursor in part ①, keeping what was typed around it, without a reload."""

import pytest
from playwright.sync_api import expect

from madoguchi.knowledge import services as knowledge_services
from tests.browser.answer_editor_helpers import crime_case_with_directory, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANNED = "パスワードを使い回さず、管理者アカウントには多要素認証を設定してください。"


def test_canned_text_is_inserted_at_the_cursor(page, live_server, login, tier1_staff, tier2_staff):
    case = crime_case_with_directory(tier1=tier1_staff, tier2=tier2_staff)
    canned = knowledge_services.canned_text_create(actor=tier2_staff, title="多要素認証", body=CANNED, category="crime")
    open_case(page, live_server, login, case)
    measures = page.locator("#id_answer-measures")
    measures.fill("一、口座を止める。\n二、警察に相談する。")
    # Put the cursor at the end of the first line, as a writer would before inserting.
    measures.evaluate("el => { el.focus(); el.setSelectionRange(9, 9); el.dispatchEvent(new Event('click')); }")
    url_before = page.url

    page.select_option("#canned-text", value=str(canned.pk))
    page.click("#canned-insert-button")

    expect(measures).to_have_value(f"一、口座を止める。\n{CANNED}\n二、警察に相談する。")
    assert page.url == url_before
