"""Consultations the triage assistant judges urgent are marked as suggested in every list and come first.

A suggestion is shown as an outlined 「推定」 badge with 「AI による推定（未確定）」, visibly different from a
confirmed urgency (filled badge), until staff decide the category.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases import services
from madoguchi.cases.choices import Channel, Urgency
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import CALM_BODY, CALM_SUBJECT, EMOTET_BODY, EMOTET_SUBJECT

pytestmark = pytest.mark.django_db


def _ref(case) -> str:
    return f">{case.reference}</a>"


def _row(html: str, case) -> str:
    match = re.search(r"<tr[^>]*>(?:(?!</tr>).)*" + re.escape(_ref(case)) + r".*?</tr>", html, re.S)
    assert match, f"{case.reference} not listed"
    return match.group(0)


@pytest.fixture
def arrivals(tier1_staff):
    older = timezone.now() - dt.timedelta(hours=3)
    calm = make_case(actor=None, channel=Channel.WEB, subject=CALM_SUBJECT, body=CALM_BODY, received_at=older)
    web = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    mail = make_case(actor=None, channel=Channel.EMAIL, subject=EMOTET_SUBJECT + "（メール）", body=EMOTET_BODY)
    return calm, web, mail


def test_urgent_suggestion_is_marked_as_suggested_in_the_case_list(client_for, tier1_staff, arrivals):
    calm, web, mail = arrivals
    html = client_for(tier1_staff).get(reverse("cases:list")).content.decode()
    for case in (web, mail):
        row = _row(html, case)
        assert "推定: 至急" in row
        assert "AI による推定（未確定）" in row
        assert 'class="badge suggested urgent"' in row
        assert "推定: 緊急：セキュリティ侵害発生" in row
    calm_row = _row(html, calm)
    assert "推定: 至急" not in calm_row
    assert "推定: 対策全般（啓発関連）" in calm_row


def test_urgent_suggestions_come_first_on_the_dashboard(client_for, tier1_staff, arrivals):
    calm, web, mail = arrivals
    html = client_for(tier1_staff).get(reverse("cases:dashboard")).content.decode()
    front = html[html.index('id="front"') :]
    assert front.index(_ref(web)) < front.index(_ref(calm))
    assert front.index(_ref(mail)) < front.index(_ref(calm))
    assert "推定: 至急" in _row(front, web)


def test_a_decision_replaces_the_suggested_mark_with_the_confirmed_one(client_for, tier1_staff, arrivals):
    _calm, web, _mail = arrivals
    services.case_triage(
        actor=tier1_staff,
        case=web,
        expected_version=web.version,
        category="crime",
        urgency=Urgency.CRITICAL,
        police_referral=True,
    )
    row = _row(client_for(tier1_staff).get(reverse("cases:list")).content.decode(), web)
    assert "推定" not in row and "AI による推定（未確定）" not in row
    assert '<span class="badge urgent">至急</span>' in row


def test_a_decided_normal_case_no_longer_sorts_as_urgent(client_for, tier1_staff, arrivals):
    calm, web, _mail = arrivals
    services.case_triage(
        actor=tier1_staff,
        case=web,
        expected_version=web.version,
        category="general",
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
    html = client_for(tier1_staff).get(reverse("cases:dashboard")).content.decode()
    front = html[html.index('id="front"') :]
    assert front.index(_ref(calm)) < front.index(_ref(web)), "oldest first once both are normal"


def test_urgent_arrivals_have_their_own_first_section_on_the_dashboard(client_for, tier1_staff, arrivals):
    calm, web, mail = arrivals
    html = client_for(tier1_staff).get(reverse("cases:dashboard")).content.decode()
    first_section = re.search(r'<section class="card[^"]*" id="([a-z_]+)"', html)
    assert first_section and first_section.group(1) == "urgent"
    urgent = html[html.index('id="urgent"') : html.index("</section>", html.index('id="urgent"'))]
    assert _ref(web) in urgent and _ref(mail) in urgent
    assert _ref(calm) not in urgent
    assert "推定: 至急" in _row(urgent, web)


def test_the_urgent_section_leaves_once_first_response_is_made(client_for, tier1_staff, arrivals):
    _calm, web, mail = arrivals
    for case in (web, mail):
        services.case_add_note(actor=tier1_staff, case=case, kind="call_out", text="折り返し済み")
    html = client_for(tier1_staff).get(reverse("cases:dashboard")).content.decode()
    assert 'id="urgent"' not in html
