"""A desk worker enters a guidebook request by phone, makes mistakes (Japanese message next to each field, typing
kept, messages announced with the field), changes its status, uses the shipping list and the stock screen, leaves and
comes back, reloads, logs out; the next person on the same browser sees none of the unsaved typing. axe, Japanese-only
text and connected error messages in every state."""

import pytest
from playwright.sync_api import expect

from madoguchi.outreach.models import GuidebookRequest
from madoguchi.outreach.tests.helpers import make_edition
from tests.browser.walk_helpers import check_state, form_values, visible_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALLOW = {"tier1", "tier2"}
TYPED = {
    "#id_copies": "５部",
    "#id_organization": "株式会社サンプル商事",
    "#id_department": "総務部",
    "#id_person_name": "架空 花子",
    "#id_postal_code": "１２３４",
    "#id_address": "大阪府大阪市北区梅田1-1-1",
    "#id_phone": "03-0000-0000",
    "#id_email": "hanako@sample-shoji.example.jp",
    "#id_purpose": "社内研修で配布するため",
}


def test_guidebook_request_desk_walk(page, live_server, login, logout, tier1_staff, tier2_staff):
    make_edition(stock=100, threshold=20)
    base = f"{live_server.url}/staff/outreach"
    page.on("dialog", lambda dialog: dialog.accept())

    login(page, "tier1")
    page.goto(f"{base}/requests/")
    check_state(page, allow=ALLOW)
    page.click("nav.subnav >> text=送付依頼の入力")
    page.wait_for_url(f"{base}/requests/new/")
    check_state(page, allow=ALLOW)

    # Every field typed, two of them wrong: the messages sit next to the fields and nothing typed is lost.
    for selector, value in TYPED.items():
        page.fill(selector, value)
    page.select_option("#id_prefecture", "東京都")
    page.click("button:has-text('登録する')")
    expect(page.locator(".field.has-error")).to_have_count(2)
    expect(page.locator(".field.has-error", has=page.locator("#id_postal_code"))).to_contain_text("7桁")
    expect(page.locator(".field.has-error", has=page.locator("#id_address"))).to_contain_text("一致しません")
    for selector, value in TYPED.items():
        expect(page.locator(selector)).to_have_value(value)
    expect(page.locator("#id_prefecture")).to_have_value("東京都")
    check_state(page, allow=ALLOW)

    page.fill("#id_postal_code", "163-8001")
    page.fill("#id_address", "新宿区西新宿2-8-1")
    page.click("button:has-text('登録する')")
    page.wait_for_url(f"{base}/requests/GB-*/")
    reference = GuidebookRequest.objects.get().reference
    expect(page.locator("#request-status")).to_have_text("受付")
    check_state(page, allow=ALLOW)

    # Status change: cancelling without a reason is refused next to the note, the choice is kept.
    page.select_option("#id_to", "cancelled")
    page.click("button:has-text('変更する')")
    expect(page.locator(".field.has-error", has=page.locator("#id_note"))).to_contain_text("理由")
    expect(page.locator("#id_to")).to_have_value("cancelled")
    check_state(page, allow=ALLOW)
    page.select_option("#id_to", "preparing")
    page.click("button:has-text('変更する')")
    expect(page.locator("#request-status")).to_have_text("発送準備")
    check_state(page, allow=ALLOW)
    # Then shipped without a date: refused next to the date, the note and method typed are kept.
    page.select_option("#id_to", "shipped")
    page.fill("#id_shipped_on", "")
    page.select_option("#id_shipping_method", "post")
    page.fill("#id_note", "架空の発送メモ")
    page.click("button:has-text('変更する')")
    expect(page.locator(".field.has-error", has=page.locator("#id_shipped_on"))).to_contain_text("発送日")
    expect(page.locator("#id_note")).to_have_value("架空の発送メモ")
    expect(page.locator("#id_shipping_method")).to_have_value("post")
    check_state(page, allow=ALLOW)

    # The shipping list: a bulk change with nothing selected keeps the choices made and says why, in Japanese.
    page.click("nav.subnav >> text=送付依頼・発送リスト")
    page.wait_for_url(f"{base}/requests/")
    page.select_option("#id_to", "shipped")
    page.select_option("#id_shipping_method", "letter_pack")
    page.click("button:has-text('状態を変更する')")
    expect(page.locator("main")).to_contain_text("依頼を1件以上選んでください。")
    expect(page.locator("#id_to")).to_have_value("shipped")
    expect(page.locator("#id_shipping_method")).to_have_value("letter_pack")
    check_state(page, allow=ALLOW)
    page.check(f"#select-{reference}")
    page.select_option("#id_to", "shipped")
    page.select_option("#id_shipping_method", "letter_pack")
    page.click("button:has-text('状態を変更する')")
    expect(page.locator(".messages")).to_contain_text("1件の状態を変更しました")
    page.select_option("#status-filter", "all")
    page.click("form.filters button")
    expect(page.locator("tbody")).to_contain_text("発送済")
    check_state(page, allow=ALLOW)

    # Away by link, back by the browser, reload.
    page.click(f"a:has-text('{reference}')")
    page.wait_for_url(f"{base}/requests/{reference}/")
    expect(page.locator("#request-status")).to_have_text("発送済")
    page.go_back()
    page.wait_for_url(f"{base}/requests/?status=all")
    page.reload()
    check_state(page, allow=ALLOW)

    # Unsaved typing, then logout.
    page.goto(f"{base}/requests/new/")
    page.fill("#id_organization", "架空の未保存組織")
    page.fill("#id_person_name", "未保存 太郎")
    logout(page)
    page.go_back()
    page.wait_for_url("**/accounts/login/**")
    assert "架空 花子" not in visible_text(page)

    # The next person: an empty form, and the stock screen (tier 2) with its own mistake.
    login(page, "tier2")
    page.goto(f"{base}/requests/new/")
    values = form_values(page)
    assert "架空の未保存組織" not in values and "未保存 太郎" not in values
    page.goto(f"{base}/editions/")
    check_state(page, allow=ALLOW)
    edition_input = page.locator("input[name=added]").first
    edition_input.fill("0")
    page.click("button:has-text('追加')")
    expect(page.locator("td .error")).to_contain_text("1")
    expect(page.locator("input[name=added]").first).to_have_value("0")
    check_state(page, allow=ALLOW)
    page.locator("input[name=added]").first.fill("30")
    page.click("button:has-text('追加')")
    expect(page.locator(".messages")).to_contain_text("在庫を追加しました")
    expect(page.locator("tbody")).to_contain_text("125")
    # New edition with a missing date: message next to it, typing kept.
    page.fill("#id_name", "2027年版 ガイドブック（架空）")
    page.fill("#id_stock", "200")
    page.click("button:has-text('登録する')")
    expect(page.locator(".field.has-error", has=page.locator("#id_published_on"))).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("2027年版 ガイドブック（架空）")
    check_state(page, allow=ALLOW)
