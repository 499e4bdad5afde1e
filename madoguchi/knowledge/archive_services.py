"""Write path of the information archive (情報アーカイブ): items, their links and PDFs, feeds and the feed inbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, require
from madoguchi.cases.access import visible_cases
from madoguchi.cases.models import Case
from madoguchi.core import datadir
from madoguchi.core.errors import DomainError
from madoguchi.core.versioning import save_if_unchanged
from madoguchi.knowledge import archive_files, faq_selectors
from madoguchi.knowledge.archive_index import index_item
from madoguchi.knowledge.feeds.fetch import FetchResult, fetch
from madoguchi.knowledge.feeds.parse import FeedError, parse_feed
from madoguchi.knowledge.feeds.urlnorm import InvalidURL, normalize_url
from madoguchi.knowledge.models import (
    ArchiveAttachment,
    ArchiveItem,
    ArchiveKind,
    ArchiveLink,
    Feed,
    FeedFetchStatus,
    FeedItem,
    FeedItemStatus,
    Importance,
)
from madoguchi.taxonomy import services as taxonomy_services
from madoguchi.taxonomy.models import Term
from madoguchi.taxonomy.selectors import terms_for

# Kinds an archive item may be linked to besides consultations (which have a real many-to-many).
LINK_TARGET_KINDS = ("faq",)


def _refusal() -> str:
    return _("情報アーカイブを編集する権限がありません。")


class DuplicateArchiveURL(DomainError):
    """The URL is archived already; `existing` is that item, so the page can link to it."""

    def __init__(self, message: str, *, existing: ArchiveItem) -> None:
        super().__init__(message, field="url")
        self.existing = existing


@dataclass(frozen=True)
class ArchiveItemData:
    title: str
    collected_on: dt.date
    url: str = ""
    source_organization: str = ""
    published_on: dt.date | None = None
    kind: str = ArchiveKind.ARTICLE
    importance: int = Importance.NORMAL
    summary: str = ""
    tags: tuple[str, ...] = ()
    term_ids: tuple[int, ...] = field(default=())


def _normalized(url: str) -> str:
    if not url.strip():
        return ""
    try:
        return normalize_url(url)
    except InvalidURL as exc:
        raise DomainError(_("http:// または https:// で始まる URL を入力してください。"), field="url") from exc


def _check_duplicate(url: str, *, exclude: int | None = None) -> None:
    if not url:
        return
    others = ArchiveItem.objects.filter(url=url)
    existing = (others.exclude(pk=exclude) if exclude is not None else others).first()
    if existing is not None:
        raise DuplicateArchiveURL(
            _("この URL は既にアーカイブにあります（「%(title)s」）。") % {"title": existing.title}, existing=existing
        )


def _set_terms(*, actor: User, item: ArchiveItem, term_ids: Sequence[int]) -> None:
    wanted = {t.pk: t for t in Term.objects.filter(pk__in=term_ids)}
    current = {t.pk: t for t in terms_for(obj=item)}
    for pk, term in wanted.items():
        if pk not in current:
            taxonomy_services.classify(actor=actor, obj=item, term=term)
    for pk, term in current.items():
        if pk not in wanted:
            taxonomy_services.unclassify(actor=actor, obj=item, term=term)


def _fields(data: ArchiveItemData, url: str) -> dict[str, object]:
    return {
        "url": url,
        "title": data.title,
        "source_organization": data.source_organization,
        "published_on": data.published_on,
        "collected_on": data.collected_on,
        "kind": data.kind,
        "importance": data.importance,
        "summary": data.summary,
        "tags": list(dict.fromkeys(t.strip() for t in data.tags if t.strip())),
    }


def _create(*, actor: User, data: ArchiveItemData) -> ArchiveItem:
    url = _normalized(data.url)
    _check_duplicate(url)
    try:
        with transaction.atomic():
            item = ArchiveItem.objects.create(**_fields(data, url), created_by=actor, updated_by=actor)
    except IntegrityError:
        # Someone archived the same URL between the check and the insert.
        _check_duplicate(url)
        raise
    _set_terms(actor=actor, item=item, term_ids=data.term_ids)
    index_item(item)
    audit.record(action=AuditAction.CREATE, actor=actor, target=item)
    return item


@transaction.atomic
def archive_item_create(*, actor: User, data: ArchiveItemData) -> ArchiveItem:
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    return _create(actor=actor, data=data)


@transaction.atomic
def archive_item_update(*, actor: User, item: ArchiveItem, expected_version: int, data: ArchiveItemData) -> ArchiveItem:
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    url = _normalized(data.url)
    _check_duplicate(url, exclude=item.pk)
    try:
        with transaction.atomic():
            save_if_unchanged(
                item,
                expected_version=expected_version,
                conflict_message=_("他の職員がこの項目を先に更新しました。最新の内容を確認してください。"),
                updated_by=actor,
                updated_at=timezone.now(),
                **_fields(data, url),
            )
    except IntegrityError:
        _check_duplicate(url, exclude=item.pk)
        raise
    item.refresh_from_db()
    _set_terms(actor=actor, item=item, term_ids=data.term_ids)
    index_item(item)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=item)
    return item


@transaction.atomic
def archive_item_link_case(*, actor: User, item: ArchiveItem, case: Case) -> None:
    """Record that the item informed a consultation the actor may see (the same rule as the case screen)."""
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    if not visible_cases(user=actor).filter(pk=case.pk).exists():
        raise DomainError(_("その受付番号の相談案件は見つかりません。"), field="reference")
    item.cases.add(case)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=item, detail={"linked_case": case.reference})


@transaction.atomic
def archive_item_unlink_case(*, actor: User, item: ArchiveItem, case: Case) -> None:
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    item.cases.remove(case)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=item, detail={"unlinked_case": case.reference})


@transaction.atomic
def archive_item_link_target(*, actor: User, item: ArchiveItem, target_kind: str, target_id: int) -> ArchiveLink:
    """Link to a record of another kind it informed (an FAQ entry the actor may see: same refusal if missing)."""
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    if target_kind not in LINK_TARGET_KINDS:
        raise DomainError(_("この種類の記録にはリンクできません。"), field="target_kind")
    if target_kind == "faq" and not faq_selectors.visible_faq_exists(user=actor, pk=target_id):
        raise DomainError(_("この番号のよくある質問は見つかりません。"), field="target_id")
    link, created = ArchiveLink.objects.get_or_create(
        item=item, target_kind=target_kind, target_id=target_id, defaults={"created_by": actor}
    )
    if created:
        audit.record(
            action=AuditAction.UPDATE, actor=actor, target=item, detail={"linked": f"{target_kind}:{target_id}"}
        )
    return link


@datadir.files_removed_on_error()
@transaction.atomic
def archive_attachment_add(*, actor: User, item: ArchiveItem, filename: str, data: bytes) -> ArchiveAttachment:
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    if len(data) > archive_files.MAX_ATTACHMENT_BYTES:
        raise DomainError(_("ファイルが大きすぎます（上限 20 MB）。"), field="file")
    if not archive_files.sniff_pdf(data):
        raise DomainError(_("PDF ファイルだけ添付できます（ファイルの中身が PDF ではありません）。"), field="file")
    sha256, relative = archive_files.store(data=data)
    name = filename.replace("\\", "/").rsplit("/", 1)[-1][:200] or "document.pdf"
    if not name.lower().endswith(".pdf"):
        name = f"{name}.pdf"
    attachment = ArchiveAttachment.objects.create(
        item=item,
        filename=name,
        sha256=sha256,
        stored_path=relative,
        size=len(data),
        sniffed_type="application/pdf",
        uploaded_by=actor,
    )
    audit.record(action=AuditAction.CREATE, actor=actor, target=attachment, detail={"sha256": sha256})
    return attachment


# --- feeds ---


@transaction.atomic
def feed_create(*, actor: User, url: str, title: str) -> Feed:
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    try:
        normalized = normalize_url(url)
    except InvalidURL as exc:
        raise DomainError(_("http:// または https:// で始まる URL を入力してください。"), field="url") from exc
    if Feed.objects.filter(url=normalized).exists():
        raise DomainError(_("このフィードは既に登録されています。"), field="url")
    feed = Feed.objects.create(url=normalized, title=title, created_by=actor)
    audit.record(action=AuditAction.CREATE, actor=actor, target=feed)
    return feed


@transaction.atomic
def feed_set_active(*, actor: User, feed: Feed, active: bool) -> Feed:
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    Feed.objects.filter(pk=feed.pk).update(active=active)
    feed.active = active
    audit.record(action=AuditAction.UPDATE, actor=actor, target=feed, detail={"active": active})
    return feed


@dataclass(frozen=True)
class FetchOutcome:
    feed: Feed
    status: str
    new_items: int = 0
    error: str = ""


def _known_urls(urls: set[str]) -> set[str]:
    if not urls:
        return set()
    seen = set(FeedItem.objects.filter(url__in=urls).values_list("url", flat=True))
    return seen | set(ArchiveItem.objects.filter(url__in=urls).values_list("url", flat=True))


@transaction.atomic
def feed_import(*, feed: Feed, data: bytes, actor: User | None = None, base_url: str = "") -> int:
    """Parse `data` and put the feed's new items in the inbox; FeedError (nothing written) if it cannot be read.

    New means: no item of this feed with the same guid, and no inbox item or archive item with the same URL.
    """
    require(actor, Action.ARCHIVE_EDIT, message=_refusal(), system=True)
    parsed = parse_feed(data, base_url=base_url or feed.url)
    guids = {i.guid for i in parsed.items if i.guid}
    known_guids = set(FeedItem.objects.filter(feed=feed, guid__in=guids).values_list("guid", flat=True))
    known_urls = _known_urls({i.url for i in parsed.items if i.url})
    created = 0
    for entry in parsed.items:
        if (entry.guid and entry.guid in known_guids) or (entry.url and entry.url in known_urls):
            continue
        FeedItem.objects.create(
            feed=feed,
            guid=entry.guid,
            url=entry.url,
            title=entry.title,
            description=entry.description,
            published_at=entry.published_at,
        )
        known_guids.add(entry.guid)
        known_urls.add(entry.url)
        created += 1
    return created


def _record(feed: Feed, *, status: str, error: str = "", result: FetchResult | None = None) -> None:
    fields: dict[str, object] = {"last_status": status, "last_error": error, "last_fetched_at": timezone.now()}
    if result is not None and not result.not_modified:
        fields.update(etag=result.etag[:300], last_modified=result.last_modified[:100])
    Feed.objects.filter(pk=feed.pk).update(**fields)
    for name, value in fields.items():
        setattr(feed, name, value)


def feed_fetch(*, feed: Feed, actor: User | None = None, fetcher: Callable[..., FetchResult] = fetch) -> FetchOutcome:
    """Conditional GET, parse, import. Any failure of this feed is stored on it and returned, never raised."""
    require(actor, Action.ARCHIVE_EDIT, message=_refusal(), system=True)
    try:
        result = fetcher(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if result.not_modified:
            _record(feed, status=FeedFetchStatus.NOT_MODIFIED, result=result)
            return FetchOutcome(feed=feed, status=FeedFetchStatus.NOT_MODIFIED)
        created = feed_import(feed=feed, data=result.body, actor=actor, base_url=result.final_url)
    except FeedError as exc:
        _record(feed, status=FeedFetchStatus.ERROR, error=str(exc)[:2000])
        return FetchOutcome(feed=feed, status=FeedFetchStatus.ERROR, error=str(exc))
    _record(feed, status=FeedFetchStatus.OK, result=result)
    return FetchOutcome(feed=feed, status=FeedFetchStatus.OK, new_items=created)


def _decide(*, actor: User, feed_item: FeedItem, status: str, archive_item: ArchiveItem | None) -> None:
    updated = FeedItem.objects.filter(pk=feed_item.pk, status=FeedItemStatus.NEW).update(
        status=status, archive_item=archive_item, decided_by=actor, decided_at=timezone.now()
    )
    if not updated:
        raise DomainError(_("この記事は既に他の職員が処理しました。"))
    feed_item.refresh_from_db()


@transaction.atomic
def feed_item_keep(*, actor: User, feed_item: FeedItem, data: ArchiveItemData) -> ArchiveItem:
    """Summarise and keep: the inbox item becomes an archive item (the summary is required)."""
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    if not data.summary.strip():
        raise DomainError(_("要約を入力してください。"), field="summary")
    if FeedItem.objects.filter(pk=feed_item.pk).exclude(status=FeedItemStatus.NEW).exists():
        raise DomainError(_("この記事は既に他の職員が処理しました。"))
    item = _create(actor=actor, data=data)
    _decide(actor=actor, feed_item=feed_item, status=FeedItemStatus.KEPT, archive_item=item)
    return item


@transaction.atomic
def feed_item_dismiss(*, actor: User, feed_item: FeedItem) -> None:
    require(actor, Action.ARCHIVE_EDIT, message=_refusal())
    _decide(actor=actor, feed_item=feed_item, status=FeedItemStatus.DISMISSED, archive_item=None)
    audit.record(action=AuditAction.UPDATE, actor=actor, target=feed_item, detail={"status": "dismissed"})
