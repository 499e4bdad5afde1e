"""A specialist writes a case study from a consultation, a guidebook revision proposal and a know-how report, makes
mistakes on each (Japanese message next to the field, typing kept), leaves and comes back, reloads, logs out; the
manager on the same browser sees none of the unsaved typing and gets the messages next to the fields too. axe,
Japanese-only text and connected error messages in every state."""

import pytest
from playwright.sync_api import expect

from madoguchi.casebook.models import RevisionProposal
from madoguchi.casebook.tests.helpers import closed_case, guidebook
from tests.browser.walk_helpers import check_state, form_values, visible_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALLOW = {"tier1", "tier2", "manager"}


def test_casebook_writing_walk(page, live_server, login, logout, tier1_staff, tier2_staff, manager):
    guidebook()
    case = closed_case(tier1=tier1_staff, subject="取引先を装ったメールの添付を開いた")
    base = f"{live_server.url}/staff/casebook"
    page.on("dialog", lambda dialog: dialog.accept())

    login(page, "tier2")
    page.goto(f"{base}/")
    check_state(page, allow=ALLOW)
    # A reference that does not exist: a message next to the box, the typing kept (not an error page).
    page.fill("#start-reference", "W-2026-99999")
    page.click("text=事例を作成する")
    expect(page.locator(".field.has-error", has=page.locator("#start-reference"))).to_contain_text("受付番号")
    expect(page.locator("#start-reference")).to_have_value("W-2026-99999")
    check_state(page, allow=ALLOW)
    page.fill("#start-reference", case.reference)
    page.click("text=事例を作成する")
    page.wait_for_url(f"**/staff/casebook/from/{case.reference}/")
    check_state(page, allow=ALLOW)

    # The case study: the title emptied by mistake; everything else typed stays.
    page.fill("#id_title", "")
    page.fill("#id_company_actions", "全体スキャンを行い、パスワードを変えた。")
    page.fill("#id_lessons", "添付を開く前に送信元を電話で確かめる。")
    page.click("button.primary")
    expect(page.locator(".field.has-error", has=page.locator("#id_title")).locator(".error")).to_be_visible()
    expect(page.locator("#id_company_actions")).to_have_value("全体スキャンを行い、パスワードを変えた。")
    expect(page.locator("#id_lessons")).to_have_value("添付を開く前に送信元を電話で確かめる。")
    check_state(page, allow=ALLOW)
    page.fill("#id_title", "添付ファイルを開いてしまった経理担当")
    page.click("button.primary")
    page.wait_for_url("**/staff/casebook/*/")
    check_state(page, allow=ALLOW)

    # A guidebook revision proposal with the reason missing, then complete: a new row.
    page.click("nav.subnav a:text-is('ガイドブックの改訂提案')")
    page.wait_for_url(f"{base}/guidebook/")
    page.select_option("#id_section", index=1)
    page.fill("#id_title", "添付ファイルの確認手順を追記")
    page.fill("#id_change", "送信元を電話で確かめる手順を加える。")
    page.fill("#id_source_urls", "https://guidebook.example.jp/revision")
    page.click("text=提案を登録する")
    expect(page.locator(".field.has-error", has=page.locator("#id_reason")).locator(".error")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("添付ファイルの確認手順を追記")
    expect(page.locator("#id_change")).to_have_value("送信元を電話で確かめる手順を加える。")
    expect(page.locator("#id_source_urls")).to_have_value("https://guidebook.example.jp/revision")
    check_state(page, allow=ALLOW)
    page.fill("#id_reason", "相談で同じ事例が続いたため。")
    page.click("text=提案を登録する")
    expect(page.locator(".messages")).to_contain_text("改訂提案を登録しました")
    expect(page.locator("main")).to_contain_text("添付ファイルの確認手順を追記")
    check_state(page, allow=ALLOW)

    # A know-how report with the body missing.
    page.goto(f"{base}/knowhow/new/")
    page.fill("#id_title", "架空セミナーの報告")
    page.fill("#id_counterpart", "見本協会（架空）")
    page.click("button.primary")
    expect(page.locator(".field.has-error", has=page.locator("#id_body")).locator(".error")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("架空セミナーの報告")
    expect(page.locator("#id_counterpart")).to_have_value("見本協会（架空）")
    check_state(page, allow=ALLOW)
    page.fill("#id_body", "標的型メールの最新の手口を学んだ。")
    page.click("button.primary")
    page.wait_for_url("**/staff/casebook/knowhow/?month=*")
    check_state(page, allow=ALLOW)

    # A link away and back, the browser's back button, reload.
    page.click("nav.subnav a:text-is('事例集')")
    page.go_back()
    page.wait_for_url("**/staff/casebook/knowhow/?month=*")
    page.reload()
    check_state(page, allow=ALLOW)

    # Unsaved typing on the case-study page, then logout.
    page.goto(f"{base}/from/{case.reference}/")
    page.fill("#id_title", "架空の未保存の題名")
    logout(page)
    page.go_back()
    page.wait_for_url("**/accounts/login/**")
    assert "架空太郎" not in visible_text(page)

    # The manager on the same browser: nothing of it; deciding without a reason says so next to the field.
    login(page, "manager")
    page.goto(f"{base}/from/{case.reference}/")
    assert "架空の未保存の題名" not in form_values(page)
    expect(page.locator("#id_title")).to_have_value(case.subject)
    proposal = RevisionProposal.objects.get()
    page.goto(f"{base}/guidebook/")
    page.select_option(f"#decide-status-{proposal.pk}", "declined")
    page.click(f"form[action$='/proposals/{proposal.pk}/decide/'] button")
    box = page.locator(f"form[action$='/proposals/{proposal.pk}/decide/']")
    expect(box.locator(".error")).to_contain_text("理由")
    expect(page.locator(f"#decide-status-{proposal.pk}")).to_have_value("declined")
    check_state(page, allow=ALLOW)
    page.fill(f"#decide-note-{proposal.pk}", "次の改訂でまとめて扱う。")
    page.select_option(f"#decide-status-{proposal.pk}", "declined")
    page.click(f"form[action$='/proposals/{proposal.pk}/decide/'] button")
    expect(page.locator(".messages")).to_contain_text("改訂提案の状態を変更しました")
    check_state(page, allow=ALLOW)
