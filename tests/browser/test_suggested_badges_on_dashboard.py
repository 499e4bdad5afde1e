"""Issue 10 in a real browser: an urgent web arrival is first on the dashboard with an outlined 推定 badge,
visibly different from a confirmed (filled) urgency badge."""

import pytest
from playwright.sync_api import expect

from madoguchi.cases import services
from madoguchi.cases.choices import Channel, Urgency
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import CALM_BODY, CALM_SUBJECT, EMOTET_BODY, EMOTET_SUBJECT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _style(locator, prop):
    return locator.evaluate(f"el => getComputedStyle(el).{prop}")


def test_urgent_suggestion_first_and_outlined(page, live_server, login, tier1_staff, shot):
    make_case(actor=None, channel=Channel.WEB, subject=CALM_SUBJECT, body=CALM_BODY)
    suggested = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    decided = make_case(actor=tier1_staff, subject="至急と判断済みの案件", body="サーバーが停止して業務ができない。")
    services.case_triage(
        actor=tier1_staff,
        case=decided,
        expected_version=decided.version,
        category="urgent_outage",
        urgency=Urgency.CRITICAL,
        police_referral=False,
    )
    login(page, tier1_staff.username)
    first = page.locator("main section.card").first
    expect(first).to_have_id("urgent")
    badge = first.locator(f"tr:has(a:text-is('{suggested.reference}')) .badge.suggested.urgent")
    expect(badge).to_have_text("AI による推定（未確定）: 推定: 至急")
    expect(badge).to_have_attribute("title", "AI による推定（未確定）")
    filled = first.locator(f"tr:has(a:text-is('{decided.reference}')) .badge.urgent").first
    assert _style(badge, "borderTopStyle") == "dashed"
    assert _style(badge, "backgroundColor") == "rgb(255, 255, 255)"
    assert _style(filled, "borderTopStyle") != "dashed"
    assert _style(filled, "backgroundColor") != "rgb(255, 255, 255)"
    shot(page, "issue10-dashboard-suggested-urgent")
