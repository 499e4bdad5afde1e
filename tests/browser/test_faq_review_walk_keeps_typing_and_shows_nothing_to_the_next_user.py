"""A desk worker reviews a masked FAQ draft: types into the mask field, gets a Japanese message next to it with the
typing kept, masks and unmasks a span without losing what is typed, leaves and comes back, reloads, logs out; the next
person on the same browser sees none of it. axe, Japanese-only text and connected error messages in every state."""

import re

import pytest
from playwright.sync_api import expect

from madoguchi.casebook.tests.helpers import closed_case
from madoguchi.knowledge import faq_services
from tests.browser.walk_helpers import check_state, form_values, visible_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALLOW = {"tier1", "tier2"}


def test_faq_review_walk(page, live_server, login, logout, tier1_staff, tier2_staff):
    case = closed_case(tier1=tier1_staff, subject="添付ファイルを開いてしまった")
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[case])
    url = f"{live_server.url}/staff/knowledge/faq/{faq.pk}/"
    page.on("dialog", lambda dialog: dialog.accept())

    login(page, "tier2")
    page.goto(url)
    expect(page.locator("#mask-spans")).to_be_visible()
    check_state(page, allow=ALLOW)

    # Empty input: a Japanese message next to the field.
    page.click("button:has-text('マスクする')")
    expect(page.locator(".mask-form .field.has-error .error")).to_contain_text("入力してください")
    check_state(page, allow=ALLOW)

    # A string that is not in the text: the message is next to the field and the typing survives.
    page.fill("#id_text", "架空の存在しない語句")
    page.select_option("#id_span_type", index=1)
    chosen = page.input_value("#id_span_type")
    page.click("button:has-text('マスクする')")
    expect(page.locator(".mask-form .field.has-error .error")).to_contain_text("見つかりませんでした")
    expect(page.locator("#id_text")).to_have_value("架空の存在しない語句")
    expect(page.locator("#id_span_type")).to_have_value(chosen)
    check_state(page, allow=ALLOW)

    # Mask a real string.
    page.fill("#id_text", "取引先")
    page.click("button:has-text('マスクする')")
    expect(page.locator(".messages")).to_contain_text("マスクしました")
    rows_before = page.locator("#mask-spans tbody tr").count()
    check_state(page, allow=ALLOW)

    # Typing in the mask field, then unmasking another span: the typing is still there afterwards.
    page.fill("#id_text", "経理")
    page.locator("#mask-spans button:has-text('マスクを外す')").first.click()
    expect(page.locator(".messages")).to_contain_text("マスクを外しました")
    assert page.locator("#mask-spans tbody tr").count() < rows_before
    expect(page.locator("#id_text")).to_have_value("経理")
    check_state(page, allow=ALLOW)

    # Reload, a link away and back, the browser's back button.
    page.reload()
    check_state(page, allow=ALLOW)
    page.click("a:has-text('よくある質問の一覧')")
    page.wait_for_url("**/staff/knowledge/faq/")
    check_state(page, allow=ALLOW)
    page.go_back()
    page.wait_for_url(re.compile(rf"/staff/knowledge/faq/{faq.pk}/(#masking)?$"))
    expect(page.locator("#mask-spans")).to_be_visible()
    page.click(f"a[href='/staff/knowledge/faq/{faq.pk}/versions/1/']")
    check_state(page, allow=ALLOW)
    page.goto(url)

    page.fill("#id_text", "架空の未保存の語句")
    logout(page)
    # Back after logout: the page is not shown again from the browser's cache.
    page.go_back()
    page.wait_for_url("**/accounts/login/**")
    assert "架空太郎" not in visible_text(page)
    assert "taro@sample-shoji.example.jp" not in page.content()

    # The next person on the same browser.
    login(page, "tier1")
    page.goto(url)
    expect(page.locator("#id_text")).to_have_value("")
    text = visible_text(page)
    assert "架空の未保存の語句" not in form_values(page) + text
    assert "経理" not in form_values(page)
    assert "マスクを外しました" not in text and "マスクしました" not in text
    check_state(page, allow=ALLOW)
