"""The preview shows the answer mail exactly as the outbox will send it: address, subject, body, signature."""

import pytest
from playwright.sync_api import expect

from madoguchi.answers.models import OutboundEmail
from tests.browser.answer_editor_helpers import open_case, taken_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_preview_is_the_mail_that_is_queued(page, live_server, login, tier1_staff, tier2_staff, shot):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "1. 端末をネットワークから外す\n2. 管理者に連絡する")
    page.fill("#id_answer-referrals", "■ 架空市 情報セキュリティ相談窓口（example.jp）")
    page.select_option("#id_answer-channel", "email")
    page.click("#answer-send")
    preview = page.locator("#answer-preview")
    expect(preview).to_be_visible()
    shot(page, "answer-mail-preview")
    to = preview.locator(".preview-to").inner_text()
    subject = preview.locator(".preview-subject").inner_text()
    body = preview.locator(".preview-body").text_content()

    page.click("#answer-confirm-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("回答メールを送信待ちに入れました")
    mail = OutboundEmail.objects.get(case=case)
    assert mail.to == [to]
    assert mail.subject == subject
    assert mail.body_text == body
    assert case.reference in subject
    assert "端末をネットワークから外す" in body and "架空市 情報セキュリティ相談窓口" in body


def test_editing_after_the_preview_voids_its_confirmation(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "プレビューした対策")
    page.select_option("#id_answer-channel", "email")
    page.click("#answer-send")
    expect(page.locator("#answer-preview")).to_be_visible()
    page.locator("#id_answer-measures").press_sequentially("（追記）")
    expect(page.locator("#answer-confirm-form button[type=submit]")).to_be_disabled()
    expect(page.locator("#answer-preview-stale")).to_be_visible()
    assert not OutboundEmail.objects.filter(case=case).exists()
