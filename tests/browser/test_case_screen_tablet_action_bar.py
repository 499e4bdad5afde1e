"""Issue 10 on a tablet (768x1024): the case's next action and the jump menu stay on screen in a sticky bar,
even at the bottom of a long case screen, and its buttons do the work."""

import pytest
from playwright.sync_api import expect

from madoguchi.cases import services
from madoguchi.cases.choices import Channel, Urgency
from madoguchi.cases.models import Case
from madoguchi.cases.workflow import Status
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 768, 1024


@pytest.fixture
def tablet(page):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    return page


AT_BOTTOM = "window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1"


def scroll_to_bottom(page):
    # Going down brings the deferred similar-consultations panel (static/js/deferred-panels.js), which makes the
    # page longer: scroll again until the bottom stays where it is. (page.evaluate, not wait_for_function: the
    # page's Content-Security-Policy forbids the string evaluation wait_for_function polls with.)
    for _ in range(5):
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_load_state("networkidle")
        if page.evaluate(AT_BOTTOM):
            break
    assert page.evaluate(AT_BOTTOM), "the page kept growing"
    assert page.evaluate("window.scrollY") > HEIGHT  # a long page: the bar would be off screen if it scrolled away


def assert_in_window(locator):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box


def test_tier1_dispatches_from_the_bar_at_the_bottom_of_the_page(tablet, live_server, login, tier1_staff, shot):
    page = tablet
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=(EMOTET_BODY + "\n") * 4)
    login(page, tier1_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    scroll_to_bottom(page)
    bar = page.locator("#case-bar")
    assert_in_window(bar)
    assert_in_window(bar.get_by_role("navigation", name="案件内の移動").get_by_role("link", name="受付内容"))
    dispatch = bar.get_by_role("button", name="回付する")
    assert_in_window(dispatch)
    # The bar's button submits the dispatch form in the action column, which starts from the suggestion.
    page.fill("#act-dispatch textarea[name=dispatch-note]", "タブレットから回付。先方は在席中。")
    scroll_to_bottom(page)
    dispatch.click()
    expect(page.locator(".messages")).to_contain_text("二次対応へ回付しました")
    case.refresh_from_db()
    assert case.status == Status.DISPATCHED
    assert case.category == "urgent_breach"  # the suggestion the form started from
    assert case.events.filter(kind="dispatch", text="タブレットから回付。先方は在席中。").exists()


def test_bar_link_opens_and_shows_the_dispatch_form(tablet, live_server, login, tier1_staff):
    page = tablet
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    login(page, tier1_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    page.locator("#act-dispatch summary").click()  # the user closed it
    expect(page.locator("#act-dispatch textarea[name=dispatch-note]")).to_be_hidden()
    scroll_to_bottom(page)
    page.locator("#case-bar").get_by_role("link", name="回付内容を確認").click()
    assert_in_window(page.locator("#act-dispatch select[name=dispatch-category]"))


def test_tier2_takes_the_case_from_the_bar_and_jumps_to_the_answer(
    tablet, live_server, login, tier1_staff, tier2_staff, shot
):
    page = tablet
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)

    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="urgent_breach",
        urgency=Urgency.HIGH,
        police_referral=False,
        note="至急。",
    )
    login(page, tier2_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    scroll_to_bottom(page)
    take = page.locator("#case-bar").get_by_role("button", name="自分が担当する")
    assert_in_window(take)
    take.click()
    expect(page.locator(".messages")).to_contain_text("担当になりました")
    assert Case.objects.get(pk=case.pk).assignee == tier2_staff
    scroll_to_bottom(page)
    answer = page.locator("#case-bar").get_by_role("link", name="回答を作成")
    assert_in_window(answer)
    answer.click()
    assert_in_window(page.locator("#id_answer-measures"))
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
