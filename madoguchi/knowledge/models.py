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
