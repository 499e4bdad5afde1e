from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.models import Case
from madoguchi.intake import problem_messages


class InboundStatus(models.TextChoices):
    STORED = "stored", _("受付（新規案件）")
    THREADED = "threaded", _("既存案件に追加")
    AUTO_REPLY = "auto_reply", _("自動応答・配送エラー")
    QUARANTINED = "quarantined", _("隔離")
    DISMISSED = "dismissed", _("破棄済")


class Transport(models.TextChoices):
    PIPE = "pipe", _("MTA（パイプ）")
    IMAP = "imap", _("IMAP")
    UPLOAD = "upload", _("取込み（手動）")


class ReferencedVia(models.TextChoices):
    SUBJECT = "subject", _("件名の受付番号")
    REPLY = "reply", _("受信メールへの返信")


class InboundMessage(models.Model):
    """One received mail. The raw bytes live under MAIL_STORE_DIR as <sha256>.eml; this row is the decoded view.

    A Message-ID is not unique: a different mail may reuse one. The same Message-ID with the same content
    (`content_sha256`, see mail/fingerprint.py) is a redelivery and is stored once.
    """

    message_id = models.CharField(_("Message-ID"), max_length=500, db_index=True)
    message_id_generated = models.BooleanField(_("Message-ID を生成"), default=False)
    content_sha256 = models.CharField(_("内容の指紋（SHA-256）"), max_length=64, blank=True)
    message_id_reused = models.BooleanField(_("Message-ID の再利用"), default=False)
    referenced_case = models.ForeignKey(
        Case,
        verbose_name=_("参照していた案件"),
        help_text=_("受付番号や返信先で既存の案件を指していたが、差出人が一致しないため追加しなかった案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referenced_via = models.CharField(_("参照の方法"), max_length=8, choices=ReferencedVia.choices, blank=True)
    raw_sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    raw_size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    transport = models.CharField(_("受信経路"), max_length=16, choices=Transport.choices)
    received_at = models.DateTimeField(_("受信日時"), db_index=True)
    status = models.CharField(_("状態"), max_length=16, choices=InboundStatus.choices, db_index=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("相談案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbound_messages",
    )
    subject = models.TextField(_("件名"), blank=True)
    from_name = models.CharField(_("差出人名"), max_length=300, blank=True)
    from_address = models.CharField(_("差出人アドレス"), max_length=320, blank=True, db_index=True)
    to = models.TextField(_("宛先"), blank=True)
    cc = models.TextField(_("CC"), blank=True)
    sent_at = models.DateTimeField(_("送信日時（Date）"), null=True, blank=True)
    date_source = models.CharField(_("送信日時の出所"), max_length=16, blank=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=500, blank=True)
    references = models.TextField(_("References"), blank=True)
    text_body = models.TextField(_("本文"), blank=True)
    text_body_source = models.CharField(_("本文の出所"), max_length=8, blank=True)
    html_body = models.TextField(_("HTML本文（無害化済）"), blank=True)
    problems = models.JSONField(_("文字コード等の注意"), default=list, blank=True)
    skipped_parts = models.JSONField(_("保存しなかった添付"), default=list, blank=True)
    auto_reply_kind = models.CharField(_("自動応答の種類"), max_length=16, blank=True)
    auto_reply_reason = models.TextField(_("自動応答と判断した理由"), blank=True)
    quarantine_code = models.CharField(_("隔離の理由コード"), max_length=32, blank=True)
    quarantine_params = models.JSONField(_("隔離の理由の詳細"), default=dict, blank=True)
    quarantine_reason = models.TextField(_("隔離の理由"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("処理した職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("処理日時"), null=True, blank=True)
    dismiss_reason = models.TextField(_("破棄の理由"), blank=True)

    class Meta:
        verbose_name = _("受信メール")
        verbose_name_plural = _("受信メール")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "-received_at"], name="inbound_status_idx")]
        constraints = [
            # Two deliveries of the same mail racing each other: the second insert fails and is a duplicate.
            models.UniqueConstraint(fields=["message_id", "content_sha256"], name="inbound_message_content_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.subject or self.message_id}"

    @property
    def needs_attention(self) -> bool:
        """Staff must look: the mail named a case its sender is not on, or reused another mail's Message-ID."""
        return self.message_id_reused or self.referenced_case_id is not None

    @property
    def raw_name(self) -> str:
        return f"{self.raw_sha256}.eml"

    # Findings are stored as code + params + the Japanese text; these render them in the active language.

    @property
    def quarantine_text(self) -> str:
        return problem_messages.quarantine_text(
            code=self.quarantine_code, params=self.quarantine_params, stored=self.quarantine_reason
        )

    @property
    def problem_texts(self) -> list[str]:
        return [problem_messages.problem_text(entry) for entry in self.problems]

    @property
    def skipped_part_texts(self) -> list[str]:
        return [problem_messages.skipped_part_text(entry) for entry in self.skipped_parts]


class AttachmentSource(models.TextChoices):
    EMAIL = "email", _("メール")
    WEB = "web", _("Webフォーム")


class Attachment(models.Model):
    """A file a consulter sent. Bytes are stored content-addressed under MEDIA_ROOT and only ever downloaded."""

    source = models.CharField(_("受付経路"), max_length=8, choices=AttachmentSource.choices)
    inbound_message = models.ForeignKey(
        InboundMessage,
        verbose_name=_("受信メール"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    case = models.ForeignKey(
        Case, verbose_name=_("相談案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    filename = models.CharField(_("ファイル名"), max_length=255)
    original_filename = models.CharField(_("元のファイル名"), max_length=500, blank=True)
    content_type = models.CharField(_("申告された形式"), max_length=200, blank=True)
    sniffed_type = models.CharField(_("中身から判定した形式"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    stored_path = models.CharField(_("保存場所"), max_length=300)
    is_forwarded_message = models.BooleanField(_("転送されたメール"), default=False)
    is_inline = models.BooleanField(_("本文中の画像"), default=False)
    is_executable = models.BooleanField(_("実行形式"), default=False)
    type_mismatch = models.BooleanField(_("拡張子と中身が不一致"), default=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class MailboxState(models.Model):
    """What poll_mailbox remembers per mailbox folder: UIDs are only meaningful under one UIDVALIDITY."""

    host = models.CharField(_("ホスト"), max_length=255)
    username = models.CharField(_("ユーザー"), max_length=255)
    folder = models.CharField(_("フォルダー"), max_length=255)
    uidvalidity = models.BigIntegerField(_("UIDVALIDITY"), default=0)
    last_uid = models.BigIntegerField(_("保存済みの最大UID"), default=0)
    last_poll_at = models.DateTimeField(_("最終取得日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("メールボックスの取得状況")
        verbose_name_plural = _("メールボックスの取得状況")
        constraints = [
            models.UniqueConstraint(fields=["host", "username", "folder"], name="mailbox_state_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.host}/{self.folder}"


class RateLimitScope(models.TextChoices):
    POST = "post", _("相談フォームへの送信（各画面）")
    SUBMISSION = "submission", _("相談の受付")
    API = "api", _("外部連携 API")


class RateLimitCounter(models.Model):
    """Requests per client address and fixed time window, counted by one atomic upsert (no cache server needed)."""

    scope = models.CharField(_("対象"), max_length=16, choices=RateLimitScope.choices)
    client_key = models.CharField(_("送信元（ハッシュ）"), max_length=64)
    window_start = models.DateTimeField(_("時間枠の開始"))
    count = models.PositiveIntegerField(_("回数"), default=0)

    class Meta:
        verbose_name = _("送信回数の記録")
        verbose_name_plural = _("送信回数の記録")
        constraints = [
            models.UniqueConstraint(fields=["scope", "client_key", "window_start"], name="rate_limit_counter_unique")
        ]
        indexes = [models.Index(fields=["window_start"], name="rate_limit_window_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.client_key[:8]} {self.window_start:%Y-%m-%d %H:%M} {self.count}"
