"""Issue 9.2 / 10: whether an answer needs approval is decided when it is sent or recorded, from the case then."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from madoguchi.answers import outbox, services
from madoguchi.answers.models import AnswerStatus, OutboundEmail, OutboundKind
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category, Urgency
from madoguchi.cases.models import DeskRules
from madoguchi.core.errors import DomainError

pytestmark = pytest.mark.django_db

UNAPPROVED = "管理職の承認を受けてから送付してください"


def _retriage(case, actor, *, category, police=False):
    return case_services.case_triage(
        actor=actor,
        case=case,
        expected_version=case.version,
        category=category,
        urgency=Urgency.HIGH,
        police_referral=police,
    )


def test_retriage_to_an_approval_category_after_drafting_blocks_an_unapproved_send(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, category=Category.URGENT_BREACH)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策", referrals="", channel="email")
    _retriage(case, tier2_staff, category=Category.CRIME)
    with pytest.raises(DomainError, match=UNAPPROVED):
        services.answer_send(actor=tier2_staff, draft=draft)
    draft.refresh_from_db()
    assert draft.status == AnswerStatus.DRAFT
    assert not OutboundEmail.objects.filter(case=case).exists()


def test_recording_a_phone_answer_is_refused_the_same_way(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, category=Category.URGENT_BREACH)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策", referrals="", channel="phone")
    _retriage(case, tier2_staff, category=Category.LEGAL)
    with pytest.raises(DomainError, match=UNAPPROVED):
        services.answer_send(actor=tier2_staff, draft=draft)
    draft.refresh_from_db()
    assert draft.status == AnswerStatus.DRAFT


def test_police_flag_needs_approval_whatever_the_category(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, category=Category.URGENT_BREACH)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策", referrals="", channel="email")
    case = case_services.case_set_police_flag(actor=tier2_staff, case=case, value=True, reason="被害届の相談")
    assert services.approval_required(case=case)
    with pytest.raises(DomainError, match=UNAPPROVED):
        services.answer_send(actor=tier2_staff, draft=draft)


def test_police_rule_can_be_switched_off_in_the_desk_rules(client_for, admin_user, tier1_staff, tier2_staff):
    assert DeskRules.current().approval_for_police_referral, "on by default"
    settings_url = reverse("cases:desk_settings")
    page = client_for(admin_user).get(settings_url).content.decode()
    assert "警察への相談を要する案件の回答には" in page
    response = client_for(admin_user).post(
        settings_url, {"approval_categories": ["crime", "legal"], "default_first_response_minutes": "1440"}
    )
    assert response.status_code == 302
    assert not DeskRules.current().approval_for_police_referral

    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, category=Category.URGENT_BREACH)
    case = case_services.case_set_police_flag(actor=tier2_staff, case=case, value=True)
    assert not services.approval_required(case=case)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策", referrals="", channel="email")
    assert services.answer_send(actor=tier2_staff, draft=draft).status == AnswerStatus.SENT


def test_an_answer_mail_cannot_enter_the_outbox_without_its_answer(tier1_staff):
    from madoguchi.testing.factories import make_case

    case = make_case(actor=tier1_staff)
    with pytest.raises(IntegrityError):
        outbox.enqueue(kind=OutboundKind.ANSWER, case=case, to=["a@example.jp"], subject="回答", body_text="本文")
