"""The first-response target follows the triage suggestion until a person decides, then the decision."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from madoguchi.cases import services
from madoguchi.cases.choices import DEFAULT_TARGETS, Channel, Urgency
from madoguchi.cases.models import ResponseTarget
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import CALM_BODY, CALM_SUBJECT, EMOTET_BODY, EMOTET_SUBJECT

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
MONDAY_10 = dt.datetime(2026, 11, 30, 10, 0, tzinfo=TOKYO)


@pytest.fixture(autouse=True)
def desk_targets(db):
    for category, minutes in DEFAULT_TARGETS.items():
        ResponseTarget.objects.create(category=category, first_response_minutes=minutes)


def _emotet(channel=Channel.WEB):
    return make_case(actor=None, channel=channel, subject=EMOTET_SUBJECT, body=EMOTET_BODY, received_at=MONDAY_10)


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.EMAIL])
def test_urgent_suggestion_sets_the_urgent_target_on_arrival(channel):
    case = _emotet(channel)
    case.refresh_from_db()
    assert case.first_response_due_at == MONDAY_10 + dt.timedelta(minutes=30)


def test_calm_suggestion_sets_the_target_of_the_suggested_category():
    case = make_case(actor=None, channel=Channel.WEB, subject=CALM_SUBJECT, body=CALM_BODY, received_at=MONDAY_10)
    case.refresh_from_db()
    assert case.suggested_category == "general"
    # 16 business hours from Monday 10:00 (09:00–17:00 days) is Wednesday 10:00.
    assert case.first_response_due_at == dt.datetime(2026, 12, 2, 10, 0, tzinfo=TOKYO)


def test_the_decision_replaces_the_suggested_target(tier1_staff):
    case = _emotet()
    case = services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="general",
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
    assert case.first_response_due_at == dt.datetime(2026, 12, 2, 10, 0, tzinfo=TOKYO)


def test_a_decided_urgency_tightens_the_target_of_a_calm_category(tier1_staff):
    case = _emotet()
    case = services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="general",
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
    case = services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="general",
        urgency=Urgency.CRITICAL,
        police_referral=False,
    )
    assert case.first_response_due_at == MONDAY_10 + dt.timedelta(minutes=30)


def test_a_category_staff_chose_at_intake_is_not_overridden_by_the_suggestion(tier1_staff):
    case = make_case(
        actor=tier1_staff, subject=EMOTET_SUBJECT, body=EMOTET_BODY, category="general", received_at=MONDAY_10
    )
    case.refresh_from_db()
    assert case.first_response_due_at == dt.datetime(2026, 12, 2, 10, 0, tzinfo=TOKYO)
