"""Write path of answers: drafts with parts ① and ②, who wrote them, manager approval, sending or recording.

The approval invariants this module keeps are written down, with the tests that guard them, in docs/approval.md.
"""

from __future__ import annotations

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, require
from madoguchi.answers import mailtext, outbox
from madoguchi.answers.models import (
    OPEN_ANSWER_STATUSES,
    AnswerChannel,
    AnswerDraft,
    AnswerRevision,
    AnswerStatus,
    MailTemplateCode,
    OutboundKind,
)
from madoguchi.cases import events
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Tier
from madoguchi.cases.models import Case, DeskRules
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import ConcurrentEditError, DomainError
from madoguchi.core.versioning import save_if_unchanged

# The answer form says "no draft yet" with this version; stored drafts start at version 1.
NO_DRAFT_VERSION = 0

_DRAFT_CASE_STATUSES = {
    Status.DISPATCHED,
    Status.IN_PROGRESS,
    Status.ON_HOLD,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
}


def _conflict_message() -> str:
    return _(
        "他の職員がこの回答案を先に保存しました。入力内容はそのまま残しています。"
        "現在保存されている内容を確認してから、もう一度保存してください。"
    )


def approval_required(*, case: Case) -> bool:
    """Whether an answer on `case`, as the case is now, needs a manager's approval before it goes out."""
    rules = DeskRules.current()
    if case.category in rules.approval_categories:
        return True
    return bool(rules.approval_for_police_referral and case.police_referral)


def open_draft(*, case: Case) -> AnswerDraft | None:
    return case.answers.filter(status__in=OPEN_ANSWER_STATUSES).first()


def contributor_ids(*, draft: AnswerDraft) -> set[int]:
    """Everyone who saved text into this draft at any time in its life (its author included)."""
    ids = set(draft.revisions.values_list("author_id", flat=True))
    ids.add(draft.author_id)
    return ids


def _record_revision(*, draft: AnswerDraft, actor: User, approval_withdrawn: bool) -> AnswerRevision:
    last = draft.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    revision = AnswerRevision.objects.create(
        draft=draft,
        number=last + 1,
        author=actor,
        saved_at=timezone.now(),
        measures=draft.measures,
        referrals=draft.referrals,
        channel=draft.channel,
    )
    text = _("第%(number)d版") % {"number": revision.number}
    if approval_withdrawn:
        text += " " + _("（承認後に修正されたため、承認は取り消されました）")
    events.answer_draft_saved(
        case=draft.case,
        actor=actor,
        draft_id=draft.pk,
        revision=revision.number,
        approval_withdrawn=approval_withdrawn,
        text=text,
    )
    return revision


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
    """Create or change the case's open draft; every change of its text is a revision with its author.

    `expected_version` is the draft version the editor loaded, or NO_DRAFT_VERSION (or None) when the editor
    saw no draft: a save that expected no draft while one exists, or an older version, is a conflict and
    writes nothing. Saving an approved draft withdraws the approval.
    """
    require(actor, Action.ANSWER_DRAFT)
    if case.tier != Tier.BACK or case.status not in _DRAFT_CASE_STATUSES:
        raise DomainError(_("二次対応中の案件でのみ回答案を作成できます。"))
    if not measures.strip():
        raise DomainError(_("① 具体的な対策を入力してください。"), field="measures")
    if channel not in AnswerChannel.values:
        raise DomainError(_("回答方法を選んでください。"), field="channel")
    draft = open_draft(case=case)
    if draft is None:
        if expected_version not in (None, NO_DRAFT_VERSION):
            # The editor loaded a draft that is no longer open (sent meanwhile): not a new answer.
            raise ConcurrentEditError(_conflict_message())
        try:
            # The savepoint keeps the outer transaction usable when a parallel first save wins the race.
            with transaction.atomic():
                draft = AnswerDraft.objects.create(
                    case=case, measures=measures, referrals=referrals, channel=channel, author=actor
                )
        except IntegrityError as exc:
            raise ConcurrentEditError(_conflict_message()) from exc
        _record_revision(draft=draft, actor=actor, approval_withdrawn=False)
        return draft
    if draft.status == AnswerStatus.PENDING_APPROVAL:
        raise DomainError(_("承認待ちの回答案は編集できません。差戻しを受けてから修正してください。"))
    if expected_version in (None, NO_DRAFT_VERSION):
        raise ConcurrentEditError(_conflict_message())
    text_changed = (draft.measures, draft.referrals, draft.channel) != (measures, referrals, channel)
    was_approved = draft.status == AnswerStatus.APPROVED
    save_if_unchanged(
        draft,
        expected_version=expected_version,
        conflict_message=_conflict_message(),
        measures=measures,
        referrals=referrals,
        channel=channel,
        status=AnswerStatus.DRAFT,
        approved_hash="",
        updated_at=timezone.now(),
    )
    draft.refresh_from_db()
    if was_approved:
        case.refresh_from_db()
        if case.status == Status.APPROVED:
            case_services.case_set_status(
                actor=actor, case=case, to=Status.IN_PROGRESS, text=_("承認後に回答案が修正されました。")
            )
    if text_changed or was_approved:
        _record_revision(draft=draft, actor=actor, approval_withdrawn=was_approved)
    return draft


