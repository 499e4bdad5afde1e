"""The whole phone -> dispatch -> answer -> approval -> close flow through the services, without the UI."""

import pytest
from django.core import mail

from madoguchi.answers import outbox
from madoguchi.answers import services as answer_services
from madoguchi.answers.models import AnswerStatus, OutboundStatus
from madoguchi.cases import services
from madoguchi.cases.choices import Category, Channel, EventKind, Tier, Urgency
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import DomainError
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_phone_consultation_goes_from_intake_to_close(tier1_staff, tier2_staff, manager):
    case = make_case(
        actor=tier1_staff,
        channel=Channel.PHONE,
        subject="取引先を装ったメールで振込先変更を依頼された",
        body="取引先の名前で振込口座の変更依頼メールが届いた。まだ振り込んではいない。",
    )
    assert case.status == Status.RECEIVED and case.tier == Tier.FRONT

    case = services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.CRIME,
        urgency=Urgency.HIGH,
        police_referral=True,
        note="BECの疑い。至急確認を。",
    )
    assert (case.status, case.tier, case.assignee) == (Status.DISPATCHED, Tier.BACK, None)
    assert case.first_response_at is not None

    case = services.case_take(actor=tier2_staff, case=case)
    assert case.status == Status.IN_PROGRESS and case.assignee == tier2_staff
    services.case_record_inquiry(
        actor=tier2_staff,
        case=case,
        organization_name="警視庁 サイバー犯罪対策課",
        contacted_at=case.received_at,
        question="被害届の要否",
        response="未送金なら相談記録として受理",
    )

    draft = answer_services.answer_save_draft(
        actor=tier2_staff,
        case=case,
        measures="振込先の変更は電話で取引先に確認してください。",
        referrals="警視庁 サイバー犯罪対策課",
        channel="email",
    )
    assert answer_services.approval_required(case=case), "crime answers need a manager's approval by default"
    with pytest.raises(DomainError, match="承認"):
        answer_services.answer_send(actor=tier2_staff, draft=draft)

    answer_services.answer_submit_for_approval(actor=tier2_staff, draft=draft)
    case.refresh_from_db()
    assert case.status == Status.AWAITING_APPROVAL
    answer_services.answer_approve(actor=manager, draft=draft, comment="了承")
    answer_services.answer_send(actor=tier2_staff, draft=draft)
    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.status == AnswerStatus.SENT
    assert case.status == Status.ANSWERED

    row = case.outbound_emails.get()
    assert row.subject.startswith(f"[{case.reference}]")
    assert "振込先の変更は電話で" in row.body_text and "警視庁 サイバー犯罪対策課" in row.body_text
    assert outbox.send_due().sent == 1
    row.refresh_from_db()
    assert row.status == OutboundStatus.SENT
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id

    case = services.case_close(actor=tier2_staff, case=case, expected_version=case.version, resolution="回答済み")
    assert case.status == Status.CLOSED and case.closed_at is not None

    kinds = list(case.events.values_list("kind", flat=True))
    for expected in [
        EventKind.RECEIVED,
        EventKind.DISPATCH,
        EventKind.INQUIRY,
        EventKind.APPROVAL_REQUESTED,
        EventKind.APPROVED,
        EventKind.EMAIL_OUT,
        EventKind.ANSWER_SENT,
        EventKind.CLOSED,
    ]:
        assert expected in kinds, expected


def test_tier1_answers_simple_case_and_closes_it(tier1_staff):
    case = make_case(actor=tier1_staff, subject="ガイドブックが欲しい", body="冊子を2部送ってほしい")
    with pytest.raises(DomainError, match="相談区分"):
        services.case_answer_at_front_and_close(actor=tier1_staff, case=case, expected_version=case.version, answer="x")
    case = services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.GUIDEBOOK_REQUEST,
        urgency=Urgency.LOW,
        police_referral=False,
    )
    case = services.case_answer_at_front_and_close(
        actor=tier1_staff, case=case, expected_version=case.version, answer="2部郵送を手配"
    )
    assert case.status == Status.CLOSED and case.resolution == "2部郵送を手配"


def test_rejected_answer_goes_back_to_work_and_can_be_resubmitted(tier1_staff, tier2_staff, manager):
    case = make_case(actor=tier1_staff)
    case = services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.LEGAL,
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
    services.case_take(actor=tier2_staff, case=case)
    case.refresh_from_db()
    draft = answer_services.answer_save_draft(
        actor=tier2_staff, case=case, measures="案1", referrals="", channel="phone"
    )
    answer_services.answer_submit_for_approval(actor=tier2_staff, draft=draft)
    with pytest.raises(DomainError, match="理由"):
        answer_services.answer_reject(actor=manager, draft=draft, comment=" ")
    answer_services.answer_reject(actor=manager, draft=draft, comment="法テラスも案内すること")
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    draft.refresh_from_db()
    draft = answer_services.answer_save_draft(
        actor=tier2_staff,
        case=case,
        measures="案2",
        referrals="法テラス",
        channel="phone",
        expected_version=draft.version,
    )
    assert draft.status == AnswerStatus.DRAFT and draft.measures == "案2"
    answer_services.answer_submit_for_approval(actor=tier2_staff, draft=draft)
    answer_services.answer_approve(actor=manager, draft=draft)
    answer_services.answer_send(actor=tier2_staff, draft=draft)
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    assert not case.outbound_emails.exists(), "a phone answer is recorded, not mailed"


def test_manager_cannot_approve_own_draft(tier1_staff, manager):
    case = make_case(actor=tier1_staff)
    case = services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.CRIME,
        urgency=Urgency.NORMAL,
        police_referral=True,
    )
    services.case_take(actor=manager, case=case)
    case.refresh_from_db()
    draft = answer_services.answer_save_draft(actor=manager, case=case, measures="対策", referrals="", channel="phone")
    answer_services.answer_submit_for_approval(actor=manager, draft=draft)
    with pytest.raises(DomainError, match="自分が作成した"):
        answer_services.answer_approve(actor=manager, draft=draft)
