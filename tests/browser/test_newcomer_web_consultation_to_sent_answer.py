"""Issue 10's walk on the demo desk: a citizen's urgent web consultation reaches the answer mail without losing a
character, and the urgent case is at the top of the dashboard — public form, front1, back1, manager1, real SMTP.

Part ① is compared character for character in the editor after the referral insert, in the mail preview and in the
mail the real SMTP server received (MIME-decoded)."""

from email import message_from_bytes, policy

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from madoguchi.cases.models import Case
from madoguchi.testing.servers import smtp_server  # noqa: F401 (fixture)
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_case_screen_above_the_fold import assert_on_first_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "takahashi@kakuu-buhin.example.jp"
BODY = (
    "本日朝、取引先を装ったメールの添付ファイル（Word）を開き、マクロを有効にしてしまいました。\n"
    "その後、社内のPCから取引先や顧客に不審なメールが大量に送信されています。EmoCheckでEmotetが検出されました。\n"
    "さらに、弊社を名乗るメールで顧客に「振込先が変わった」と送金を依頼する文面が届いているそうです。\n"
    "警察にも相談したいと考えています。至急、何をすべきか教えてください。"
)
# Characters that break naive systems: HTML specials, wave dash, 髙 and 𠮷 (outside the BMP), a query string.
PART_ONE = (
    "1. 感染したPCをＬＡＮケーブル＆Wi-Fiから外してください（電源は切らずに）。\n"
    '2. 取引先・顧客へ「弊社を名乗る不審メールに注意」と連絡を。件名例: "【注意】弊社を装ったメール"\n'
    "3. 髙橋様の端末と𠮷田様の端末は EmoCheck を再実行し、結果を保存してください。\n"
    "4. 手順書: https://www.example.jp/emotet?a=1&b=2 を参照〜。<script>alert('x')</script> のような"
    "文字列がメールにあっても開かないでください。\n"
    "\n"
    "5. 送金依頼を受けた顧客には、既知の電話番号で確認するよう伝えてください。O'Reilly & Sons 様にも同様に。"
)
HANDOVER = "Emotet感染、顧客に送金依頼メールが出ている。警察相談の希望あり。先方は17時まで在席。"


def _citizen_sends_consultation(page: Page, live_server) -> str:
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="サイト内の案内").get_by_role("link", name="相談フォーム").click()
    page.get_by_label("組織名（会社名・団体名）").fill("株式会社架空部品製作所")
    page.get_by_label("業種").select_option("E")
    page.get_by_label("従業員数").select_option("21-50")
    page.get_by_label("所在地（市区町村）").fill("大田区")
    page.get_by_label("ご担当者のお名前").fill("髙橋 架空")
    page.get_by_label("電話番号").fill("03-0000-9876")
    page.get_by_label("メールアドレス").fill(EMAIL)
    page.get_by_label("ご相談内容（何が起きたか、何を知りたいか）").fill(BODY)
    page.get_by_label("個人情報の取扱いに同意します").check()
    page.get_by_role("button", name="入力内容を確認する").click()
    expect(page.locator("#confirm-body")).to_have_text(BODY)
    page.get_by_role("button", name="送信する").click()
    expect(page.get_by_role("heading", name="ご相談を受け付けました")).to_be_visible()
    return page.locator("#reference").inner_text()


