"""Issue 12, done when: a closed consultation becomes a masked FAQ draft, another person reviews and publishes it, the
public site shows it under both classification axes and finds it by search, and its answer is inserted into another
case's answer with the use counted. Every new page is axe-checked (desk at 1366 px, public pages also on a phone)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from madoguchi.cases import services as case_services
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import dispatched_case, make_case
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAL = ["架空 太郎", "株式会社サンプル商事", "03-0000-0000", "taro@sample-shoji.example.jp"]


@pytest.fixture
def axes(db):
    guide = Scheme.objects.create(
        code="tokyo_guidebook", name="都ガイドブック", source_url="https://example.jp/guide", as_of=dt.date(2024, 4, 1)
    )
    kokokara = Scheme.objects.create(
        code="ipa_kokokara",
        name="ここからセキュリティ！",
        source_url="https://example.jp/k",
        as_of=dt.date(2023, 11, 22),
    )
    return (
        Term.objects.create(scheme=guide, code="mission1_3", ref="1-3", label="パスワードの管理", order=1),
        Term.objects.create(scheme=kokokara, code="accident", label="ウイルスに感染したら", order=1),
    )


def test_closed_consultation_to_public_faq_and_back_into_an_answer(
    page, browser, live_server, login, logout, tier1_staff, tier2_staff, manager, axes
):
    case = make_case(
        actor=tier1_staff,
        subject="株式会社サンプル商事の架空 太郎です。パスワードを使い回していた",
        body="連絡先は03-0000-0000、taro@sample-shoji.example.jp です。全部のサービスで同じパスワードを使っていた。",
        category="prevention",
    )
    case = case_services.case_answer_at_front_and_close(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        answer="サービスごとに別の長いパスワードにし、多要素認証を有効にするよう案内した。",
    )
    other = case_services.case_take(
        actor=tier2_staff,
        case=dispatched_case(
            tier1=tier1_staff,
            subject="パスワードの管理について",
            email="jiro@example.jp",
            phone="03-0000-5555",
            org_name="見本印刷（架空）",
            person_name="見本 次郎",
        ),
    )

    # Tier 2 turns the closed consultation into a draft from the similar-consultations panel.
    login(page, "tier2")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    # The panel is filled in when the desk goes to it (static/js/deferred-panels.js).
    page.locator("#case-bar nav.jump").get_by_role("link", name="似た相談").click()
    page.click("#faq-from-cases-button")
    page.wait_for_url("**/staff/knowledge/faq/*/")
    content = page.locator("#masking")
    expect(content.locator("mark.masked").first).to_be_visible()
    for value in PERSONAL:
        expect(page.locator(".faq-text").first).not_to_contain_text(value)
    assert_no_axe_violations(page)
    faq_url = page.url

    # Generalise: title, public, both classification axes.
    page.click("a:has-text('編集する')")
    page.fill("#id_title", "パスワードを使い回しているが大丈夫か")
    page.select_option("#id_visibility", "public")
    page.select_option("#id_terms", [str(axes[0].pk), str(axes[1].pk)])
    page.fill("#id_keywords", "パスワード、多要素認証")
    assert_no_axe_violations(page)
    page.click("button:has-text('保存')")
    page.wait_for_url(faq_url)
    page.click("a[href$='/versions/2/']")
    expect(page.locator("tr.diff-added").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(faq_url)
    page.click("#faq-submit-review")
    expect(page.locator("#faq-status")).to_have_text("確認待ち")
    # The author cannot approve it.
    expect(page.locator("#faq-approve")).to_have_count(0)

    # Useful links (Web掲載内容): staff CRUD.
    page.goto(f"{live_server.url}/staff/knowledge/links/new/")
    assert_no_axe_violations(page)
    page.fill("#id_title", "見本機構の中小企業向け対策集")
    page.fill("#id_url", "https://example.jp/material")
    page.fill("#id_publisher", "見本機構（架空）")
    page.fill("#id_summary", "中小企業がまず取り組む対策を一覧にした資料。")
    page.fill("#id_checked_on", "2026-12-01")
    page.click("button:has-text('保存')")
    page.wait_for_url("**/staff/knowledge/links/")
    assert_no_axe_violations(page)
    logout(page)

    # The manager reviews the masking and publishes.
    login(page, "manager")
    page.goto(faq_url)
    expect(page.locator("#mask-spans")).to_be_visible()
    assert_no_axe_violations(page)
    page.click("#faq-approve")
    expect(page.locator("#faq-status")).to_have_text("公開中")
    expect(page.locator("#faq-reviewer")).to_have_text("課長 三郎")
    page.goto(f"{live_server.url}/staff/knowledge/faq/")
    assert_no_axe_violations(page)

    # The public site, on a phone, without login.
    public = browser.new_context(locale="ja-JP", viewport={"width": 375, "height": 740}).new_page()
    public.goto(f"{live_server.url}/faq/")
    assert_no_axe_violations(public)
    for term in axes:
        public.goto(f"{live_server.url}/faq/")
        public.click(f"a[href='/faq/{term.scheme.code}/{term.code}/']")
        expect(public.locator("main")).to_contain_text("パスワードを使い回しているが大丈夫か")
        assert_no_axe_violations(public)
    public.goto(f"{live_server.url}/faq/")
    public.fill("#faq-q", "パスワード")
    public.click("form.faq-search button")
    public.wait_for_url("**/faq/search/?q=*")
    assert_no_axe_violations(public)
    public.click("a:has-text('使い回しているが大丈夫か')")
    expect(public.locator("h1")).to_have_text("パスワードを使い回しているが大丈夫か")
    for value in PERSONAL:
        expect(public.locator("main")).not_to_contain_text(value)
    assert public.locator("script[type='application/ld+json']").count() == 1
    assert_no_axe_violations(public)
    public.goto(f"{live_server.url}/links/")
    expect(public.locator("main")).to_contain_text("見本機構の中小企業向け対策集")
    assert_no_axe_violations(public)
    public.context.close()

    # Back at the desk: the FAQ answer goes into another case's answer, and the use is counted.
    page.goto(f"{live_server.url}{other.get_absolute_url()}")
    page.select_option("#faq-insert-select", label="パスワードを使い回しているが大丈夫か")
    page.click("#faq-insert-button")
    expect(page.locator("#id_answer-measures")).to_have_value(
        "サービスごとに別の長いパスワードにし、多要素認証を有効にするよう案内した。"
    )
    page.goto(faq_url)
    expect(page.locator("#faq-use-count")).to_contain_text("回答に1回使われました")
    expect(page.locator("#usage")).to_contain_text(other.reference)
