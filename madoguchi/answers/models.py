from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.models import Case


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    PENDING_APPROVAL = "pending_approval", _("承認待ち")
    APPROVED = "approved", _("承認済")
    REJECTED = "rejected", _("差戻し")
    SENT = "sent", _("送付済")


class AnswerChannel(models.TextChoices):
    EMAIL = "email", _("メール")
    PHONE = "phone", _("電話")
    LETTER = "letter", _("郵送")
    WALKIN = "walkin", _("対面")


OPEN_ANSWER_STATUSES = [AnswerStatus.DRAFT, AnswerStatus.PENDING_APPROVAL, AnswerStatus.APPROVED, AnswerStatus.REJECTED]


class AnswerDraft(models.Model):
    """回答案: the desk's answer always has ① concrete measures and ② organisations that can help."""

    case = models.ForeignKey(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="answers")
    measures = models.TextField(_("① 具体的な対策"))
    referrals = models.TextField(_("② 相談・届出先"), blank=True)
    channel = models.CharField(_("回答方法"), max_length=16, choices=AnswerChannel.choices, default=AnswerChannel.EMAIL)
    status = models.CharField(_("状態"), max_length=24, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    submitted_at = models.DateTimeField(_("承認依頼日時"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承認者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("承認日時"), null=True, blank=True)
    review_comment = models.TextField(_("承認者コメント"), blank=True)
    # SHA-256 of exactly what the reviewer approved (see services.answer_content_hash); empty unless approved.
    approved_hash = models.CharField(_("承認した文面のハッシュ（SHA-256）"), max_length=64, blank=True)
    sent_at = models.DateTimeField(_("送付日時"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("送付者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)

    class Meta:
        verbose_name = _("回答案")
        verbose_name_plural = _("回答案")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["draft", "pending_approval", "approved", "rejected"]),
                name="answer_one_open_draft_per_case",
            )
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="answer_status_idx")]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.get_status_display()}"


class AnswerRevision(models.Model):
    """One save of a draft's text by one person: who wrote what, kept for as long as the draft is kept.

    Approval looks here for the draft's contributors; nothing edits or deletes a revision.
    """

    draft = models.ForeignKey(AnswerDraft, verbose_name=_("回答案"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版番号"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("保存した職員"), on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(_("保存日時"))
    measures = models.TextField(_("① 具体的な対策"))
    referrals = models.TextField(_("② 相談・届出先"), blank=True)
    channel = models.CharField(_("回答方法"), max_length=16, choices=AnswerChannel.choices)

    class Meta:
        verbose_name = _("回答案の版")
        verbose_name_plural = _("回答案の版")
        ordering = ["draft", "number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="answer_revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.draft_id} #{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Answer revisions are append-only.")
        super().save(*args, **kwargs)


class OutboundStatus(models.TextChoices):
    PENDING = "pending", _("送信待ち")
    SENT = "sent", _("送信済")
    FAILED = "failed", _("送信失敗")
    CANCELLED = "cancelled", _("取消")


class OutboundKind(models.TextChoices):
    ACKNOWLEDGEMENT = "ack", _("受付確認")
    ANSWER = "answer", _("回答")
    NOTIFICATION = "notify", _("窓口への通知")
    OTHER = "other", _("その他")


class OutboundEmail(models.Model):
    """The outbox: a web request only inserts a row; send_outbox delivers it with retries."""

    kind = models.CharField(_("種類"), max_length=16, choices=OutboundKind.choices)
    case = models.ForeignKey(
        Case,
        verbose_name=_("相談案件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbound_emails",
    )
    to = models.JSONField(_("宛先"), default=list)
    cc = models.JSONField(_("CC"), default=list, blank=True)
    subject = models.CharField(_("件名"), max_length=300)
    body_text = models.TextField(_("本文"))
    body_html = models.TextField(_("本文（HTML）"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=300, unique=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=300, blank=True)
    references = models.TextField(_("References"), blank=True)
    extra_headers = models.JSONField(_("追加ヘッダー"), default=dict, blank=True)
    status = models.CharField(_("状態"), max_length=16, choices=OutboundStatus.choices, default=OutboundStatus.PENDING)
    attempts = models.PositiveIntegerField(_("試行回数"), default=0)
    next_attempt_at = models.DateTimeField(_("次回送信"), db_index=True)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作成者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.ForeignKey(
        AnswerDraft,
        verbose_name=_("回答"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outbound_emails",
    )

    class Meta:
        verbose_name = _("送信メール")
        verbose_name_plural = _("送信メール")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        constraints = [
            # An answer mail only enters the outbox through answers.services.answer_send, which links it.
            models.CheckConstraint(
                condition=~models.Q(kind="answer") | models.Q(answer__isnull=False),
                name="outbox_answer_mail_names_its_answer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


class MailTemplateCode(models.TextChoices):
    ACK_WEB = "ack_web", _("受付確認（Webフォーム）")
    ACK_EMAIL = "ack_email", _("受付確認（メール）")
    NOTIFY_WEB = "notify_web", _("窓口への通知（Webフォーム）")
    ANSWER = "answer", _("回答")
    GUIDEBOOK_SHIPPED = "guidebook_shipped", _("ガイドブック発送のお知らせ")


class MailTemplate(models.Model):
    """An admin's override of one mail template; without a row the file under templates/emails/ is used."""

    code = models.CharField(_("種類"), max_length=32, choices=MailTemplateCode.choices, unique=True)
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"))
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("メールの文面")
        verbose_name_plural = _("メールの文面")

    def __str__(self) -> str:
        return self.get_code_display()
