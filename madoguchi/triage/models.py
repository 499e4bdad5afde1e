from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import Category
from madoguchi.cases.models import Case


class Decision(models.TextChoices):
    PENDING = "pending", _("未判断")
    ACCEPTED = "accepted", _("採用")
    OVERRIDDEN = "overridden", _("修正")


class TriageSuggestion(models.Model):
    """What the assistant proposed for a case, and what staff decided; decided rows are training data."""

    case = models.ForeignKey(
        Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="triage_suggestions"
    )
    model_version = models.CharField(_("モデルの版"), max_length=80)
    category = models.CharField(_("提案された相談区分"), max_length=32, choices=Category.choices)
    confidence = models.FloatField(_("確信度"))
    alternatives = models.JSONField(_("次点の区分"), default=list, blank=True)
    urgent = models.BooleanField(_("緊急の提案"))
    police = models.BooleanField(_("警察相談の提案"))
    flow = models.CharField(_("事故対応フローの提案"), max_length=16, blank=True)
    reasons = models.JSONField(_("根拠"), default=list, blank=True)
    situations = models.JSONField(_("状況の提案"), default=list, blank=True)
    # Situations scored below their threshold, best first: the law list falls back on them for a possible crime.
    situation_candidates = models.JSONField(_("状況の候補（閾値未満）"), default=list, blank=True)
    personal = models.BooleanField(_("個人の相談の提案"), default=False)
    referrals = models.JSONField(_("相談・届出先の提案"), default=list, blank=True)
    laws = models.JSONField(_("適用法規の提案"), default=list, blank=True)
    created_at = models.DateTimeField(_("提案日時"), auto_now_add=True)
    decision = models.CharField(_("判断"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("判断した職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("判断日時"), null=True, blank=True)
    final_category = models.CharField(_("確定した相談区分"), max_length=32, choices=Category.choices, blank=True)
    final_urgent = models.BooleanField(_("確定した緊急"), null=True, blank=True)
    final_police = models.BooleanField(_("確定した警察相談"), null=True, blank=True)

    class Meta:
        verbose_name = _("振り分けの提案")
        verbose_name_plural = _("振り分けの提案")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-created_at"], name="triage_case_idx"),
            models.Index(fields=["decision"], name="triage_decision_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.category} ({self.model_version})"
