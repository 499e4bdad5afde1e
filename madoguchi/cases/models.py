from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import Category, Channel, EmployeeBand, EventKind, Industry, Tier, Urgency
from madoguchi.cases.workflow import OPEN_STATUSES, Status
from madoguchi.core.models import ChoiceLabels


class Organization(models.Model):
    name = models.CharField(_("組織名"), max_length=200)
    name_key = models.CharField(_("組織名（照合用）"), max_length=200, db_index=True, editable=False)
    industry = models.CharField(_("業種（日本標準産業分類）"), max_length=1, choices=Industry.choices, blank=True)
    employee_band = models.CharField(_("従業員規模"), max_length=16, choices=EmployeeBand.choices, blank=True)
    prefecture = models.CharField(_("都道府県"), max_length=8, blank=True, default="東京都")
    municipality = models.CharField(_("市区町村"), max_length=32, blank=True)
    phone = models.CharField(_("代表電話"), max_length=32, blank=True)
    notes = models.TextField(_("備考"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("相談者の組織")
        verbose_name_plural = _("相談者の組織")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("組織"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    name = models.CharField(_("氏名"), max_length=100)
    name_kana = models.CharField(_("氏名（カナ）"), max_length=100, blank=True)
    role_title = models.CharField(_("役職・立場"), max_length=100, blank=True)
    phone = models.CharField(_("電話番号"), max_length=32, blank=True)
    phone_key = models.CharField(_("電話番号（照合用）"), max_length=32, blank=True, db_index=True, editable=False)
    email = models.EmailField(_("メールアドレス"), blank=True)
    email_key = models.CharField(
        _("メールアドレス（照合用）"), max_length=254, blank=True, db_index=True, editable=False
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("相談者")
        verbose_name_plural = _("相談者")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("タグ"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("タグ")
        verbose_name_plural = _("タグ")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """Last issued reference number per year; numbers only ever go up, so none is reused."""

    year = models.PositiveIntegerField(_("年"), primary_key=True)
    last_value = models.PositiveIntegerField(_("最終番号"), default=0)

    class Meta:
        verbose_name = _("受付番号の採番")
        verbose_name_plural = _("受付番号の採番")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Case(ChoiceLabels):
    reference = models.CharField(_("受付番号"), max_length=16, unique=True, editable=False)
    channel = models.CharField(_("受付経路"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("受付日時"), db_index=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("組織"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("相談者"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("相談内容（原文）"), help_text=_("相談者の言葉のまま記録します。"))
    category = models.CharField(_("相談区分"), max_length=32, choices=Category.choices, blank=True)
    urgency = models.IntegerField(_("緊急度"), choices=Urgency.choices, default=Urgency.NORMAL)
    police_referral = models.BooleanField(_("警視庁への相談を要する"), default=False)
    # What the triage assistant proposed on arrival, copied here so that lists show and sort by it without
    # reaching into the triage app. It counts only while `category` is empty (nobody has decided yet).
    suggested_category = models.CharField(
        _("AI が推定した相談区分"), max_length=32, choices=Category.choices, blank=True
    )
    suggested_urgency = models.IntegerField(_("AI が推定した緊急度"), choices=Urgency.choices, null=True, blank=True)
    suggested_police = models.BooleanField(_("AI が推定した警察相談の要否"), null=True, blank=True)
    suggested_flow = models.CharField(_("AI が推定した事故対応フロー"), max_length=16, blank=True)
    tier = models.IntegerField(_("対応段階"), choices=Tier.choices, default=Tier.FRONT)
    status = models.CharField(_("状態"), max_length=24, choices=Status.choices, default=Status.RECEIVED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("担当者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受付者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_cases",
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("相談対応者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responded_cases",
    )
    scribe = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("書記役"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scribed_cases",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("タグ"), blank=True, related_name="cases")
    assessment = models.TextField(_("状況判断"), blank=True)
    resolution = models.TextField(_("対応結果"), blank=True)
    aware_at = models.DateTimeField(
        _("事案を認知した日時"), null=True, blank=True, help_text=_("法定の報告期限はこの時刻から数えます。")
    )
    first_response_due_at = models.DateTimeField(_("初回対応期限"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("初回対応日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("完了日時"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("統合先"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged_cases"
    )
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("相談案件")
        verbose_name_plural = _("相談案件")
        indexes = [
            models.Index(fields=["status", "tier", "-urgency", "-received_at"], name="case_queue_idx"),
            models.Index(fields=["assignee", "status", "-urgency", "-received_at"], name="case_mine_idx"),
            models.Index(fields=["category", "-received_at"], name="case_category_idx"),
            models.Index(fields=["-received_at", "-id"], name="case_recent_idx"),
            # Partial indexes over the open cases only, so their size follows the open work, not the archive.
            # The case list's default (open, newest first): its first page and its capped count read this.
            models.Index(
                fields=["-received_at", "-id"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="case_open_recent_idx",
            ),
            # The dashboard's 至急 and 初回対応の期限超過 queues: open and nobody has responded yet.
            models.Index(
                fields=["first_response_due_at"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES), first_response_at__isnull=True),
                name="case_awaiting_response_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(tier__in=[1, 2]), name="case_tier_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:detail", kwargs={"reference": self.reference})

    @property
    def is_open(self) -> bool:
        return self.status not in {Status.CLOSED, Status.MERGED}

    @property
    def shows_suggestion(self) -> bool:
        """The triage suggestion stands in for the decision until staff choose a category."""
        return not self.category and bool(self.suggested_category)

    @property
    def suggestion_is_urgent(self) -> bool:
        """The suggestion marks the case urgent, above what staff set at intake (if anything)."""
        suggested = self.suggested_urgency
        if not self.shows_suggestion or suggested is None:
            return False
        return suggested >= Urgency.HIGH and suggested > self.urgency

    @property
    def effective_urgency(self) -> int:
        """The urgency queues sort by: a suggestion may raise an undecided case's urgency, never lower it."""
        if self.shows_suggestion and self.suggested_urgency is not None:
            return max(self.urgency, self.suggested_urgency)
        return self.urgency


class CaseEvent(ChoiceLabels):
    """One entry of a case's timeline. The timeline is the record: rows are only ever appended."""

    case = models.ForeignKey(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("種類"), max_length=32, choices=EventKind.choices)
    at = models.DateTimeField(_("日時"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("内容"), blank=True)
    data = models.JSONField(_("詳細"), default=dict, blank=True)

    class Meta:
        verbose_name = _("経過記録")
        verbose_name_plural = _("経過記録")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="event_case_at_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("CaseEvent is append-only: record a correction as a new event")
        super().save(*args, **kwargs)


class Callback(ChoiceLabels):
    """A promised call-back (折り返し): shown on the dashboard until done."""

    case = models.ForeignKey(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="callbacks")
    phone = models.CharField(_("折り返し先電話番号"), max_length=32)
    due_at = models.DateTimeField(_("折り返し期限"), db_index=True)
    note = models.TextField(_("メモ"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("担当者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登録者"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    done_at = models.DateTimeField(_("完了日時"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("完了者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.TextField(_("結果"), blank=True)

    class Meta:
        verbose_name = _("折り返し")
        verbose_name_plural = _("折り返し")
        ordering = ["due_at"]
        indexes = [models.Index(fields=["done_at", "due_at"], name="callback_open_idx")]

    def __str__(self) -> str:
        return f"{self.phone} {self.due_at:%Y-%m-%d %H:%M}"


class ExternalInquiry(models.Model):
    """An inquiry the back office made outside (警視庁, IPA, partner organisations)."""

    case = models.ForeignKey(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="inquiries")
    organization_name = models.CharField(_("照会先"), max_length=200)
    contact_person = models.CharField(_("先方担当者"), max_length=100, blank=True)
    contacted_at = models.DateTimeField(_("照会日時"))
    question = models.TextField(_("照会内容"))
    response = models.TextField(_("先方の回答"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("記録者"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("外部照会")
        verbose_name_plural = _("外部照会")
        ordering = ["contacted_at"]

    def __str__(self) -> str:
        return f"{self.organization_name} {self.contacted_at:%Y-%m-%d}"


class ResponseTarget(models.Model):
    """Response-time target per category, counted in business time unless said otherwise."""

    category = models.CharField(_("相談区分"), max_length=32, choices=Category.choices, unique=True)
    first_response_minutes = models.PositiveIntegerField(_("初回対応までの目標（分）"))
    business_hours_only = models.BooleanField(_("営業時間内で数える"), default=True)

    class Meta:
        verbose_name = _("対応時間の目標")
        verbose_name_plural = _("対応時間の目標")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.first_response_minutes}"


class DeskRules(models.Model):
    """Singleton row of desk rules that admins change without a deploy."""

    approval_categories = models.JSONField(_("回答に管理職の承認を要する相談区分"), default=list, blank=True)
    approval_for_police_referral = models.BooleanField(
        _("警察への相談を要する案件の回答には、相談区分にかかわらず管理職の承認を要する"), default=True
    )
    default_first_response_minutes = models.PositiveIntegerField(_("初回対応の標準目標（分）"), default=24 * 60)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("窓口の運用ルール")
        verbose_name_plural = _("窓口の運用ルール")

    def __str__(self) -> str:
        return str(_("窓口の運用ルール"))

    @classmethod
    def current(cls) -> DeskRules:
        rules, _created = cls.objects.get_or_create(
            pk=1, defaults={"approval_categories": [Category.CRIME, Category.LEGAL]}
        )
        return rules


class SavedCaseView(models.Model):
    """A named case-list filter (「この条件を保存」): the list's query string, applied through the filter form."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.CASCADE, related_name="saved_case_views"
    )
    name = models.CharField(_("名前"), max_length=100)
    query = models.TextField(_("絞り込み条件"), blank=True)
    shared = models.BooleanField(_("窓口の全員に共有する"), default=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("保存した一覧条件")
        verbose_name_plural = _("保存した一覧条件")
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_case_view_unique_name")]

    def __str__(self) -> str:
        return self.name
