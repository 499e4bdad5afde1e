"""Editable handbook text (with versions), retention periods, and the marks of anonymised records."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandbookSection(models.Model):
    """A procedural chapter of the specialist handbook that managers write (電話・Web・メール・来訪の手順 ...).

    The text lives in `HandbookRevision` rows; the section shows its latest one. Nothing edits a revision.
    """

    key = models.SlugField(_("コード"), max_length=64, unique=True)
    title = models.CharField(_("見出し"), max_length=200)
    order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("ガイドブックの手順")
        verbose_name_plural = _("ガイドブックの手順")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.title


class HandbookRevision(models.Model):
    section = models.ForeignKey(
        HandbookSection, verbose_name=_("手順"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("版番号"))
    body = models.TextField(_("本文"))
    note = models.CharField(_("変更の内容"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作成者"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"))

    class Meta:
        verbose_name = _("ガイドブックの手順の版")
        verbose_name_plural = _("ガイドブックの手順の版")
        ordering = ["section", "-number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="handbook_revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.section_id} #{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Handbook revisions are append-only.")
        super().save(*args, **kwargs)


class RetentionPolicy(models.Model):
    """How long personal data of one record type is kept after the record is finished (see reports.retention)."""

    record_type = models.CharField(_("記録の種類"), max_length=32, unique=True)
    months = models.PositiveIntegerField(_("保存期間（月）"))
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
        verbose_name = _("個人情報の保存期間")
        verbose_name_plural = _("個人情報の保存期間")
        ordering = ["record_type"]
        constraints = [models.CheckConstraint(condition=models.Q(months__gte=1), name="retention_months_positive")]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.months}"


class AnonymisedRecord(models.Model):
    """A record whose personal data retention has removed: never processed twice, counted on the screen."""

    record_type = models.CharField(_("記録の種類"), max_length=32)
    object_id = models.CharField(_("対象ID"), max_length=64)
    anonymised_at = models.DateTimeField(_("匿名化日時"))

    class Meta:
        verbose_name = _("匿名化済みの記録")
        verbose_name_plural = _("匿名化済みの記録")
        constraints = [
            models.UniqueConstraint(fields=["record_type", "object_id"], name="anonymised_record_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.object_id}"
