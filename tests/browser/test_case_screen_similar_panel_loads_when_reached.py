"""In a real browser: the similar-consultations panel is filled in when the desk worker goes to it (the jump menu,
or scrolling), and without JavaScript its link opens it as a page of its own; no axe violations in any state."""

import pytest
from playwright.sync_api import expect

from madoguchi.testing.factories import alike_cases, dispatched_case
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_jump_menu_brings_the_panel(page, live_server, login, tier1_staff):
    past, new = alike_cases(actor=tier1_staff)
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/panels/" in r.url else None)
    login(page, tier1_staff.username)
    page.goto(f"{live_server.url}{new.get_absolute_url()}")
    expect(page.locator("#case-bar")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#case-bar nav.jump").get_by_role("link", name="似た相談").click()
    panel = page.locator("#panel-similar #similar")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name=past.reference)).to_be_visible()
    expect(page.locator("#panel-similar .deferred-panel")).to_have_count(0)
    assert len(fetched) == 1, fetched
    assert_no_axe_violations(page)
    # The panel's links work like any other: the past case opens.
    panel.get_by_role("link", name=past.reference).click()
    expect(page.locator("h1")).to_contain_text(past.subject)


def test_the_next_user_gets_their_own_panel(page, live_server, login, logout, tier1_staff, other_tier1_staff):
    past, new = alike_cases(actor=tier1_staff)
    # A back-office case of tier1_staff's, as alike as the past one: the other front-line member may not see it.
    hidden = dispatched_case(
        tier1=tier1_staff,
        subject="偽のウイルス警告が出て電話した",
        body="偽のウイルス警告が表示され、電話したら遠隔操作ソフトを入れるよう言われた。",
        email="hidden@example.jp",
        phone="03-0000-3333",
        org_name="見本商会",
    )
    login(page, tier1_staff.username)
    page.goto(f"{live_server.url}{new.get_absolute_url()}")
    page.locator("#case-bar nav.jump").get_by_role("link", name="似た相談").click()
    panel = page.locator("#panel-similar #similar")
    expect(panel.get_by_role("link", name=hidden.reference)).to_be_visible()
    logout(page)
    login(page, other_tier1_staff.username)
    page.goto(f"{live_server.url}{new.get_absolute_url()}")
    page.locator("#case-bar nav.jump").get_by_role("link", name="似た相談").click()
    expect(panel.get_by_role("link", name=past.reference)).to_be_visible()
    expect(panel).not_to_contain_text(hidden.reference)


def test_without_javascript_the_link_opens_the_panel(browser, live_server, login, tier1_staff):
    past, new = alike_cases(actor=tier1_staff)
    context = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 768}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, tier1_staff.username)
        page.goto(f"{live_server.url}{new.get_absolute_url()}")
        page.get_by_role("link", name="「似た相談」を開く").click()
        expect(page.locator("h1")).to_contain_text("似た相談")
        expect(page.locator("#similar").get_by_role("link", name=past.reference)).to_be_visible()
        page.get_by_role("link", name=f"← {new.reference} に戻る").click()
        expect(page.locator("h1")).to_contain_text(new.subject)
    finally:
        context.close()


def test_a_failed_fetch_says_so_and_keeps_the_link(page, live_server, login, tier1_staff):
    _past, new = alike_cases(actor=tier1_staff)
    login(page, tier1_staff.username)
    page.route("**/panels/similar/", lambda route: route.fulfill(status=500, body="error"))
    page.goto(f"{live_server.url}{new.get_absolute_url()}")
    page.locator("#case-bar nav.jump").get_by_role("link", name="似た相談").click()
    placeholder = page.locator("#panel-similar .deferred-panel")
    expect(placeholder.locator("[role=status]")).to_have_text("読み込めませんでした。下のリンクから開いてください。")
    expect(placeholder.get_by_role("link", name="「似た相談」を開く")).to_be_visible()
    assert_no_axe_violations(page)
