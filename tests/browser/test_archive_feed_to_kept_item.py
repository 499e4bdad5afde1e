"""Issue 12 (archive): a specialist subscribes to a feed, fetch_feeds fills the inbox, they summarise and keep an item,
link it to a consultation and find it in the archive and in search. Every archive page passes axe (WCAG 2.1 AA)."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from madoguchi.knowledge.models import ArchiveItem
from madoguchi.knowledge.tests.archive_feed_server import feed_server
from madoguchi.testing.factories import make_case
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_feed_inbox_keep_link_and_find(page, live_server, login, tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff, subject="VPN 装置の更新について相談したい")
    with feed_server() as server:
        feed_url = server.serve_file("/alerts.xml", "rss2.xml")
        login(page, "tier2")
        page.goto(f"{live_server.url}/staff/knowledge/archive/feeds/")
        assert_no_axe_violations(page)
        page.fill("#id_title", "サンプル注意喚起")
        page.fill("#id_url", feed_url)
        page.click("button.primary")
        expect(page.locator("#feeds")).to_contain_text("サンプル注意喚起")
        call_command("fetch_feeds", stdout=StringIO(), stderr=StringIO())

    page.click("text=フィードの受信箱")
    expect(page.locator("#feed-inbox")).to_contain_text("VPN 機器の脆弱性に関する注意喚起")
    assert_no_axe_violations(page)

    page.locator("#feed-inbox li", has_text="VPN 機器の脆弱性").locator("text=要約して保存").click()
    expect(page.locator("#id_url")).to_have_value("https://alerts.example.jp/2026/vpn.html")
    page.click("button.primary")  # no summary yet: refused next to the field
    expect(page.locator("#id_summary_error")).to_be_visible()
    assert_no_axe_violations(page)
    page.fill("#id_summary", "架空の VPN 装置に認証回避の脆弱性。更新版の適用を案内する。")
    page.fill("#id_tags", "VPN")
    page.click("button.primary")

    expect(page.locator("#summary-text")).to_contain_text("認証回避の脆弱性")
    page.fill("#id_case-reference", case.reference)
    page.click("text=相談案件とリンクする")
    expect(page.locator("#linked-cases")).to_contain_text(case.reference)
    assert_no_axe_violations(page)
    assert list(ArchiveItem.objects.get().cases.all()) == [case]

    page.click("header >> text=情報アーカイブ")
    expect(page.locator("#archive-items")).to_contain_text("VPN 機器の脆弱性に関する注意喚起")
    assert_no_axe_violations(page)
    page.click("text=記事・資料を登録する")
    page.wait_for_url("**/staff/knowledge/archive/new/")
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/staff/knowledge/search/?q=認証回避&kind=article")
    expect(page.locator(".search-results")).to_contain_text("VPN 機器の脆弱性に関する注意喚起")
