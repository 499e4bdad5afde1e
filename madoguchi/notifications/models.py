from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.models import Case, CaseEvent


class NotificationKind(models.TextChoices):
    DISPATCHED = "dispatched", _("担当として回付・割当てられました")
    APPROVAL_REQUESTED = "approval_requested", _("回答案の承認依頼")
    APPROVAL_DECIDED = "approval_decided", _("回答案の承認・差戻し")
    CALLBACK_DUE = "callback_due", _("折り返しの期限")
    REPLY_ARRIVED = "reply_arrived", _("担当案件にメールが届きました")


class Notification(models.Model):
    """One thing one staff member should know about; read state is per recipient."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("宛先の職員"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("種類"), max_length=24, choices=NotificationKind.choices)
    case = models.ForeignKey(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(
        CaseEvent, verbose_name=_("経過記録"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What the notification is about, so that the same thing is never announced twice (event:12, callback:3).
    key = models.CharField(_("通知の対象"), max_length=64)
    created_at = models.DateTimeField(_("通知日時"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("既読日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key", "kind"], name="notification_once_per_recipient")
        ]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case.reference}"


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("職員"), on_delete=models.CASCADE, related_name="notification_pref"
    )
    by_mail = models.BooleanField(
        _("メールでも知らせる"),
        default=False,
        help_text=_("職員のメールアドレスに、受付番号と案件へのリンクだけを送ります（相談内容は含みません）。"),
    )

    class Meta:
        verbose_name = _("通知の設定")
        verbose_name_plural = _("通知の設定")

    def __str__(self) -> str:
        return str(self.user)
