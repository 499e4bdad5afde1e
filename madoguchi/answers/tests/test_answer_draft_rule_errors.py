"""Issue 11: each draft rule of the answers app refuses with its Japanese message and writes nothing."""

import pytest

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus, OutboundEmail
from madoguchi.answers.tests.helpers import case_in_progress, post_draft
from madoguchi.cases.choices import Category
from madoguchi.core.errors import ConcurrentEditError, DomainError

pytestmark = pytest.mark.django_db


def test_draft_is_locked_while_awaiting_approval(client_for, tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    draft = services.answer_save_draft(
        actor=tier2_staff, case=case, measures="提出した文面", referrals="", channel="email"
    )
    services.answer_submit_for_approval(actor=tier2_staff, draft=draft)
    draft.refresh_from_db()
    response = post_draft(client_for(tier2_staff), case, version=draft.version, measures="承認待ち中の書き換え")
    assert response.status_code == 400
    html = response.content.decode()
    assert "承認待ちの回答案は編集できません" in html and "承認待ち中の書き換え" in html
    draft.refresh_from_db()
    assert (draft.status, draft.measures, draft.revisions.count()) == (AnswerStatus.PENDING_APPROVAL, "提出した文面", 1)


def test_email_answer_without_an_address_is_refused(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, category=Category.PREVENTION, email="")
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策", referrals="", channel="email")
    with pytest.raises(DomainError, match="相談者のメールアドレスが登録されていません"):
        services.answer_send(actor=tier2_staff, draft=draft)
    draft.refresh_from_db()
    assert draft.status == AnswerStatus.DRAFT
    assert not OutboundEmail.objects.filter(case=case).exists()


def test_an_answer_is_not_sent_twice(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, category=Category.PREVENTION)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策", referrals="", channel="email")
    services.answer_send(actor=tier2_staff, draft=draft)
    with pytest.raises(DomainError, match="この回答は既に送付済みです"):
        services.answer_send(actor=tier2_staff, draft=draft)
    assert OutboundEmail.objects.filter(case=case).count() == 1


def test_saving_over_a_newer_version_is_a_conflict(tier1_staff, tier2_staff, manager):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="初稿", referrals="", channel="email")
    loaded = draft.version
    services.answer_save_draft(
        actor=manager, case=case, measures="先に保存した修正", referrals="", channel="email", expected_version=loaded
    )
    with pytest.raises(ConcurrentEditError, match="他の職員がこの回答案を先に保存しました"):
        services.answer_save_draft(
            actor=tier2_staff,
            case=case,
            measures="古い版からの修正",
            referrals="",
            channel="email",
            expected_version=loaded,
        )
    stored = AnswerDraft.objects.get(case=case)
    assert (stored.measures, stored.revisions.count()) == ("先に保存した修正", 2)


def test_a_draft_sent_meanwhile_is_not_silently_replaced_by_a_new_one(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff, category=Category.PREVENTION, channel="phone")
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策", referrals="", channel="phone")
    loaded = draft.version
    services.answer_send(actor=tier2_staff, draft=draft)
    case.refresh_from_db()
    with pytest.raises(DomainError):
        services.answer_save_draft(
            actor=tier2_staff,
            case=case,
            measures="古い画面から",
            referrals="",
            channel="phone",
            expected_version=loaded,
        )
    assert AnswerDraft.objects.filter(case=case).count() == 1
