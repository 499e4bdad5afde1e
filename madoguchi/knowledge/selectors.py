"""Read path of the knowledge app's staff-managed records: canned texts (定型文)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from madoguchi.knowledge.models import CannedText


def canned_texts(*, include_retired: bool = False) -> QuerySet[CannedText]:
    qs = CannedText.objects.select_related("updated_by")
    return qs if include_retired else qs.filter(active=True)


def canned_texts_for(*, category: str) -> list[CannedText]:
    """Active canned texts, those for the case's category first."""
    qs = canned_texts().annotate(
        fits=Case(When(category=category, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    return list(qs.order_by("fits", "title", "id")) if category else list(qs.order_by("title", "id"))


def canned_text(*, pk: int) -> CannedText | None:
    return CannedText.objects.filter(pk=pk).first()
