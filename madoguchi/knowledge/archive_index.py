"""Archive items in the search index: kind "article" (the search page's 記事 filter), staff visibility."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone, translation

from madoguchi.knowledge.models import ArchiveItem
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import Document

ARCHIVE_KIND = "article"


def archive_document(item: ArchiveItem) -> Document:
    """Title; source, kind, summary and URL as text; tags; dated by publication (else collection) for date filters."""
    with translation.override("ja"):
        parts = [item.source_organization, str(item.get_kind_display()), item.summary, item.url]
    day = item.published_on or item.collected_on
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(12)), timezone.get_default_timezone())
    return Document(
        kind=ARCHIVE_KIND,
        object_id=item.pk,
        title=item.title,
        body="\n".join(p for p in parts if p),
        received_at=when,
        tags=tuple(item.tags),
        # The archive is open to every staff role (Action.ARCHIVE_VIEW), like the search page itself.
        visibility="staff",
        url=item.get_absolute_url(),
    )


def index_item(item: ArchiveItem) -> None:
    service.index_document_from(archive_document(item))


def archive_documents() -> Iterator[Document]:
    for item in ArchiveItem.objects.order_by("pk").iterator(chunk_size=500):
        yield archive_document(item)
