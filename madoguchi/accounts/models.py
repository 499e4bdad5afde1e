from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.roles import Action, Role, role_can


class User(AbstractUser):
    role = models.CharField(_("役割"), max_length=16, choices=Role.choices, default=Role.FRONT)
    display_name = models.CharField(_("表示名"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("職員")
        verbose_name_plural = _("職員")

    def __str__(self) -> str:
        return self.display_name or self.username

    def can(self, action: Action) -> bool:
        return bool(self.is_active and role_can(self.role, action))


class AuditAction(models.TextChoices):
    LOGIN = "login", _("ログイン")
    LOGOUT = "logout", _("ログアウト")
    LOGIN_FAILED = "login_failed", _("ログイン失敗")
    OTP_VERIFIED = "otp_verified", _("二要素認証成功")
    OTP_FAILED = "otp_failed", _("二要素認証失敗")
    OTP_ENROLLED = "otp_enrolled", _("二要素認証の登録")
    ENROLMENT_CODE_ISSUED = "enrolment_code_issued", _("登録コードの発行")
    ENROLMENT_CODE_USED = "enrolment_code_used", _("登録コードの使用")
    ENROLMENT_CODE_FAILED = "enrolment_code_failed", _("登録コードの誤り")
    CREATE = "create", _("作成")
    UPDATE = "update", _("更新")
    VIEW_PERSONAL_DATA = "view_personal_data", _("個人情報の閲覧")
    EXPORT = "export", _("出力")
    DOWNLOAD = "download", _("ファイル取得")


class EnrolmentCode(models.Model):
    """The one-time code an administrator hands over so that only the right person enrols a first authenticator.

    Only a salted hash is kept. The row is deleted when the code is used, and replaced when a new one is issued.
    """

    user = models.OneToOneField(User, verbose_name=_("職員"), on_delete=models.CASCADE, related_name="enrolment_code")
    code_hash = models.CharField(_("登録コードのハッシュ"), max_length=128)
    issued_by = models.ForeignKey(
        User, verbose_name=_("発行者"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("発行日時"))
    expires_at = models.DateTimeField(_("有効期限"))
    failed_attempts = models.PositiveSmallIntegerField(_("誤入力の回数"), default=0)

    class Meta:
        verbose_name = _("登録コード")
        verbose_name_plural = _("登録コード")

    def __str__(self) -> str:
        return str(_("登録コード（%(user)s）") % {"user": self.user})


class AuditEvent(models.Model):
    """Append-only: rows are created through accounts.audit.record and never changed."""

    at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("職員"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_username = models.CharField(_("ユーザー名"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=32, choices=AuditAction.choices, db_index=True)
    target_type = models.CharField(_("対象の種類"), max_length=64, blank=True)
    target_id = models.CharField(_("対象ID"), max_length=64, blank=True)
    target_repr = models.CharField(_("対象"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("接続元"), null=True, blank=True)
    user_agent = models.CharField(_("ブラウザ"), max_length=300, blank=True)
    detail = models.JSONField(_("詳細"), default=dict, blank=True)

    class Meta:
        verbose_name = _("監査ログ")
        verbose_name_plural = _("監査ログ")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("AuditEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("AuditEvent is append-only")


def _all_roles() -> list[str]:
    return [str(r) for r in Role]


class SecurityPolicy(models.Model):
    """Singleton row: which roles must use two-factor authentication."""

    # Secure default: every role needs a second factor until an admin decides otherwise.
    require_2fa_roles = models.JSONField(_("二要素認証を必須とする役割"), default=_all_roles, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("ログイン方針")
        verbose_name_plural = _("ログイン方針")

    def __str__(self) -> str:
        return str(_("ログイン方針"))

    @classmethod
    def current(cls) -> SecurityPolicy:
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy
