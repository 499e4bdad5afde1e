from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.models import Case


class Family(models.TextChoices):
    OUTAGE = "outage", _("情報システムの障害")
    ATTACK = "attack", _("情報システムへの攻撃")
    LEAK = "leak", _("情報漏えい")


class Phase(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("初動対応")
    CONTAINMENT = "containment", _("封じ込め")
    INVESTIGATION = "investigation", _("調査")
    NOTIFICATION = "notification", _("報告・通知")
    RECOVERY = "recovery", _("復旧")
    PREVENTION = "prevention", _("再発防止")


PHASE_ORDER = [p.value for p in Phase]


class Who(models.TextChoices):
    CONSULTER = "consulter", _("相談者（社内の担当者）")
    MANAGEMENT = "management", _("経営者・責任者")
    VENDOR = "vendor", _("保守業者・セキュリティ事業者")
    DESK = "desk", _("窓口の職員")


class PlaybookTemplate(models.Model):
    """One version of a playbook. A changed playbook is a new row (code `leak_v2`); runs keep their copy."""

    code = models.SlugField(_("コード"), max_length=64, unique=True)
    family = models.CharField(_("種類"), max_length=16, choices=Family.choices)
    version = models.PositiveIntegerField(_("版"))
    title = models.CharField(_("名称"), max_length=200)
    situations = models.JSONField(_("状況"), default=list, blank=True)
    categories = models.JSONField(_("相談区分"), default=list, blank=True)
    source_url = models.URLField(_("出典"), max_length=500)
    as_of = models.DateField(_("出典の日付"))
    as_of_basis = models.CharField(_("日付の根拠"), max_length=16, blank=True)
    source_note = models.TextField(_("出典メモ"), blank=True)
    sources = models.JSONField(_("参考にした手順"), default=list, blank=True)
    verified = models.BooleanField(_("出典で確認済み"), default=False)
    verification_note = models.TextField(_("確認が必要な点"), blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("事故対応フローのテンプレート")
        verbose_name_plural = _("事故対応フローのテンプレート")
        ordering = ["family", "-version"]
        constraints = [models.UniqueConstraint(fields=["family", "version"], name="playbook_family_version_unique")]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"


class TemplateItem(models.Model):
    template = models.ForeignKey(
        PlaybookTemplate, verbose_name=_("テンプレート"), on_delete=models.CASCADE, related_name="items"
    )
    phase = models.CharField(_("段階"), max_length=24, choices=Phase.choices)
    phase_label = models.CharField(_("段階の名称"), max_length=50)
    position = models.PositiveIntegerField(_("並び順"))
    code = models.SlugField(_("コード"), max_length=32)
    text = models.TextField(_("行うこと"))
    who = models.CharField(_("担当"), max_length=16, choices=Who.choices)
    record = models.TextField(_("記録すること"), blank=True)
    legal_clock = models.CharField(_("関係する報告期限"), max_length=64, blank=True)
    organizations = models.JSONField(_("案内する機関"), default=list, blank=True)

    class Meta:
        verbose_name = _("テンプレートの項目")
        verbose_name_plural = _("テンプレートの項目")
        ordering = ["template", "position"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="template_item_code_unique")]

    def __str__(self) -> str:
        return self.code


class ClockKind(models.TextChoices):
    HARD = "hard", _("期限")
    GUIDELINE = "guideline", _("目安")
    PROMPTLY = "promptly", _("速やかに")


class StartsFrom(models.TextChoices):
    AWARE_AT = "aware_at", _("事案を認知した日時")
    INCIDENT_AT = "incident_at", _("被害が発生した日時")


class LegalClockRule(models.Model):
    """A reporting deadline rule from legal_clocks.yaml; the code computing deadlines reads only these rows."""

    code = models.SlugField(_("コード"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    authority = models.CharField(_("報告・通知先"), max_length=200)
    description = models.TextField(_("内容"), blank=True)
    law = models.CharField(_("根拠条文（法令マップのコード）"), max_length=64, blank=True)
    starts_from = models.CharField(_("起算点"), max_length=16, choices=StartsFrom.choices)
    duration = models.DurationField(_("期間"), null=True, blank=True)
    soft_duration = models.DurationField(_("目安の早い方"), null=True, blank=True)
    # PT72H and P3D are the same timedelta but not the same rule: hours end at the instant, days at midnight.
    counts_in = models.CharField(
        _("数える単位"), max_length=8, choices=[("days", _("日")), ("hours", _("時間"))], default="days"
    )
    kind = models.CharField(_("種類"), max_length=16, choices=ClockKind.choices)
    calendar = models.CharField(_("暦"), max_length=32, default="calendar days")
    applies_when = models.JSONField(_("適用条件"), default=dict)
    source_url = models.URLField(_("出典"), max_length=500)
    as_of = models.DateField(_("出典の日付"))
    as_of_basis = models.CharField(_("日付の根拠"), max_length=16, blank=True)
    source_note = models.TextField(_("出典メモ"), blank=True)
    verified = models.BooleanField(_("出典で確認済み"), default=False)
    verification_note = models.TextField(_("確認が必要な点"), blank=True)
    notes = models.TextField(_("備考"), blank=True)
    checked_on = models.DateField(_("出典を確認した日"), null=True, blank=True)
    edited_by_staff = models.BooleanField(_("職員が編集済み"), default=False)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("報告期限のルール")
        verbose_name_plural = _("報告期限のルール")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    ACTIVE = "active", _("実施中")
    FINISHED = "finished", _("終了")


class PlaybookRun(models.Model):
    """A checklist started on a case: its items are copies, so template changes never alter it."""

    case = models.ForeignKey(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="playbook_runs")
    template = models.ForeignKey(
        PlaybookTemplate, verbose_name=_("テンプレート"), on_delete=models.PROTECT, related_name="runs"
    )
    template_code = models.CharField(_("テンプレートのコード"), max_length=64)
    template_version = models.PositiveIntegerField(_("テンプレートの版"))
    family = models.CharField(_("種類"), max_length=16, choices=Family.choices)
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状態"), max_length=16, choices=RunStatus.choices, default=RunStatus.ACTIVE)
    started_at = models.DateTimeField(_("開始日時"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("開始した職員"), on_delete=models.PROTECT, related_name="+"
    )
    # Kept in step by the tick service so queues show progress with one prefetch and no item rows.
    done_count = models.PositiveIntegerField(_("完了した項目数"), default=0)
    total_count = models.PositiveIntegerField(_("項目数"), default=0)

    class Meta:
        verbose_name = _("事故対応フローの実施")
        verbose_name_plural = _("事故対応フローの実施")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "family"],
                condition=models.Q(status="active"),
                name="playbook_one_active_run_per_family",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.title}"

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total_count) if self.total_count else 0


class RunItem(models.Model):
    run = models.ForeignKey(PlaybookRun, verbose_name=_("実施"), on_delete=models.CASCADE, related_name="items")
    phase = models.CharField(_("段階"), max_length=24, choices=Phase.choices)
    phase_label = models.CharField(_("段階の名称"), max_length=50)
    position = models.PositiveIntegerField(_("並び順"))
    code = models.SlugField(_("コード"), max_length=32)
    text = models.TextField(_("行うこと"))
    who = models.CharField(_("担当"), max_length=16, choices=Who.choices)
    record = models.TextField(_("記録すること"), blank=True)
    legal_clock = models.CharField(_("関係する報告期限"), max_length=64, blank=True)
    organizations = models.JSONField(_("案内する機関"), default=list, blank=True)
    done = models.BooleanField(_("完了"), default=False)
    done_at = models.DateTimeField(_("完了日時"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("完了にした職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("メモ"), blank=True)

    class Meta:
        verbose_name = _("チェック項目")
        verbose_name_plural = _("チェック項目")
        ordering = ["run", "position"]
        constraints = [models.UniqueConstraint(fields=["run", "code"], name="run_item_code_unique")]

    def __str__(self) -> str:
        return self.code


class RunItemTick(models.Model):
    """Every tick and untick of an item, append-only, so the checklist's history survives unticks."""

    item = models.ForeignKey(RunItem, verbose_name=_("チェック項目"), on_delete=models.CASCADE, related_name="ticks")
    done = models.BooleanField(_("完了"))
    at = models.DateTimeField(_("日時"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("職員"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("メモ"), blank=True)

    class Meta:
        verbose_name = _("チェックの記録")
        verbose_name_plural = _("チェックの記録")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.done} {self.at:%Y-%m-%d %H:%M}"


class CaseClockFacts(models.Model):
    """The facts the legal clocks depend on, per case (flags such as personal_data, eu_residents)."""

    case = models.OneToOneField(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="clock_facts")
    flags = models.JSONField(_("該当する事情"), default=dict, blank=True)
    incident_at = models.DateTimeField(_("被害が発生した日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("更新した職員"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("報告期限の判断材料")
        verbose_name_plural = _("報告期限の判断材料")

    def __str__(self) -> str:
        return f"{self.case_id} {self.flags}"


class ClockFiling(models.Model):
    """A report or notice marked as filed: it stops that clock for the case."""

    case = models.ForeignKey(Case, verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="clock_filings")
    clock_code = models.CharField(_("報告期限のコード"), max_length=64)
    filed_at = models.DateTimeField(_("提出日時"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("記録した職員"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("記録日時"), auto_now_add=True)
    note = models.TextField(_("メモ（受付番号など）"), blank=True)

    class Meta:
        verbose_name = _("報告の提出")
        verbose_name_plural = _("報告の提出")
        constraints = [models.UniqueConstraint(fields=["case", "clock_code"], name="clock_filing_once_per_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.clock_code}"
