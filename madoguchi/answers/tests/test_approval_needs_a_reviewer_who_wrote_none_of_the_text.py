"""Issue 9.1: a manager who wrote or changed any of a draft's text cannot approve it, whoever is its author."""

import pytest

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus
from madoguchi.answers.tests.helpers import case_in_progress, post_action, post_draft
from madoguchi.core.errors import DomainError
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_manager_who_rewrote_the_draft_cannot_approve_it(client_for, tier1_staff, tier2_staff, manager):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    back1 = client_for(tier2_staff)
    assert post_draft(back1, case, version=0, measures="二次対応の下書き").status_code == 302
    draft = AnswerDraft.objects.get(case=case)

    boss = client_for(manager)
    assert post_draft(boss, case, version=draft.version, measures="課長が全部書き直した文面").status_code == 302
    post_action(boss, case, "submit")
    response = post_action(boss, case, "review", **{"review-decision": "approve"})

    draft.refresh_from_db()
    assert draft.status == AnswerStatus.PENDING_APPROVAL, "the rewriting manager's approval must not count"
    assert draft.reviewed_by is None
    assert "自分が作成した、または修正した回答案は承認できません" in response.content.decode()
    assert set(draft.revisions.values_list("author__username", flat=True)) == {"tier2", "manager"}


def test_manager_who_only_edited_before_a_rejection_still_cannot_approve(tier1_staff, tier2_staff, manager):
    """Contributors count over the whole life of the draft: a rejection does not wash out earlier wording."""
    other_manager = UserFactory(username="manager2", role="manager", display_name="課長代理 五郎")
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="初稿", referrals="", channel="email")
    draft = services.answer_save_draft(
        actor=manager,
        case=case,
        measures="初稿に課長が一文追加",
        referrals="",
        channel="email",
        expected_version=draft.version,
    )
    services.answer_submit_for_approval(actor=tier2_staff, draft=draft)
    services.answer_reject(actor=other_manager, draft=draft, comment="表現を直してください")
    draft.refresh_from_db()
    draft = services.answer_save_draft(
        actor=tier2_staff,
        case=case,
        measures="初稿に課長が一文追加（表現修正）",
        referrals="",
        channel="email",
        expected_version=draft.version,
    )
    services.answer_submit_for_approval(actor=tier2_staff, draft=draft)

    with pytest.raises(DomainError, match="承認できません"):
        services.answer_approve(actor=manager, draft=draft)
    approved = services.answer_approve(actor=other_manager, draft=draft, comment="了承")
    assert approved.status == AnswerStatus.APPROVED and approved.reviewed_by == other_manager


def test_a_reviewer_who_wrote_nothing_approves(tier1_staff, tier2_staff, manager):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="対策文", referrals="", channel="email")
    services.answer_submit_for_approval(actor=tier2_staff, draft=draft)
    approved = services.answer_approve(actor=manager, draft=draft)
    assert approved.status == AnswerStatus.APPROVED and approved.reviewed_by == manager