@transaction.atomic
def answer_submit_for_approval(*, actor: User, draft: AnswerDraft) -> AnswerDraft:
    require(actor, Action.ANSWER_DRAFT)
    draft = AnswerDraft.objects.select_for_update().select_related("case").get(pk=draft.pk)
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
    """Approve exactly the text under review: its hash is recorded and checked again when it is sent."""
    require(actor, Action.ANSWER_APPROVE)
    draft = AnswerDraft.objects.select_for_update().select_related("case").get(pk=draft.pk)
    if draft.status != AnswerStatus.PENDING_APPROVAL:
        raise DomainError(_("承認待ちの回答案ではありません。"))
    if actor.pk in contributor_ids(draft=draft):
        raise DomainError(
            _(
                "自分が作成した、または修正した回答案は承認できません。文面に関わっていない別の管理職に依頼してください。"
            )
        )
    draft.status = AnswerStatus.APPROVED
    draft.reviewed_by = actor
    draft.reviewed_at = timezone.now()
    draft.review_comment = comment
    draft.approved_hash = answer_content_hash(draft=draft, mail_text=render_answer_text(draft=draft))
    draft.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "approved_hash", "updated_at"])
    case_services.case_set_status(actor=actor, case=draft.case, to=Status.APPROVED)
    events.approved(case=draft.case, actor=actor, draft_id=draft.pk, text=comment)
    return draft


@transaction.atomic
def answer_reject(*, actor: User, draft: AnswerDraft, comment: str) -> AnswerDraft:
    require(actor, Action.ANSWER_APPROVE)
    draft = AnswerDraft.objects.select_for_update().select_related("case").get(pk=draft.pk)
    if draft.status != AnswerStatus.PENDING_APPROVAL:
        raise DomainError(_("承認待ちの回答案ではありません。"))
    if not comment.strip():
        raise DomainError(_("差戻しの理由を入力してください。"), field="comment")
    draft.status = AnswerStatus.REJECTED
    draft.reviewed_by = actor
    draft.reviewed_at = timezone.now()
    draft.review_comment = comment
    draft.approved_hash = ""
    draft.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "approved_hash", "updated_at"])
    case_services.case_set_status(actor=actor, case=draft.case, to=Status.IN_PROGRESS, text=comment)
    events.rejected(case=draft.case, actor=actor, draft_id=draft.pk, text=comment)
    return draft


