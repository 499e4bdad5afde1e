"""Read path of the information archive: item lists with filters and search, the feed list and the inbox."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import visible_cases
from madoguchi.cases.models import Case
from madoguchi.knowledge.archive_index import ARCHIVE_KIND
from madoguchi.knowledge.faq_selectors import staff_faqs
from madoguchi.knowledge.models import ArchiveItem, ArchiveLink, FaqEntry, Feed, FeedItem, FeedItemStatus
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import SearchFilters

SEARCH_WINDOW = 500


@dataclass(frozen=True)
class ArchiveFilters:
    q: str = ""
    kind: str = ""
    importance: int | None = None
    tag: str = ""
    source: str = ""


def archive_items(*, filters: ArchiveFilters) -> QuerySet[ArchiveItem]:
    """Items matching the filters, newest collected first; the keyword goes through the one search service."""
    qs = ArchiveItem.objects.select_related("created_by").annotate(
        attachment_count=Count("attachments", distinct=True), case_count=Count("cases", distinct=True)
    )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.importance:
        qs = qs.filter(importance=filters.importance)
    if filters.source:
        qs = qs.filter(source_organization__icontains=filters.source)
    if filters.q.strip() or filters.tag:
        page = service.search(
            query=filters.q,
            kinds=[ARCHIVE_KIND],
            filters=SearchFilters(tag=filters.tag),
            restrict={},
            limit=SEARCH_WINDOW,
            offset=0,
        )
        qs = qs.filter(pk__in=[hit.object_id for hit in page.hits])
    return qs.order_by("-collected_on", "-id")


def archive_item(*, pk: int) -> ArchiveItem | None:
    return ArchiveItem.objects.select_related("created_by", "updated_by").filter(pk=pk).first()


def linked_cases(*, item: ArchiveItem, user: User) -> list[Case]:
    """Only the consultations this user may see (tier 1 sees its own queue), like everywhere else."""
    return list(visible_cases(user=user).filter(archive_items=item).order_by("-received_at"))


def target_links(*, item: ArchiveItem) -> list[ArchiveLink]:
    return list(item.links.order_by("target_kind", "target_id"))


def linked_faqs(*, item: ArchiveItem, user: User) -> list[FaqEntry]:
    """The FAQ entries this item informed that this user may open; a link to one since hidden is not shown."""
    ids = item.links.filter(target_kind="faq").values_list("target_id", flat=True)
    if not user.can(Action.CASE_VIEW):
        return []
    return list(staff_faqs(include_retired=True).filter(pk__in=ids).order_by("title", "pk"))


def items_informing_faq(*, faq: FaqEntry, user: User) -> list[ArchiveItem]:
    """The archive items linked to this FAQ entry, for staff who may read the archive."""
    if not user.can(Action.ARCHIVE_VIEW):
        return []
    ids = ArchiveLink.objects.filter(target_kind="faq", target_id=faq.pk).values_list("item_id", flat=True)
    return list(ArchiveItem.objects.filter(pk__in=ids).order_by("-created_at", "-pk"))


def feeds() -> QuerySet[Feed]:
    return Feed.objects.annotate(new_count=Count("items", filter=Q(items__status=FeedItemStatus.NEW))).order_by(
        "title", "id"
    )


def inbox() -> QuerySet[FeedItem]:
    return FeedItem.objects.filter(status=FeedItemStatus.NEW).select_related("feed").order_by("-published_at", "-id")


def feed_item(*, pk: int) -> FeedItem | None:
    return FeedItem.objects.select_related("feed").filter(pk=pk).first()
