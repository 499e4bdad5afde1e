"""Consultations in the search index: the after-save hook, the case-list keyword filter, rebuilds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from madoguchi.accounts.models import User
from madoguchi.cases import selectors
from madoguchi.cases.extensions import TAGS, CaseSaved
from madoguchi.cases.models import Case
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import Document, SearchFilters

CASE_KIND = "case"
# The case fields a case's entry is made of (`case_document`), except the status (`index_case_status`).
INDEXED_FIELDS = frozenset(
    {"subject", "body", "assessment", "resolution", "organization", "category", "channel", "received_at", TAGS}
)


def case_document(case: Case, *, tag_names: list[str] | None = None) -> Document:
    if tag_names is None:
        tag_names = [t.name for t in case.tags.all()]
    org_name = case.organization.name if case.organization_id and case.organization else ""
    body = "\n".join(part for part in (case.body, case.assessment, case.resolution, org_name) if part)
    return Document(
        kind=CASE_KIND,
        object_id=case.pk,
        title=case.subject,
        body=body,
        category=case.category,
        status=case.status,
        channel=case.channel,
        received_at=case.received_at,
        tags=tuple(tag_names),
        # Who may see a case depends on tier and people (cases.access), checked at query time.
        visibility="restricted",
        url=case.get_absolute_url(),
    )


def index_case(saved: CaseSaved) -> None:
    """After-save hook for INDEXED_FIELDS: runs inside the service's transaction."""
    doc = case_document(saved.case)
    service.index_document(
        kind=doc.kind,
        object_id=doc.object_id,
        title=doc.title,
        body=doc.body,
        category=doc.category,
        status=doc.status,
        channel=doc.channel,
        received_at=doc.received_at,
        tags=doc.tags,
        visibility=doc.visibility,
        url=doc.url,
    )


def index_case_status(saved: CaseSaved) -> None:
    """After-save hook for the status alone: the search filter by status must see the new one."""
    service.update_status(kind=CASE_KIND, object_id=saved.case.pk, status=saved.case.status)


def case_keyword_filter(*, user: User, query: str, filters: dict[str, Any]) -> QuerySet[Case]:
    """The case list's keyword filter: its usual permission-filtered queryset, narrowed by the index."""
    qs = selectors.case_list(user=user, filters=filters)
    found = service.matching_object_ids_sql(query=query, kind=CASE_KIND, filters=SearchFilters())
    if found is None:
        return qs
    sql, params = found
    return qs.filter(pk__in=RawSQL(sql, params))  # noqa: S611 - built by the backend, values bound


def iter_case_documents(*, batch_size: int = 2000) -> Iterator[list[Document]]:
    """All cases in received order, in batches keyed on the primary key (no OFFSET at a million rows)."""
    last_pk = 0
    while True:
        batch = list(
            Case.objects.filter(pk__gt=last_pk)
            .select_related("organization")
            .prefetch_related("tags")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            return
        last_pk = batch[-1].pk
        yield [case_document(c, tag_names=[t.name for t in c.tags.all()]) for c in batch]
