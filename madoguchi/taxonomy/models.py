from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.Model):
    """A classification scheme (分類体系): guidebook chapters, NIST CSF 2.0, IPA 10 threats of a year, ..."""

    code = models.SlugField(_("コード"), max_length=64, unique=True)
    family = models.CharField(_("系統"), max_length=64, blank=True)
    edition = models.CharField(_("版"), max_length=64, blank=True)
    name = models.CharField(_("名称"), max_length=300)
    source_url = models.URLField(_("出典"), max_length=500)
    as_of = models.DateField(_("出典の日付"))
    as_of_basis = models.CharField(_("日付の根拠"), max_length=16, blank=True)
    source_note = models.TextField(_("出典メモ"), blank=True)
    verified = models.BooleanField(_("出典で確認済み"), default=False)
    verification_note = models.TextField(_("確認が必要な点"), blank=True)
    staff_maintained = models.BooleanField(_("職員が項目を管理する"), default=False)
    notes = models.TextField(_("備考"), blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("分類体系")
        verbose_name_plural = _("分類体系")
        ordering = ["family", "code"]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name=_("分類体系"), on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(_("コード"), max_length=64)
    ref = models.CharField(_("公式の番号・記号"), max_length=64, blank=True)
    label = models.CharField(_("名称"), max_length=300)
    order = models.IntegerField(_("並び順"), default=0)
    parent = models.ForeignKey(
        "self", verbose_name=_("上位の項目"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    verified = models.BooleanField(_("出典で確認済み"), default=False)
    page_url = models.URLField(_("項目のページ"), max_length=500, blank=True)
    notes = models.TextField(_("備考"), blank=True)
    extra = models.JSONField(_("その他の属性"), default=dict, blank=True)
    # Set by every staff edit, so the reference loader keeps the staff's version unless forced.
    edited_by_staff = models.BooleanField(_("職員が編集済み"), default=False)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("分類項目")
        verbose_name_plural = _("分類項目")
        ordering = ["scheme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="term_code_unique_in_scheme")]

    def __str__(self) -> str:
        return f"{self.ref} {self.label}".strip()


class TermAssignment(models.Model):
    """Classifies any object (case, FAQ entry, article) with a term."""

    term = models.ForeignKey(Term, verbose_name=_("分類項目"), on_delete=models.CASCADE, related_name="assignments")
    content_type = models.ForeignKey(ContentType, verbose_name=_("対象の種類"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("対象ID"))
    target = GenericForeignKey("content_type", "object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("分類した職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("分類日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("分類")
        verbose_name_plural = _("分類")
        constraints = [
            models.UniqueConstraint(fields=["term", "content_type", "object_id"], name="term_assignment_unique")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="term_assignment_target_idx")]

    def __str__(self) -> str:
        return f"{self.term} → {self.content_type_id}:{self.object_id}"