def answer_content_hash(*, draft: AnswerDraft, mail_text: mailtext.MailText) -> str:
    """SHA-256 of everything that goes out: how, the subject and body as rendered, and parts ① and ② as typed."""
    payload = {
        "channel": draft.channel,
        "subject": mail_text.subject,
        "body": mail_text.body,
        "measures": draft.measures,
        "referrals": draft.referrals,
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def render_answer_text(*, draft: AnswerDraft) -> mailtext.MailText:
    case = draft.case
    return mailtext.render(
        code=MailTemplateCode.ANSWER,
        context={
            **mailtext.case_context(case),
            "subject": case.subject,
            "measures": draft.measures,
            "referrals": draft.referrals,
        },
    )


@transaction.atomic
def answer_send(*, actor: User, draft: AnswerDraft) -> AnswerDraft:
    """Send by e-mail through the outbox, or record that it was given by phone, letter or in person.

    Whether approval is needed is decided here, from the case as it is now (category and police flag under
    the current desk rules), not from when the draft was written.
    """
    require(actor, Action.ANSWER_SEND)
    # Lock the draft and the case so that a parallel edit or re-triage cannot slip between check and send.
    draft = AnswerDraft.objects.select_for_update().get(pk=draft.pk)
    case = Case.objects.select_for_update(of=("self",)).select_related("person", "organization").get(pk=draft.case_id)
    draft.case = case
    if draft.status == AnswerStatus.SENT:
        raise DomainError(_("この回答は既に送付済みです。"))
    needs_approval = approval_required(case=case)
    if needs_approval and draft.status != AnswerStatus.APPROVED:
        raise DomainError(
            _(
                "この案件の回答は、管理職の承認を受けてから送付してください"
                "（承認が必要な相談区分か、警察への相談を要する案件です）。"
            )
        )
    if draft.status not in {AnswerStatus.DRAFT, AnswerStatus.APPROVED}:
        raise DomainError(_("この回答案は送付できる状態ではありません。"))
    mail_text = render_answer_text(draft=draft)
    if draft.status == AnswerStatus.APPROVED:
        if draft.reviewed_by_id is None or draft.reviewed_by_id in contributor_ids(draft=draft):
            raise DomainError(_("文面に関わっていない管理職の承認がありません。もう一度承認を依頼してください。"))
        if draft.approved_hash != answer_content_hash(draft=draft, mail_text=mail_text):
            raise DomainError(
                _(
                    "承認された時から送付する文面が変わっています（差込み項目やメールの文面の変更を含みます）。"
                    "回答案を保存し直して、もう一度承認を依頼してください。"
                )
            )
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
            answer=draft,
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
def answer_save_screen_text(
    *,
    actor: User,
    case: Case,
    measures: str,
    referrals: str,
    channel: str,
    expected_version: int | None,
) -> AnswerDraft:
    """Save the texts on the screen before acting on them (send, preview, request approval).

    Like answer_save_draft, with one difference: an approved draft whose screen text is exactly the
    approved text, at the version the editor loaded, is left untouched, so its approval holds and it can
    be sent. Any difference is saved through answer_save_draft, which withdraws the approval (invariant 4
    in docs/approval.md); whatever happens next, answer_send checks the approval and its hash again.
    """
    require(actor, Action.ANSWER_DRAFT)
    draft = open_draft(case=case)
    if draft is not None and draft.status == AnswerStatus.APPROVED:
        draft = AnswerDraft.objects.select_for_update().get(pk=draft.pk)
        unchanged = (draft.measures, draft.referrals, draft.channel) == (measures, referrals, channel)
        if unchanged and draft.status == AnswerStatus.APPROVED and draft.version == expected_version:
            return draft
    return answer_save_draft(
        actor=actor,
        case=case,
        measures=measures,
        referrals=referrals,
        channel=channel,
        expected_version=expected_version,
    )


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
    """Save the texts on the screen (optimistically locked), then send or record exactly them.

    The send goes through answer_send with every approval check; when it is refused, the save is rolled
    back with it and the editor shows the typing with the reason.
    """
    require(actor, Action.ANSWER_SEND)
    draft = answer_save_screen_text(
        actor=actor,
        case=case,
        measures=measures,
        referrals=referrals,
        channel=channel,
        expected_version=expected_version,
    )
    return answer_send_version(actor=actor, draft=draft, expected_version=draft.version)


@transaction.atomic
def answer_send_version(*, actor: User, draft: AnswerDraft, expected_version: int) -> AnswerDraft:
    """Send the draft only if it is still the version the staff member saw (e.g. in the mail preview)."""
    require(actor, Action.ANSWER_SEND)
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
    require(actor, Action.ANSWER_DRAFT)
    draft = answer_save_draft(
        actor=actor,
        case=case,
        measures=measures,
        referrals=referrals,
        channel=channel,
        expected_version=expected_version,
    )
    return answer_submit_for_approval(actor=actor, draft=draft)
