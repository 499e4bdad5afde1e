"""FAQ entries in the search index: one document per entry, written by faq_services in the entry's transaction."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from madoguchi.knowledge.models import FaqEntry
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import Document
from madoguchi.taxonomy.models import Term

FAQ_KIND = "faq"


def faq_document(faq: FaqEntry, *, terms: list[Term] | None = None) -> Document:
    if terms is None:
        from madoguchi.taxonomy import selectors as taxonomy_selectors

        terms = taxonomy_selectors.terms_for(obj=faq)
    parts = [*faq.questions, faq.measures, " ".join(faq.keywords), *(t.label for t in terms)]
    return Document(
        kind=FAQ_KIND,
        object_id=faq.pk,
        title=faq.title,
        body="\n".join(p for p in parts if p),
        status=faq.status,
        received_at=faq.published_at or faq.created_at,
        tags=tuple(faq.keywords),
        # Who sees an entry depends on its status and visibility: callers pass faq_selectors' querysets.
        visibility="restricted",
        url=reverse("knowledge:faq_detail", kwargs={"pk": faq.pk}),
    )


def index_faq(faq: FaqEntry) -> None:
    service.index_document_from(faq_document(faq))


def iter_faq_documents() -> Iterator[Document]:
    for faq in FaqEntry.objects.order_by("pk").iterator(chunk_size=500):
        yield faq_document(faq)
