"""Issue 9.1: what goes out is exactly the text the manager approved (SHA-256), and any edit needs a new approval."""

import pytest

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus, MailTemplate, MailTemplateCode, OutboundEmail
from madoguchi.answers.tests.helpers import case_in_progress, post_draft
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _approved(tier1, tier2, manager):
    case = case_in_progress(tier1=tier1, tier2=tier2)
    draft = services.answer_save_draft(
        actor=tier2, case=case, measures="承認される対策", referrals="警視庁 サイバー犯罪対策課", channel="email"
    )
    services.answer_submit_for_approval(actor=tier2, draft=draft)
    return case, services.answer_approve(actor=manager, draft=draft, comment="了承")


def test_approval_records_the_sha256_of_exactly_what_will_be_sent(tier1_staff, tier2_staff, manager):
    case, draft = _approved(tier1_staff, tier2_staff, manager)
    assert len(draft.approved_hash) == 64
    mail = services.render_answer_text(draft=draft)
    assert draft.approved_hash == services.answer_content_hash(draft=draft, mail_text=mail)
    services.answer_send(actor=tier2_staff, draft=draft)
    row = OutboundEmail.objects.get(case=case)
    assert (row.body_text, row.answer_id) == (mail.body, draft.pk)


def test_text_changed_behind_the_services_back_is_not_sent(tier1_staff, tier2_staff, manager):
    case, draft = _approved(tier1_staff, tier2_staff, manager)
    AnswerDraft.objects.filter(pk=draft.pk).update(measures="承認後にこっそり差し替えた文面")
    with pytest.raises(DomainError, match="承認された時から送付する文面が変わっています"):
        services.answer_send(actor=tier2_staff, draft=draft)
    assert not OutboundEmail.objects.filter(case=case).exists()


def test_mail_template_changed_after_approval_is_not_sent(tier1_staff, tier2_staff, manager):
    case, draft = _approved(tier1_staff, tier2_staff, manager)
    MailTemplate.objects.create(
        code=MailTemplateCode.ANSWER,
        subject="【回答】{{ subject }}",
        body="承認後に差し替えた前文\n{{ measures }}\n{{ referrals }}\n",
    )
    with pytest.raises(DomainError, match="承認された時から送付する文面が変わっています"):
        services.answer_send(actor=tier2_staff, draft=draft)
    assert not OutboundEmail.objects.filter(case=case).exists()


def test_edit_after_approval_returns_the_draft_to_needing_approval(client_for, tier1_staff, tier2_staff, manager):
    case, draft = _approved(tier1_staff, tier2_staff, manager)
    response = post_draft(client_for(tier2_staff), case, version=draft.version, measures="承認後に一文追加した対策")
    assert response.status_code == 302
    draft.refresh_from_db()
    case.refresh_from_db()
    assert (draft.status, draft.approved_hash) == (AnswerStatus.DRAFT, "")
    assert case.status == Status.IN_PROGRESS
    with pytest.raises(DomainError, match="管理職の承認を受けてから送付してください"):
        services.answer_send(actor=tier2_staff, draft=draft)
    last = draft.revisions.order_by("-number").first()
    assert (last.author, last.measures) == (tier2_staff, "承認後に一文追加した対策")


def test_an_approval_by_a_contributor_recorded_behind_the_services_back_is_not_sent(tier1_staff, tier2_staff, manager):
    case, draft = _approved(tier1_staff, tier2_staff, manager)
    AnswerDraft.objects.filter(pk=draft.pk).update(reviewed_by=tier2_staff)
    with pytest.raises(DomainError, match="文面に関わっていない管理職の承認がありません"):
        services.answer_send(actor=tier2_staff, draft=draft)
    assert not OutboundEmail.objects.filter(case=case).exists()
