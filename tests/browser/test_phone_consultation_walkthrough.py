"""A phone consultation from intake through dispatch, answer, approval and close, in real Chromium."""

import pytest
from playwright.sync_api import expect

from madoguchi.cases.models import Case
from madoguchi.cases.workflow import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_intake_dispatch_answer_approval_close(
    page, live_server, login, logout, shot, tier1_staff, tier2_staff, manager
):
    # Tier 1 takes the call.
    login(page, "tier1")
    page.click("text=電話受付")
    page.fill("#id_org_name", "株式会社サンプル商事")
    page.fill("#id_person_name", "架空 太郎")
    page.fill("#id_phone", "０３（００００）１２３４")
    page.fill("#id_email", "taro@sample-shoji.example.jp")
    page.fill("#id_subject", "取引先を装ったメールで振込先の変更依頼")
    page.fill("#id_body", "取引先の名前で振込口座の変更依頼メールが届いた。㈱の表記や髙の字も原文のまま。")
    shot(page, "01-intake")
    page.click("button.primary")
    expect(page.locator(".messages")).to_contain_text("相談を受け付けました")
    case = Case.objects.get()
    expect(page.locator("h1 .ref")).to_have_text(case.reference)

    # Bad input on the dispatch form: no category -> Japanese message, nothing lost.
    # (The form starts from the triage suggestion; clear the category to send none.)
    page.select_option("#act-dispatch select[name=dispatch-category]", "")
    page.fill("#act-dispatch textarea[name=dispatch-note]", "BECの疑い、至急")
    page.click("#act-dispatch button[type=submit]")
    expect(page.locator("#act-dispatch .error")).to_contain_text("相談区分を選んでください")
    expect(page.locator("#act-dispatch textarea[name=dispatch-note]")).to_have_value("BECの疑い、至急")
    page.select_option("#act-dispatch select[name=dispatch-category]", "crime")
    page.select_option("#act-dispatch select[name=dispatch-urgency]", "2")
    page.check("#act-dispatch input[name=dispatch-police_referral]")
    page.click("#act-dispatch button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("二次対応へ回付しました")
    shot(page, "02-dispatched")
    logout(page)

    # Tier 2 picks it from the pool and drafts the answer.
    login(page, "tier2")
    expect(page.locator("#pool")).to_contain_text(case.reference)
    page.click(f"#pool >> text={case.reference}")
    page.click("text=自分が担当する")
    expect(page.locator(".messages")).to_contain_text("担当になりました")
    page.fill("#id_answer-measures", "振込先の変更は、登録済みの電話番号で取引先に直接確認してください。")
    page.fill("#id_answer-referrals", "警視庁 サイバー犯罪対策課")
    page.select_option("#id_answer-channel", "phone")
    page.click("#answer-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("回答案を保存しました")
    page.click("text=承認を依頼する")
    expect(page.locator(".badge.status-awaiting_approval")).to_be_visible()
    shot(page, "03-awaiting-approval")
    logout(page)

    # The manager approves.
    login(page, "manager")
    expect(page.locator("#approvals")).to_contain_text(case.reference)
    page.click(f"#approvals >> text={case.reference}")
    page.fill("#review-form textarea[name=review-comment]", "内容を確認しました")
    page.click("#review-form button[value=approve]")
    expect(page.locator(".messages")).to_contain_text("承認しました")
    logout(page)

    # Tier 2 gives the answer by phone, records it, and closes the case.
    login(page, "tier2")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    page.click("text=回答済みとして記録する")
    expect(page.locator(".messages")).to_contain_text("電話で回答したことを記録しました")
    page.fill("#act-close textarea[name=close-resolution]", "電話で回答し、了承を得た")
    page.click("#act-close button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("完了にしました")
    shot(page, "04-closed")

    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.police_referral is True
    kinds = set(case.events.values_list("kind", flat=True))
    assert {"received", "dispatch", "approval_requested", "approved", "answer_sent", "closed"} <= kinds

    # The case screen is usable on a tablet: the action column drops below the record.
    page.set_viewport_size({"width": 768, "height": 1024})
    page.reload()
    shot(page, "05-case-tablet")
    main_box = page.locator(".case-main").bounding_box()
    aside_box = page.locator(".case-actions").bounding_box()
    assert aside_box["y"] >= main_box["y"] + main_box["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 768


def test_intake_keeps_typing_when_the_server_refuses_it(page, live_server, login, tier1_staff):
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    page.fill("#id_person_name", "見本 花子")
    page.fill("#id_phone", "03-12ab")
    page.fill("#id_body", "長い相談内容。消えてはいけない。")
    page.click("button.primary")
    expect(page.locator(".has-error .error")).to_contain_text("電話番号の形式が正しくありません")
    expect(page.locator("#id_body")).to_have_value("長い相談内容。消えてはいけない。")
    expect(page.locator("#id_person_name")).to_have_value("見本 花子")
    assert not Case.objects.exists()
