"""Issue 10: at 1366x768 the consultation, the triage suggestion and the next action for the case's status and
the user's role are on the first screen, without scrolling."""

import pytest
from playwright.sync_api import expect

from madoguchi.answers import services as answer_services
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.cases import services
from madoguchi.cases.choices import Channel, Urgency
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEIGHT = 768
# A long consultation, as web forms often are: the body must not push the suggestion or the action away.
LONG_BODY = (EMOTET_BODY + "\n") * 4


def assert_on_first_screen(locator):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, box


def test_tier1_new_web_case_shows_consultation_suggestion_and_accept_or_dispatch(
    page, live_server, login, tier1_staff, shot
):
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=LONG_BODY)
    login(page, tier1_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    assert page.evaluate("window.scrollY") == 0
    assert_on_first_screen(page.locator("h1", has_text=EMOTET_SUBJECT))
    consultation = page.locator("#consultation")
    assert_on_first_screen(consultation.locator("dd", has_text="Webフォーム"))
    assert_on_first_screen(consultation.locator("dd", has_text="株式会社サンプル商事"))
    assert_on_first_screen(consultation.locator("dd", has_text="架空 太郎"))
    # The start of the body (its first lines), not necessarily all of it.
    body_box = consultation.locator(".verbatim").bounding_box()
    assert body_box["y"] + 60 <= HEIGHT
    assert_on_first_screen(page.locator("#panel-triage h2"))
    assert_on_first_screen(page.locator("#panel-triage .suggestion .sg-category"))
    assert_on_first_screen(page.get_by_role("button", name="提案を採用", exact=True))
    assert_on_first_screen(page.locator(".primary-actions").get_by_role("button", name="回付する"))
    shot(page, "issue10-case-screen-front1-1366x768")


def test_tier2_dispatched_case_shows_handover_suggestion_and_take(
    page, live_server, login, tier1_staff, tier2_staff, shot
):
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=LONG_BODY)
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="urgent_breach",
        urgency=Urgency.HIGH,
        police_referral=True,
        note="EmoCheck で検出済み。先方は 17 時まで在席。\n取引先への注意喚起を急ぎたいとのこと。",
    )
    login(page, tier2_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    assert_on_first_screen(page.locator("h1", has_text=EMOTET_SUBJECT))
    assert_on_first_screen(page.locator("#handover .verbatim", has_text="EmoCheck で検出済み"))
    assert_on_first_screen(page.locator("#consultation h2"))
    assert_on_first_screen(page.locator("#panel-triage .suggestion .sg-category"))
    take = page.locator(".primary-actions").get_by_role("button", name="自分が担当する")
    assert_on_first_screen(take)
    shot(page, "issue10-case-screen-back1-1366x768")
    take.click()
    expect(page.locator(".messages")).to_contain_text("担当になりました")
    # In progress, the next action is the answer editor: beside the consultation, and the bar leads to it.
    assert page.evaluate("window.scrollY") == 0
    assert_on_first_screen(page.locator("#consultation h2"))
    # The editor starts on the first screen: its label and its first lines.
    assert_on_first_screen(page.locator("label[for=id_answer-measures]"))
    assert page.locator("#id_answer-measures").bounding_box()["y"] + 80 <= HEIGHT
    answer = page.locator(".primary-actions").get_by_role("link", name="回答を作成")
    assert_on_first_screen(answer)
    shot(page, "issue10-case-screen-back1-in-progress-1366x768")
    page.mouse.wheel(0, 3000)
    answer.click()
    assert_on_first_screen(page.locator("#id_answer-measures"))


def test_manager_reviews_an_answer_beside_the_consultation(page, live_server, login, tier1_staff, tier2_staff, manager):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    draft = answer_services.answer_save_draft(
        actor=tier2_staff, case=case, measures="振込先の変更は電話で確認してください。", referrals="", channel="email"
    )
    answer_services.answer_submit_for_approval(actor=tier2_staff, draft=draft)
    login(page, manager.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    assert_on_first_screen(page.locator("#consultation h2"))
    assert_on_first_screen(page.locator(".primary-actions").get_by_role("link", name="承認・差し戻し"))
    assert_on_first_screen(page.locator("#panel-answers .verbatim", has_text="振込先の変更は電話で確認してください。"))
    assert page.locator("#review-form").bounding_box()["y"] < HEIGHT
