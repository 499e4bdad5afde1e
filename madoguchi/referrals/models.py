"""Referral directory (相談・届出先) and law map (事象と適用法規): sourced reference data staff maintain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import Category


class AsOfBasis(models.TextChoices):
    PUBLISHED = "published", _("掲載日")
    SNAPSHOT = "snapshot", _("取得した写しの日付")
    MONTH = "month", _("年月のみ判明（1日とする）")
    EFFECTIVE = "effective", _("施行日・開始日")
    GATHERED = "gathered", _("調査日（出典に日付なし）")


class EntryType(models.TextChoices):
    CONSULTATION = "consultation", _("相談窓口")
    REPORTING = "reporting", _("届出・通報")
    SERVICE = "service", _("制度・民間サービス")
    RESOURCE = "resource", _("情報源・資料")
    DIRECTORY = "directory", _("一覧")


class Audience(models.TextChoices):
    COMPANY = "company", _("事業者")
    INDIVIDUAL = "individual", _("個人")


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("電話")
    WEB = "web", _("Web")
    EMAIL = "email", _("メール")
    COUNTER = "counter", _("窓口")


class PenaltyWording(models.TextChoices):
    KOKINKEI_VERIFIED = "kokinkei_verified", _("拘禁刑（2025年6月以降の条文を確認済み）")
    # 刑法等一部改正法（令和4年法律第67号）と整理法（同第68号）は有期の懲役・禁錮を同じ長さの拘禁刑に置き換えた。
    # The old penalty was read in a source; the new wording follows from those two acts, not from reading the new text.
    KOKINKEI_BY_AMENDMENT = (
        "kokinkei_by_amendment",
        _("拘禁刑（令和4年法律第67号・第68号による置換え。新しい条文の文言は未読）"),
    )
    AS_SOURCE = "as_source", _("出典の表記のまま")
    NONE = "none", _("罰則なし")


class LinkRelevance(models.TextChoices):
    PRIMARY = "primary", _("主な適用法規")
    CONDITIONAL = "conditional", _("条件付き")


class SourcedRecord(models.Model):
    """Where a fact came from, how old it is, and who last checked it.

    loaded_at / edited_at let the loader tell a record staff changed after the last load from one it may refresh.
    """

    code = models.SlugField(_("コード"), max_length=64, unique=True)
    order = models.PositiveIntegerField(_("表示順"), default=0)
    source_url = models.URLField(_("出典URL"), max_length=500)
    source_note = models.TextField(_("出典の補足"), blank=True)
    see_also = models.JSONField(_("関連する出典"), default=list, blank=True)
    as_of = models.DateField(_("情報の日付"))
    as_of_basis = models.CharField(_("日付の根拠"), max_length=16, choices=AsOfBasis.choices)
    verified = models.BooleanField(_("出典で確認済み"), default=False)
    verification_note = models.TextField(_("要確認の内容"), blank=True)
    notes = models.TextField(_("備考"), blank=True)
    # When someone last read the source for the data file (as_of is the source's own date).
    checked_on = models.DateField(_("出典を確認した日"), null=True, blank=True)
    last_verified_at = models.DateTimeField(_("最終確認日時"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最終確認者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    loaded_at = models.DateTimeField(_("データファイルからの読込日時"), null=True, blank=True, editable=False)
    edited_at = models.DateTimeField(_("職員による最終更新日時"), null=True, blank=True, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最終更新者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def edited_after_load(self) -> bool:
        return self.edited_at is not None and (self.loaded_at is None or self.edited_at > self.loaded_at)


class Situation(SourcedRecord):
    """What happened to the consulter, in the consulter's terms (相談の状況)."""

    label = models.CharField(_("状況"), max_length=200)
    description = models.TextField(_("説明"), blank=True)
    keywords = models.JSONField(_("キーワード"), default=list, blank=True)
    categories = models.JSONField(_("相談区分"), default=list, blank=True)

    class Meta:
        verbose_name = _("相談の状況")
        verbose_name_plural = _("相談の状況")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class ReferralOrganization(SourcedRecord):
    """An organisation the desk refers consulters to (紹介先機関)."""

    name = models.CharField(_("名称"), max_length=200)
    short_name = models.CharField(_("略称"), max_length=100)
    entry_type = models.CharField(_("種別"), max_length=16, choices=EntryType.choices)
    handles = models.TextField(_("対応内容"))
    audience = models.JSONField(_("対象"), default=list, blank=True)
    channels = models.JSONField(
        _("連絡手段"), default=list, blank=True, help_text=_("種類・連絡先・受付時間・備考の一覧。")
    )
    region = models.CharField(_("地域"), max_length=32)
    categories = models.JSONField(_("相談区分"), default=list, blank=True)
    situations = models.ManyToManyField(
        Situation, verbose_name=_("対応できる状況"), blank=True, related_name="organizations"
    )
    public = models.BooleanField(_("公開ページに掲載"), default=False)
    search_key = models.TextField(_("検索用テキスト"), blank=True, editable=False)
    # Optimistic locking: every write goes through `UPDATE ... WHERE version = <what the editor loaded>`.
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)

    class Meta:
        verbose_name = _("紹介先機関")
        verbose_name_plural = _("紹介先機関")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(public=False) | models.Q(verified=True), name="referral_public_only_if_verified"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("referrals:organization", kwargs={"code": self.code})

    @property
    def phones(self) -> list[dict[str, str]]:
        return [c for c in self.channels if c.get("kind") == ChannelKind.PHONE]

    @property
    def webs(self) -> list[dict[str, str]]:
        return [c for c in self.channels if c.get("kind") == ChannelKind.WEB]

    def audience_labels(self) -> list[str]:
        return [str(Audience(a).label) for a in self.audience if a in Audience.values]

    def category_labels(self) -> list[str]:
        return [str(Category(c).label) for c in self.categories if c in Category.values]


