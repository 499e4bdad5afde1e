"""The public 相談フォーム in real Chromium: input -> confirm -> done with Japanese text and a screenshot attached."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from madoguchi.intake.tests.fixtures.make_eml import tiny_png

BODY = "取引先を名乗るメールで振込先の変更を依頼されました。\n①本物かどうか確認する方法は？ ㈱サンプル商事 髙橋"


def _fill(page: Page, *, email: str = "hanako@sample-shoji.example.jp", consent: bool = True) -> None:
    page.get_by_label("組織名（会社名・団体名）").fill("株式会社サンプル商事")
    page.get_by_label("業種").select_option("I")
    page.get_by_label("従業員数").select_option("6-20")
    page.get_by_label("所在地（市区町村）").fill("港区")
    page.get_by_label("ご担当者のお名前").fill("髙橋 花子")
    page.get_by_label("電話番号").fill("０３－００００－００００")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("ご相談内容（何が起きたか、何を知りたいか）").fill(BODY)
    if consent:
        page.get_by_label("個人情報の取扱いに同意します").check()


@pytest.mark.django_db(transaction=True)
def test_consultation_from_input_to_reference_number(live_server, page: Page, shot, tmp_path, settings):
    settings.MADOGUCHI_DESK_NOTIFY = ["desk@example.jp"]
    screenshot = tmp_path / "警告画面.png"
    screenshot.write_bytes(tiny_png())
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/consult/")
    _fill(page)
    page.get_by_label("添付ファイル（任意）").set_input_files(str(screenshot))
    shot(page, "public_form_input")
    page.get_by_role("button", name="入力内容を確認する").click()

    expect(page.get_by_role("heading", name="入力内容の確認")).to_be_visible()
    expect(page.locator("#confirm-body")).to_have_text(BODY)
    expect(page.get_by_text("警告画面.png")).to_be_visible()
    shot(page, "public_form_confirm")
    page.get_by_role("button", name="送信する").click()

    expect(page.get_by_role("heading", name="ご相談を受け付けました")).to_be_visible()
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"20\d\d-\d{5}", reference)
    shot(page, "public_form_done")

    from madoguchi.cases.models import Case

    case = Case.objects.get(reference=reference)
    assert case.body == BODY
    assert case.person.phone == "03-0000-0000"
    assert [a.filename for a in case.attachments.all()] == ["警告画面.png"]


@pytest.mark.django_db(transaction=True)
def test_errors_are_summarised_linked_and_typed_text_is_kept(live_server, page: Page, shot):
    page.goto(f"{live_server.url}/consult/")
    _fill(page, email="hanako＠example", consent=False)
    page.get_by_role("button", name="入力内容を確認する").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("個人情報の取扱いに同意いただく必要があります。")
    expect(page.locator("#email-error")).to_contain_text("メールアドレスの形式が正しくありません")
    expect(page.get_by_label("ご担当者のお名前")).to_have_value("髙橋 花子")
    expect(page.get_by_label("ご相談内容（何が起きたか、何を知りたいか）")).to_have_value(BODY)
    shot(page, "public_form_errors")

    summary.get_by_role("link", name=re.compile("メールアドレス")).click()
    expect(page.get_by_label("メールアドレス")).to_be_focused()
    page.get_by_label("メールアドレス").fill("hanako@sample-shoji.example.jp")
    page.get_by_label("個人情報の取扱いに同意します").check()
    page.get_by_role("button", name="入力内容を確認する").click()
    expect(page.get_by_role("heading", name="入力内容の確認")).to_be_visible()

    page.get_by_role("button", name="入力画面に戻って修正する").click()
    expect(page.get_by_label("組織名（会社名・団体名）")).to_have_value("株式会社サンプル商事")
    expect(page.get_by_label("ご相談内容（何が起きたか、何を知りたいか）")).to_have_value(BODY)