def test_web_consultation_to_sent_answer(page, live_server, login, logout, shot, smtp_server):  # noqa: F811
    call_command("setup_desk", verbosity=0)
    call_command("seed_demo", verbosity=0)

    # 1. The citizen, anonymous, on the public site.
    reference = _citizen_sends_consultation(page, live_server)
    case = Case.objects.get(reference=reference)
    assert case.body == BODY
    assert case.suggested_urgency is not None and case.suggested_urgency >= 2, case.suggested_urgency

    # 2. front1: the new case is in the urgent section at the top, in queue order, with the outlined 推定 badge.
    login(page, "front1", "demo-front-2026!")
    urgent = page.locator("main section.card").first
    expect(urgent).to_have_id("urgent")
    rows = urgent.locator("tbody tr")
    listed = [rows.nth(i).locator("a").first.inner_text() for i in range(rows.count())]
    # The urgent section is the first card; inside it the documented queue order holds: effective urgency
    # (the suggestion counts while undecided), then oldest waiting first. On the demo desk one seeded phone
    # case (on hold, suggested 至急, older) is equally urgent, so it stays ahead; every other seeded case is in the
    # sections below.
    ahead = Case.objects.filter(reference__in=listed[: listed.index(reference)])
    assert all(c.effective_urgency >= case.effective_urgency and c.received_at < case.received_at for c in ahead)
    assert [c.subject for c in ahead] == ["社内サーバーに全員アクセスできない"], listed
    new_row = rows.nth(listed.index(reference))
    expect(new_row.locator(".badge.suggested.urgent")).to_be_visible()
    shot(page, "newcomer-web-01-dashboard-front1")
    assert_no_axe_violations(page)

    new_row.locator("a", has_text=reference).click()
    expect(page.locator("h1 .ref")).to_have_text(reference)
    assert_on_first_screen(page.locator("#panel-triage .suggestion .sg-category"))
    dispatch = page.locator(".primary-actions").get_by_role("button", name="回付する")
    assert_on_first_screen(dispatch)
    shot(page, "newcomer-web-02-case-front1")
    assert_no_axe_violations(page)
    # The dispatch form starts from the suggestion.
    form = page.locator("#dispatch-form")
    expect(form.locator("select[name=dispatch-category]")).to_have_value(case.suggested_category)
    expect(form.locator("select[name=dispatch-urgency]")).to_have_value(str(case.suggested_urgency))
    if case.suggested_police:
        expect(form.locator("input[name=dispatch-police_referral]")).to_be_checked()
    form.locator("textarea[name=dispatch-note]").fill(HANDOVER)
    dispatch.click()
    expect(page.locator(".messages")).to_contain_text("二次対応へ回付しました")
    logout(page)

    # 3. back1 takes it; the handover note is at the top; part ① survives the referral insert.
    login(page, "back1", "demo-back-2026!")
    page.click(f"#pool >> text={reference}")
    page.locator(".primary-actions").get_by_role("button", name="自分が担当する").click()
    expect(page.locator(".messages")).to_contain_text("担当になりました")
    assert_on_first_screen(page.locator("#handover .verbatim", has_text=HANDOVER))
    measures = page.locator("#id_answer-measures")
    measures.fill(PART_ONE)
    page.evaluate("window.__sameDocument = true")
    boxes = page.locator("#referral-insert-form input[name=organizations]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.click("button:has-text('選んだ紹介先を回答の②に入れる')")
    part_two = page.locator("#id_answer-referrals")
    expect(part_two).not_to_have_value("")
    assert page.evaluate("window.__sameDocument") is True  # inserted in place, no reload
    assert part_two.input_value().count("■ ") == 2, part_two.input_value()
    assert measures.input_value() == PART_ONE
    referrals = part_two.input_value()
    page.select_option("#id_answer-channel", "email")
    shot(page, "newcomer-web-03-answer-back1")
    assert_no_axe_violations(page)

    # A police-worthy case needs a manager's approval before the answer goes out.
    case.refresh_from_db()
    assert case.police_referral
    expect(page.locator("#answer-send")).to_have_count(0)
    page.click("#answer-submit")
    expect(page.locator(".draft-status")).to_have_text("承認待ち")
    logout(page)
    login(page, "manager1", "demo-manager-2026!")
    page.click(f"#approvals >> text={reference}")
    page.fill("#review-form textarea[name=review-comment]", "内容を確認しました")
    page.click("#review-form button[value=approve]")
    expect(page.locator(".messages")).to_contain_text("承認しました")
    logout(page)
    login(page, "back1", "demo-back-2026!")
    page.goto(f"{live_server.url}/staff/cases/{reference}/")

    page.get_by_role("button", name="回答をメールで送付する").click()
    preview = page.locator("#answer-preview")
    expect(preview).to_be_visible()
    subject = preview.locator(".preview-subject").inner_text()
    assert reference in subject
    expect(preview.locator(".preview-to")).to_have_text(EMAIL)
    body = preview.locator(".preview-body").text_content()
    assert PART_ONE in body and referrals in body
    shot(page, "newcomer-web-04-preview")
    page.click("#answer-confirm-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("回答メールを送信待ちに入れました")

    # 4. The outbox sends through the real SMTP server; the consulter receives exactly what was typed.
    call_command("send_outbox", verbosity=0)
    [raw] = [
        raw
        for _from, rcpts, raw in smtp_server.messages
        # Python's mail folding puts the long encoded subject on a continuation line: compare it unfolded.
        if EMAIL in rcpts and message_from_bytes(raw, policy=policy.default)["Subject"].strip() == subject
    ]
    received = message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert PART_ONE in received
    assert referrals in received

    # 5. The timeline says the answer was sent.
    page.goto(f"{live_server.url}/staff/cases/{reference}/")
    expect(page.locator("#timeline .ev-answer_sent")).to_contain_text("回答送付")
    shot(page, "newcomer-web-05-timeline")
