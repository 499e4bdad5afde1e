"""Write path of answers: drafts with parts ① and ②, manager approval, sending or recording."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.answers import mailtext, outbox
from madoguchi.answers.models import (
    OPEN_ANSWER_STATUSES,
    AnswerChannel,
    AnswerDraft,
    AnswerStatus,
    MailTemplateCode,
    OutboundKind,
)
from madoguchi.cases import events
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Tier
from madoguchi.cases.models import Case, DeskRules
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import ConcurrentEditError, DomainError, NotPermitted
from madoguchi.core.versioning import save_if_unchanged


def _require(actor: User, action: Action) -> None:
    if not actor.can(action):
        raise NotPermitted(_("この操作を行う権限がありません。"))


def approval_required(*, case: Case) -> bool:
    return case.category in DeskRules.current().approval_categories


def open_draft(*, case: Case) -> AnswerDraft | None:
    return case.answers.filter(status__in=OPEN_ANSWER_STATUSES).first()


@transaction.atomic
def answer_save_draft(
    *,
    actor: User,
    case: Case,
    measures: str,
    referrals: str,
    channel: str,
    expected_version: int | None = None,
) -> AnswerDraft:
    _require(actor, Action.ANSWER_DRAFT)
    if case.tier != Tier.BACK or case.status not in {Status.IN_PROGRESS, Status.ON_HOLD, Status.DISPATCHED}:
        raise DomainError(_("二次対応中の案件でのみ回答案を作成できます。"))
    if not measures.strip():
        raise DomainError(_("① 具体的な対策を入力してください。"), field="measures")
    draft = open_draft(case=case)
    if draft is None:
        return AnswerDraft.objects.create(
            case=case,
            measures=measures,
            referrals=referrals,
            channel=channel,
            author=actor,
            needs_approval=approval_required(case=case),
        )
    if draft.status == AnswerStatus.PENDING_APPROVAL:
        raise DomainError(_("承認待ちの回答案は編集できません。差戻しを受けてから修正してください。"))
    save_if_unchanged(
        draft,
        expected_version=expected_version,
        conflict_message=_("他の職員がこの回答案を先に更新しました。最新の内容を確認してください。"),
        measures=measures,
        referrals=referrals,
        channel=channel,
        status=AnswerStatus.DRAFT,
        needs_approval=approval_required(case=case),
        updated_at=timezone.now(),
    )
    draft.refresh_from_db()
    return draft


@transaction.atomic
def answer_submit_for_approval(*, actor: User, draft: AnswerDraft) -> AnswerDraft:
    _require(actor, Action.ANSWER_DRAFT)
    if draft.status not in {AnswerStatus.DRAFT, AnswerStatus.REJECTED}:
        raise DomainError(_("この回答案は承認依頼できる状態ではありません。"))
    draft.status = AnswerStatus.PENDING_APPROVAL
    draft.submitted_at = timezone.now()
    draft.save(update_fields=["status", "submitted_at", "updated_at"])
    case_services.case_set_status(actor=actor, case=draft.case, to=Status.AWAITING_APPROVAL)
    events.approval_requested(case=draft.case, actor=actor, draft_id=draft.pk)
    return draft


@transaction.atomic
def answer_approve(*, actor: User, draft: AnswerDraft, comment: str = "") -> AnswerDraft:
    _require(actor, Action.ANSWER_APPROVE)
    if draft.status != AnswerStatus.PENDING_APPROVAL:
        raise DomainError(_("承認待ちの回答案ではありません。"))
    if draft.author_id == actor.pk:
        raise DomainError(_("自分が作成した回答案は承認できません。別の管理職に依頼してください。"))
    draft.status = AnswerStatus.APPROVED
    draft.reviewed_by = actor
    draft.reviewed_at = timezone.now()
    draft.review_comment = comment
    draft.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    case_services.case_set_status(actor=actor, case=draft.case, to=Status.APPROVED)
    events.approved(case=draft.case, actor=actor, draft_id=draft.pk, text=comment)
    return draft


@transaction.atomic
def answer_reject(*, actor: User, draft: AnswerDraft, comment: str) -> AnswerDraft:
    _require(actor, Action.ANSWER_APPROVE)
    if draft.status != AnswerStatus.PENDING_APPROVAL:
        raise DomainError(_("承認待ちの回答案ではありません。"))
    if not comment.strip():
        raise DomainError(_("差戻しの理由を入力してください。"), field="comment")
    draft.status = AnswerStatus.REJECTED
    draft.reviewed_by = actor
    draft.reviewed_at = timezone.now()
    draft.review_comment = comment
    draft.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    case_services.case_set_status(actor=actor, case=draft.case, to=Status.IN_PROGRESS, text=comment)
    events.rejected(case=draft.case, actor=actor, draft_id=draft.pk, text=comment)
    return draft


def render_answer_text(*, draft: AnswerDraft) -> mailtext.MailText:
    case = draft.case
    return mailtext.render(
        code=MailTemplateCode.ANSWER,
        context={
            "reference": case.reference,
            "subject": case.subject,
            "person_name": case.person.name if case.person else "",
            "organization_name": case.organization.name if case.organization else "",
            "received_at": timezone.localtime(case.received_at).strftime("%Y年%m月%d日 %H:%M"),
            "measures": draft.measures,
            "referrals": draft.referrals,
        },
    )


@transaction.atomic
def answer_send(*, actor: User, draft: AnswerDraft) -> AnswerDraft:
    """Send by e-mail through the outbox, or record that it was given by phone, letter or in person."""
    _require(actor, Action.ANSWER_SEND)
    case = draft.case
    if draft.status == AnswerStatus.SENT:
        raise DomainError(_("この回答は既に送付済みです。"))
    if draft.needs_approval and draft.status != AnswerStatus.APPROVED:
        raise DomainError(_("この区分の回答は管理職の承認を受けてから送付してください。"))
    if draft.status not in {AnswerStatus.DRAFT, AnswerStatus.APPROVED}:
        raise DomainError(_("この回答案は送付できる状態ではありません。"))
    mail_text = render_answer_text(draft=draft)
    # The timeline keeps what the consulter actually got: the mail for e-mail, the answer itself otherwise.
    text = mail_text.body if draft.channel == AnswerChannel.EMAIL else _given_answer_text(draft=draft)
    if draft.channel == AnswerChannel.EMAIL:
        address = case.person.email if case.person else ""
        if not address:
            raise DomainError(
                _("相談者のメールアドレスが登録されていません。回答方法を変えるか、連絡先を登録してください。")
            )
        last_in = case.events.filter(kind="email_in").order_by("-at").first()
        reply_to_id = last_in.data.get("message_id", "") if last_in else ""
        row = outbox.enqueue(
            kind=OutboundKind.ANSWER,
            case=case,
            to=[address],
            subject=mail_text.subject,
            body_text=text,
            in_reply_to=reply_to_id,
            references=reply_to_id,
            actor=actor,
        )
        events.email_out(case=case, actor=actor, message_id=row.message_id, to=address, subject=row.subject)
    draft.status = AnswerStatus.SENT
    draft.sent_at = timezone.now()
    draft.sent_by = actor
    draft.save(update_fields=["status", "sent_at", "sent_by", "updated_at"])
    events.answer_sent(case=case, actor=actor, draft_id=draft.pk, via=draft.channel, text=text)
    case_services.case_mark_answered(actor=actor, case=case)
    return draft


# --- The answer as one editor: what is on the screen is what is saved, previewed and sent. ---


def _given_answer_text(*, draft: AnswerDraft) -> str:
    """Timeline text of an answer given by phone, letter or in person: the channel, then parts ① and ②."""
    return _("%(channel)sで回答しました。\n\n■ ① 具体的な対策\n%(measures)s\n\n■ ② 相談・届出先\n%(referrals)s") % {
        "channel": draft.get_channel_display(),
        "measures": draft.measures,
        "referrals": draft.referrals or "―",
    }


def answer_mail_preview(*, draft: AnswerDraft) -> mailtext.MailText:
    """The answer mail exactly as answer_send will queue it: same render, same subject prefix as the outbox."""
    mail_text = render_answer_text(draft=draft)
    return mailtext.MailText(
        subject=outbox.subject_with_reference(case=draft.case, subject=mail_text.subject), body=mail_text.body
    )


def _check_version(*, draft: AnswerDraft, expected_version: int) -> None:
    if draft.version != expected_version:
        raise ConcurrentEditError(_("他の職員がこの回答案を先に更新しました。最新の内容を確認してください。"))


@transaction.atomic
def answer_save_and_send(
    *,
    actor: User,
    case: Case,
    measures: str,
    referrals: str,
    channel: str,
    expected_version: int | None,
) -> AnswerDraft:
    """Save the texts on the screen (optimistically locked), then send or record exactly them."""
    _require(actor, Action.ANSWER_SEND)
    draft = answer_save_draft(
        actor=actor,
        case=case,
        measures=measures,
        referrals=referrals,
        channel=channel,
        expected_version=expected_version,
    )
    return answer_send(actor=actor, draft=draft)


@transaction.atomic
def answer_send_version(*, actor: User, draft: AnswerDraft, expected_version: int) -> AnswerDraft:
    """Send the draft only if it is still the version the staff member saw (e.g. in the mail preview)."""
    locked = AnswerDraft.objects.select_for_update().select_related("case").get(pk=draft.pk)
    _check_version(draft=locked, expected_version=expected_version)
    return answer_send(actor=actor, draft=locked)


@transaction.atomic
def answer_save_and_submit(
    *,
    actor: User,
    case: Case,
    measures: str,
    referrals: str,
    channel: str,
    expected_version: int | None,
) -> AnswerDraft:
    """Save the texts on the screen (optimistically locked), then ask a manager to approve exactly them."""
    draft = answer_save_draft(
        actor=actor,
        case=case,
        measures=measures,
        referrals=referrals,
        channel=channel,
        expected_version=expected_version,
    )
    return answer_submit_for_approval(actor=actor, draft=draft)