class LawEntry(SourcedRecord):
    """One statutory provision (法令の条項) with what it covers and its penalty."""

    law_name = models.CharField(_("法令名"), max_length=200)
    law_short_name = models.CharField(_("法令の略称"), max_length=100, db_index=True)
    article = models.CharField(_("条項"), max_length=100)
    covers = models.TextField(_("対象となる行為・内容"))
    penalty = models.TextField(_("罰則"), blank=True)
    penalty_article = models.CharField(_("罰則の条項"), max_length=100, blank=True)
    penalty_wording = models.CharField(_("罰則の表記"), max_length=24, choices=PenaltyWording.choices)
    # Acts before 2025-06-01 are still judged under the old wording (整理法第441条): kept as history only.
    penalty_before_2025_06_01 = models.TextField(_("2025年6月1日より前の行為の罰則（旧規定）"), blank=True)
    police_indicated = models.BooleanField(_("警察への相談が考えられる"), default=False)
    primary_checked = models.BooleanField(_("e-Gov の条文で確認済み"), default=False)
    # The statute itself (e-Gov 法令検索 article, EUR-Lex); source_url is the page the facts were read in.
    primary_url = models.URLField(_("条文（e-Gov・EUR-Lex）"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("適用法規")
        verbose_name_plural = _("適用法規")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.law_short_name} {self.article}"

    def get_absolute_url(self) -> str:
        return reverse("referrals:law", kwargs={"code": self.code})


class EventType(SourcedRecord):
    """A kind of event (事象) that may engage one or more provisions."""

    label = models.CharField(_("事象"), max_length=200)
    description = models.TextField(_("説明"), blank=True)
    keywords = models.JSONField(_("キーワード"), default=list, blank=True)
    categories = models.JSONField(_("相談区分"), default=list, blank=True)
    police_indicated = models.BooleanField(_("警察への相談が考えられる"), default=False)
    situations = models.ManyToManyField(
        Situation, verbose_name=_("関係する状況"), blank=True, related_name="event_types"
    )
    laws: models.ManyToManyField[LawEntry, EventLawLink] = models.ManyToManyField(
        LawEntry, verbose_name=_("適用法規"), through="EventLawLink", related_name="event_types", blank=True
    )

    class Meta:
        verbose_name = _("事象")
        verbose_name_plural = _("事象")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("referrals:event", kwargs={"code": self.code})


class EventLawLink(models.Model):
    event = models.ForeignKey(EventType, verbose_name=_("事象"), on_delete=models.CASCADE, related_name="law_links")
    law = models.ForeignKey(LawEntry, verbose_name=_("適用法規"), on_delete=models.PROTECT, related_name="event_links")
    order = models.PositiveIntegerField(_("表示順"), default=0)
    relevance = models.CharField(_("関係の強さ"), max_length=16, choices=LinkRelevance.choices)
    condition = models.TextField(_("適用される条件"), blank=True)
    verified = models.BooleanField(_("出典で確認済み"), default=False)
    verification_note = models.TextField(_("要確認の内容"), blank=True)

    class Meta:
        verbose_name = _("事象と適用法規の対応")
        verbose_name_plural = _("事象と適用法規の対応")
        ordering = ["event", "order"]
        constraints = [models.UniqueConstraint(fields=["event", "law"], name="event_law_link_unique")]

    def __str__(self) -> str:
        return f"{self.event_id} -> {self.law_id}"
