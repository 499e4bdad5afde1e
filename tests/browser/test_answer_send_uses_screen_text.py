"""Issue 10: 「回答をメールで送付する」 sends what is on the screen, after a mail preview, never an older save."""

import pytest
from playwright.sync_api import expect

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus, OutboundEmail
from tests.browser.answer_editor_helpers import open_case, taken_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sending_by_mail_uses_the_unsaved_edit(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    services.answer_save_draft(
        actor=tier2_staff, case=case, measures="古い下書き", referrals="", channel="email", expected_version=None
    )
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "最新の対策：パスワードを変更し、多要素認証を設定してください。")
    page.click("button:has-text('回答をメールで送付する')")
    expect(page.locator("#answer-preview")).to_be_visible()
    assert not OutboundEmail.objects.filter(case=case).exists()  # nothing queued before confirming
    page.click("#answer-confirm-form button[type=submit]")

    expect(page.locator(".messages")).to_contain_text("回答メールを送信待ちに入れました")
    mail = OutboundEmail.objects.get(case=case)
    assert "最新の対策：パスワードを変更し、多要素認証を設定してください。" in mail.body_text
    assert "古い下書き" not in mail.body_text
    assert AnswerDraft.objects.get(case=case).status == AnswerStatus.SENT
