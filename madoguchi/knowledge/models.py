from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable record of any kind (case, FAQ, article, referral, law).

    The raw title and body are kept for snippets; the normalised copies are what the full-text
    structures index (FTS5 tables on SQLite, pg_trgm and bigram GIN indexes on PostgreSQL, created
    in migrations). Rows are written only through madoguchi.knowledge.search.service.
    """

    kind = models.CharField(_("種類"), max_length=16)
    object_id = models.BigIntegerField(_("対象ID"))
    title = models.CharField(_("表題"), max_length=300)
    body = models.TextField(_("本文"), blank=True)
    title_norm = models.CharField(_("表題（正規化）"), max_length=600, editable=False)
    body_norm = models.TextField(_("本文（正規化）"), blank=True, editable=False)
    category = models.CharField(_("相談区分"), max_length=32, blank=True)
    status = models.CharField(_("状態"), max_length=24, blank=True)
    channel = models.CharField(_("受付経路"), max_length=16, blank=True)
    received_at = models.DateTimeField(_("日付"), null=True, blank=True)
    tags = models.TextField(_("タグ"), blank=True, help_text=_("「|」区切り、前後にも「|」"))
    visibility = models.CharField(
        _("公開範囲"),
        max_length=16,
        default="staff",
        help_text=_("public: 誰でも / staff: 職員 / restricted: 種類ごとの閲覧権限で絞り込む"),
    )
    url = models.CharField(_("リンク先"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("索引更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("検索索引")
        verbose_name_plural = _("検索索引")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_kind_object_uniq"),
        ]
        indexes = [
            models.Index(fields=["kind", "category", "received_at"], name="searchentry_filter_idx"),
            # Filter-first plans (service: a selective filter is read through these, then the text is
            # checked on those rows only). The search page filters without a kind, so kind is not leading.
            models.Index(fields=["category", "received_at"], name="searchentry_cat_recv_idx"),
            models.Index(fields=["status", "received_at"], name="searchentry_status_recv_idx"),
            models.Index(fields=["channel", "received_at"], name="searchentry_channel_recv_idx"),
            models.Index(fields=["received_at"], name="searchentry_recv_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("|") if t]


class SearchTag(models.Model):
    """One (tag, entry) posting: the tag filter walked in entry-id order.

    The `tags` text of an entry is what SQLite filters on and what the page shows; these postings let
    PostgreSQL walk the entries of one tag newest first (a B-tree on (tag, entry)), which a LIKE on
    the text cannot. Written only by the search service, together with the entry.
    """

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="tag_postings")
    tag = models.CharField(_("タグ"), max_length=100)

    class Meta:
        verbose_name = _("検索索引のタグ")
        verbose_name_plural = _("検索索引のタグ")
        constraints = [
            models.UniqueConstraint(fields=["tag", "entry"], name="searchtag_tag_entry_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.tag} → {self.entry_id}"


class CannedText(models.Model):
    """定型文: a passage for answer part ① that staff insert into the answer being written and then adapt."""

    title = models.CharField(_("題名"), max_length=100)
    body = models.TextField(_("本文"), max_length=5000)
    category = models.CharField(
        _("よく使う相談区分"),
        max_length=32,
        blank=True,
        help_text=_("選ぶと、その区分の案件で先頭に表示します。"),
    )
    active = models.BooleanField(_("使用中"), default=True)
    version = models.PositiveIntegerField(_("版"), default=1)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("作成者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        "accounts.User", verbose_name=_("更新者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("定型文")
        verbose_name_plural = _("定型文")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title"], condition=models.Q(active=True), name="canned_text_active_title_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


# --- Archive ---


class ArchiveKind(models.TextChoices):
    ARTICLE = "article", _("記事")
    DOCUMENT = "document", _("資料")
    PRE_RESEARCH = "pre_research", _("事前調査資料")


class Importance(models.IntegerChoices):
    LOW = 1, _("低")
    NORMAL = 2, _("中")
    HIGH = 3, _("高")


class ArchiveItem(models.Model):
    """情報アーカイブ: an article or document staff collected, with their summary (要約).

    `url` is stored normalised (archive_url.normalize_url), so the unique constraint is the duplicate check.
    """

    url = models.CharField(_("URL"), max_length=1000, blank=True)
    title = models.CharField(_("表題"), max_length=300)
    source_organization = models.CharField(_("発信元"), max_length=200, blank=True)
    published_on = models.DateField(_("公表日"), null=True, blank=True)
    collected_on = models.DateField(_("収集日"))
    kind = models.CharField(_("種別"), max_length=16, choices=ArchiveKind.choices, default=ArchiveKind.ARTICLE)
    importance = models.PositiveSmallIntegerField(_("重要度"), choices=Importance.choices, default=Importance.NORMAL)
    summary = models.TextField(_("要約"), blank=True)
    tags = models.JSONField(_("タグ"), default=list, blank=True)
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("関連する相談案件"), blank=True, related_name="archive_items"
    )
    version = models.PositiveIntegerField(_("版"), default=1)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("登録者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        "accounts.User", verbose_name=_("更新者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("アーカイブ項目")
        verbose_name_plural = _("アーカイブ項目")
        ordering = ["-collected_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~models.Q(url=""), name="archiveitem_url_unique"),
        ]
        indexes = [models.Index(fields=["kind", "collected_on"], name="archiveitem_kind_collected_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("knowledge:archive_detail", args=[self.pk])


class ArchiveLink(models.Model):
    """A link from an archive item to a record of another kind it informed (an FAQ entry: target_kind "faq").

    Generic on purpose: the FAQ models are not on main yet, and a string kind + id needs no migration when they land.
    """

    item = models.ForeignKey(
        ArchiveItem, verbose_name=_("アーカイブ項目"), on_delete=models.CASCADE, related_name="links"
    )
    target_kind = models.CharField(_("リンク先の種類"), max_length=16)
    target_id = models.BigIntegerField(_("リンク先ID"))
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("リンクした職員"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("リンク日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("アーカイブ項目のリンク")
        verbose_name_plural = _("アーカイブ項目のリンク")
        constraints = [
            models.UniqueConstraint(fields=["item", "target_kind", "target_id"], name="archivelink_target_unique"),
        ]
        indexes = [models.Index(fields=["target_kind", "target_id"], name="archivelink_target_idx")]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.target_kind}:{self.target_id}"


class ArchiveAttachment(models.Model):
    """A PDF kept with an archive item; bytes in the data dir (content-addressed), type sniffed from the bytes."""

    item = models.ForeignKey(
        ArchiveItem, verbose_name=_("アーカイブ項目"), on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(_("ファイル名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_path = models.CharField(_("保存先"), max_length=200)
    size = models.PositiveIntegerField(_("サイズ（バイト）"))
    sniffed_type = models.CharField(_("判定した形式"), max_length=100)
    uploaded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("登録者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("アーカイブの添付ファイル")
        verbose_name_plural = _("アーカイブの添付ファイル")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.filename


class FeedFetchStatus(models.TextChoices):
    NEVER = "never", _("未取得")
    OK = "ok", _("取得成功")
    NOT_MODIFIED = "not_modified", _("更新なし")
    ERROR = "error", _("エラー")


class Feed(models.Model):
    """An RSS/Atom feed staff subscribe to; fetch_feeds imports its new items into the inbox."""

    url = models.CharField(_("フィードのURL"), max_length=1000, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    active = models.BooleanField(_("取得する"), default=True)
    etag = models.CharField(_("ETag"), max_length=300, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    last_fetched_at = models.DateTimeField(_("最終取得日時"), null=True, blank=True)
    last_status = models.CharField(
        _("最終取得の結果"), max_length=16, choices=FeedFetchStatus.choices, default=FeedFetchStatus.NEVER
    )
    last_error = models.TextField(_("最終取得のエラー"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("登録者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("フィード")
        verbose_name_plural = _("フィード")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class FeedItemStatus(models.TextChoices):
    NEW = "new", _("未処理")
    KEPT = "kept", _("保存済み")
    DISMISSED = "dismissed", _("見送り")


class FeedItem(models.Model):
    """One entry of a feed in the inbox: new until staff summarise and keep it (an ArchiveItem) or dismiss it."""

    feed = models.ForeignKey(Feed, verbose_name=_("フィード"), on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(_("識別子"), max_length=1000, blank=True)
    url = models.CharField(_("URL"), max_length=1000, blank=True)
    title = models.CharField(_("表題"), max_length=300)
    description = models.TextField(_("フィードの説明文"), blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("取込日時"), auto_now_add=True)
    status = models.CharField(_("状態"), max_length=16, choices=FeedItemStatus.choices, default=FeedItemStatus.NEW)
    archive_item = models.ForeignKey(
        ArchiveItem,
        verbose_name=_("保存したアーカイブ項目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feed_items",
    )
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name=_("処理した職員"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("処理日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("フィードの記事")
        verbose_name_plural = _("フィードの記事")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], condition=~models.Q(guid=""), name="feeditem_guid_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="feeditem_status_pub_idx"),
            models.Index(fields=["url"], name="feeditem_url_idx"),
        ]

    def __str__(self) -> str:
        return self.title


# --- FAQ ---


class FaqStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    IN_REVIEW = "in_review", _("確認待ち")
    PUBLISHED = "published", _("公開中")
    RETIRED = "retired", _("廃止")


# The one table of status moves (faq_services.faq_transition is the only writer). Approval is the move
# in_review -> published and needs a reviewer who wrote none of the entry (docs/faq.md).
FAQ_ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    FaqStatus.DRAFT: frozenset({FaqStatus.IN_REVIEW, FaqStatus.RETIRED}),
    FaqStatus.IN_REVIEW: frozenset({FaqStatus.DRAFT, FaqStatus.PUBLISHED}),
    FaqStatus.PUBLISHED: frozenset({FaqStatus.RETIRED}),
    FaqStatus.RETIRED: frozenset({FaqStatus.DRAFT}),
}


class FaqVisibility(models.TextChoices):
    INTERNAL = "internal", _("職員のみ")
    PUBLIC = "public", _("公開サイトにも掲載")


class FaqEntry(models.Model):
    """よくある質問: generalised questions and the desk's example answer (① measures, ② referral organisations)."""

    title = models.CharField(_("見出し"), max_length=200)
    questions = models.JSONField(_("質問の例"), default=list)
    measures = models.TextField(_("回答例 ① 具体的な対策"))
    referrals = models.ManyToManyField(
        "referrals.ReferralOrganization", verbose_name=_("回答例 ② 相談・届出先"), blank=True, related_name="+"
    )
    keywords = models.JSONField(_("キーワード"), default=list, blank=True)
    sources = models.TextField(_("参考にした情報"), blank=True)
    source_cases = models.ManyToManyField("cases.Case", verbose_name=_("元にした相談"), blank=True, related_name="+")
    read_more = models.JSONField(_("詳しく読む（リンク）"), default=list, blank=True)
    status = models.CharField(_("状態"), max_length=16, choices=FaqStatus.choices, default=FaqStatus.DRAFT)
    visibility = models.CharField(
        _("公開範囲"), max_length=16, choices=FaqVisibility.choices, default=FaqVisibility.INTERNAL
    )
    # Masked spans of the draft's text (faq_masking): the reviewer sees and adjusts each one. The original
    # strings are personal data; publishing removes them (docs/faq.md).
    mask_spans = models.JSONField(_("マスクした箇所"), default=list, blank=True)
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("作成者"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("確認者"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    approved_hash = models.CharField(_("承認した内容のハッシュ（SHA-256）"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("よくある質問")
        verbose_name_plural = _("よくある質問")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "visibility"], name="faq_status_visibility_idx")]
        constraints = [
            # Nothing is published without a named reviewer (the author check is in faq_services).
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(reviewed_by__isnull=False),
                name="faq_published_has_reviewer",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("knowledge:faq_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == FaqStatus.PUBLISHED and self.visibility == FaqVisibility.PUBLIC


class FaqVersion(models.Model):
    """One saved state of an FAQ entry: who changed what. Never edited."""

    faq = models.ForeignKey(FaqEntry, verbose_name=_("よくある質問"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版番号"))
    author = models.ForeignKey(
        "accounts.User", verbose_name=_("変更した職員"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("変更日時"), auto_now_add=True)
    changed = models.JSONField(_("変更した項目"), default=list)
    snapshot = models.JSONField(_("内容"), default=dict)

    class Meta:
        verbose_name = _("よくある質問の版")
        verbose_name_plural = _("よくある質問の版")
        ordering = ["faq", "number"]
        constraints = [models.UniqueConstraint(fields=["faq", "number"], name="faq_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.faq_id} v{self.number}"


class FaqUse(models.Model):
    """An FAQ answer inserted into a case's answer."""

    faq = models.ForeignKey(FaqEntry, verbose_name=_("よくある質問"), on_delete=models.CASCADE, related_name="uses")
    case = models.ForeignKey("cases.Case", verbose_name=_("相談案件"), on_delete=models.CASCADE, related_name="+")
    used_by = models.ForeignKey(
        "accounts.User", verbose_name=_("使った職員"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    used_at = models.DateTimeField(_("使った日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("よくある質問の利用")
        verbose_name_plural = _("よくある質問の利用")
        indexes = [models.Index(fields=["faq", "used_at"], name="faq_use_faq_idx")]

    def __str__(self) -> str:
        return f"{self.faq_id} → {self.case_id}"


class UsefulLink(models.Model):
    """Web掲載内容: a curated link to another organisation's material for SMEs, with a short summary."""

    title = models.CharField(_("題名"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    publisher = models.CharField(_("発行元"), max_length=200)
    summary = models.TextField(_("要約"), max_length=1000)
    checked_on = models.DateField(_("内容を確認した日"))
    published = models.BooleanField(_("公開サイトに掲載"), default=True)
    order = models.IntegerField(_("並び順"), default=0)
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    updated_by = models.ForeignKey(
        "accounts.User", verbose_name=_("更新者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("役に立つリンク")
        verbose_name_plural = _("役に立つリンク")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title
