"""Issue 10: the reworked case screen (two-column top, sticky bar, handover note, classification filter) has no
WCAG 2.1 A/AA violations at 1366x768 and on a tablet, for tier 1 and tier 2; screenshots for review."""

import pytest
from playwright.sync_api import expect

from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.cases import services
from madoguchi.cases.choices import Channel, Urgency
from madoguchi.taxonomy import reference_loader
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT

from .axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(1366, 768), (768, 1024)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_tier1_new_web_case(page, live_server, login, tier1_staff, shot, width, height):
    reference_loader.load(force=False, stdout=None)
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    page.set_viewport_size({"width": width, "height": height})
    login(page, tier1_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    expect(page.locator("#case-bar")).to_be_visible()
    assert_no_axe_violations(page)
    shot(page, f"issue10-case-screen-front1-{width}x{height}-full")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_tier2_dispatched_case_with_filtered_picker(
    page, live_server, login, tier1_staff, tier2_staff, shot, width, height
):
    reference_loader.load(force=False, stdout=None)
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="urgent_breach",
        urgency=Urgency.HIGH,
        police_referral=True,
        note="EmoCheck で検出済み。先方は 17 時まで在席。",
    )
    page.set_viewport_size({"width": width, "height": height})
    login(page, tier2_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    expect(page.locator("#handover")).to_be_visible()
    page.get_by_role("searchbox", name="分類項目を絞り込む").fill("ランサム")
    assert_no_axe_violations(page)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, f"issue10-case-screen-back1-{width}x{height}-full")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_tier2_case_in_progress_with_the_answer_editor_on_top(
    page, live_server, login, tier1_staff, tier2_staff, shot, width, height
):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    page.set_viewport_size({"width": width, "height": height})
    login(page, tier2_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    expect(page.locator("#id_answer-measures")).to_be_visible()
    assert_no_axe_violations(page)
    shot(page, f"issue10-case-screen-back1-in-progress-{width}x{height}-full")
