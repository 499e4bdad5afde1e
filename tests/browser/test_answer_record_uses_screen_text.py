"""Issue 10: 「回答済みとして記録する」 records what is on the screen, and says it was given by phone."""

import pytest
from playwright.sync_api import expect

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus, OutboundEmail
from madoguchi.cases.models import CaseEvent
from tests.browser.answer_editor_helpers import open_case, taken_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recording_a_phone_answer_uses_the_unsaved_edit(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    services.answer_save_draft(
        actor=tier2_staff, case=case, measures="古い下書き", referrals="", channel="phone", expected_version=None
    )
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "電話で伝えた最新の対策：添付ファイルを開いた端末をネットワークから外す。")
    page.click("button:has-text('回答済みとして記録する')")

    expect(page.locator(".messages")).to_be_visible()
    answer = AnswerDraft.objects.get(case=case)
    assert answer.status == AnswerStatus.SENT
    assert answer.measures == "電話で伝えた最新の対策：添付ファイルを開いた端末をネットワークから外す。"
    expect(page.locator(".messages")).to_contain_text("電話で回答したことを記録しました")
    event = CaseEvent.objects.get(case=case, kind="answer_sent")
    assert event.data["via"] == "phone"
    assert event.text.startswith("電話で回答しました。")
    assert "電話で伝えた最新の対策" in event.text
    assert "様" not in event.text  # not stored as an e-mail letter
    assert not OutboundEmail.objects.filter(case=case).exists()
    expect(page.locator("#timeline")).to_contain_text("電話で回答しました。")
