"""Outreach (普及啓発): guidebook mailing requests, seminars and on-site visits, the materials library."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.models import Case


class GuidebookEdition(models.Model):
    """A printed edition of the guidebook and how many copies are left on the shelf."""

    name = models.CharField(_("版の名称"), max_length=200, unique=True)
    published_on = models.DateField(_("発行日"))
    stock = models.PositiveIntegerField(_("在庫部数"), default=0)
    low_stock_threshold = models.PositiveIntegerField(_("在庫警告のしきい値"), default=50)
    is_active = models.BooleanField(_("受付中"), default=True)

    class Meta:
        verbose_name = _("ガイドブックの版")
        verbose_name_plural = _("ガイドブックの版")
        ordering = ["-published_on", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_low(self) -> bool:
        return self.stock < self.low_stock_threshold


class RequestSource(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Webの申込フォーム")
    CASE = "case", _("相談案件から")
    STAFF = "staff", _("職員の入力")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("受付")
    PREPARING = "preparing", _("発送準備")
    SHIPPED = "shipped", _("発送済")
    CANCELLED = "cancelled", _("取消")


# The whole workflow of a mailing request: shipped and cancelled are final.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.RECEIVED: frozenset({RequestStatus.PREPARING, RequestStatus.CANCELLED}),
    RequestStatus.PREPARING: frozenset({RequestStatus.SHIPPED, RequestStatus.RECEIVED, RequestStatus.CANCELLED}),
    RequestStatus.SHIPPED: frozenset(),
    RequestStatus.CANCELLED: frozenset(),
}


class ShippingMethod(models.TextChoices):
    POST = "post", _("郵便（ゆうメール）")
    LETTER_PACK = "letter_pack", _("レターパック")
    COURIER = "courier", _("宅配便")
    HAND = "hand", _("手渡し")


class RequestCounter(models.Model):
    """Last issued guidebook request number per year; numbers only ever go up."""

    year = models.PositiveIntegerField(_("年"), primary_key=True)
    last_value = models.PositiveIntegerField(_("最終番号"), default=0)

    class Meta:
        verbose_name = _("送付依頼番号の採番")
        verbose_name_plural = _("送付依頼番号の採番")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class GuidebookRequest(models.Model):
    """ガイドブック送付依頼: who gets how many copies of which edition, and where the parcel stands."""

    reference = models.CharField(_("受付番号"), max_length=20, unique=True, editable=False)
    source = models.CharField(_("受付経路"), max_length=16, choices=RequestSource.choices)
    status = models.CharField(
        _("状態"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.RECEIVED, db_index=True
    )
    edition = models.ForeignKey(
        GuidebookEdition, verbose_name=_("版"), on_delete=models.PROTECT, related_name="requests"
    )
    copies = models.PositiveIntegerField(_("部数"))
    organization = models.CharField(_("組織名"), max_length=200)
    department = models.CharField(_("部署名"), max_length=200, blank=True)
    person_name = models.CharField(_("ご担当者名"), max_length=100)
    postal_code = models.CharField(_("郵便番号"), max_length=8)
    prefecture = models.CharField(_("都道府県"), max_length=8)
    address = models.CharField(_("住所（市区町村以降）"), max_length=300)
    phone = models.CharField(_("電話番号"), max_length=40, blank=True)
    email = models.EmailField(_("メールアドレス"), max_length=254, blank=True)
    purpose = models.TextField(_("利用目的"), blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("相談案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("受付日時"), db_index=True)
    shipped_on = models.DateField(_("発送日"), null=True, blank=True)
    shipping_method = models.CharField(_("発送方法"), max_length=16, choices=ShippingMethod.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("ガイドブック送付依頼")
        verbose_name_plural = _("ガイドブック送付依頼")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(copies__gte=1), name="guidebookrequest_copies_positive"),
            models.CheckConstraint(
                condition=~models.Q(status="shipped") | models.Q(shipped_on__isnull=False),
                name="guidebookrequest_shipped_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.organization}"

    @property
    def full_address(self) -> str:
        return f"{self.prefecture}{self.address}"


class RequestStatusChange(models.Model):
    """One step of a request's status history; rows are only ever added."""

    request = models.ForeignKey(
        GuidebookRequest, verbose_name=_("送付依頼"), on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(_("変更前"), max_length=16, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("変更後"), max_length=16, choices=RequestStatus.choices)
    at = models.DateTimeField(_("日時"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("メモ"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("送付依頼の状態履歴")
        verbose_name_plural = _("送付依頼の状態履歴")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} -> {self.to_status}"


class MaterialKind(models.TextChoices):
    PPTX = "pptx", _("PowerPoint（PPTX）")
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word（DOCX）")
    MARKDOWN = "markdown", _("Markdown")


class Material(models.Model):
    """プレゼン用マスタースライド・解説文: a document kept in versions."""

    title = models.CharField(_("題名"), max_length=200)
    kind = models.CharField(_("形式"), max_length=16, choices=MaterialKind.choices)
    description = models.TextField(_("説明"), blank=True)
    tags = models.CharField(_("タグ（読点・カンマ区切り）"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("登録日時"))

    class Meta:
        verbose_name = _("資料")
        verbose_name_plural = _("資料")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (part.strip() for part in self.tags.replace("、", ",").split(",")) if t]


class MaterialVersion(models.Model):
    """One file of a material; exactly one version per material is current."""

    material = models.ForeignKey(Material, verbose_name=_("資料"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版番号"))
    filename = models.CharField(_("ファイル名"), max_length=255)
    content_type = models.CharField(_("ファイル形式"), max_length=120)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_path = models.CharField(_("保存場所"), max_length=300)
    change_note = models.TextField(_("変更内容"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"))
    is_current = models.BooleanField(_("現行版"), default=False)

    class Meta:
        verbose_name = _("資料の版")
        verbose_name_plural = _("資料の版")
        ordering = ["material", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="materialversion_number_unique"),
            models.UniqueConstraint(
                fields=["material"], condition=models.Q(is_current=True), name="materialversion_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.material.title} v{self.number}"


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("普及啓発セミナー")
    ONSITE = "onsite", _("出張相談・個別助言")


class OutreachEvent(models.Model):
    """A seminar or an on-site consultation: when, where, with whom, what was used and how it went."""

    kind = models.CharField(_("種類"), max_length=16, choices=EventKind.choices)
    topic = models.CharField(_("テーマ"), max_length=200)
    starts_at = models.DateTimeField(_("開始日時"), db_index=True)
    ends_at = models.DateTimeField(_("終了日時"), null=True, blank=True)
    venue = models.CharField(_("会場・訪問先"), max_length=300, blank=True)
    online = models.BooleanField(_("オンライン開催"), default=False)
    organiser = models.CharField(_("主催"), max_length=200)
    co_organisers = models.CharField(_("共催・後援"), max_length=500, blank=True)
    speakers = models.CharField(_("講師・対応者"), max_length=500, blank=True)
    participants = models.PositiveIntegerField(_("参加者数"), null=True, blank=True)
    # Questionnaire results: counts per satisfaction level (the desk's four-level questionnaire).
    satisfied = models.PositiveIntegerField(_("満足"), default=0)
    rather_satisfied = models.PositiveIntegerField(_("やや満足"), default=0)
    rather_dissatisfied = models.PositiveIntegerField(_("やや不満"), default=0)
    dissatisfied = models.PositiveIntegerField(_("不満"), default=0)
    notes = models.TextField(_("メモ"), blank=True)
    materials = models.ManyToManyField(
        MaterialVersion, verbose_name=_("使用した資料の版"), blank=True, related_name="events"
    )
    # The consultation recorded for an on-site visit (channel 出張相談).
    case = models.ForeignKey(
        Case, verbose_name=_("出張相談の記録"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    follow_up_cases = models.ManyToManyField(Case, verbose_name=_("その後の相談"), blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("セミナー・出張相談")
        verbose_name_plural = _("セミナー・出張相談")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.topic

    @property
    def responses(self) -> int:
        return self.satisfied + self.rather_satisfied + self.rather_dissatisfied + self.dissatisfied
