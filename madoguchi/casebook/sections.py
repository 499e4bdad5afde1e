"""The guidebook's structure as the casebook uses it: MISSIONs are the top-level terms of its taxonomy scheme."""

from __future__ import annotations

from django.db.models import QuerySet

from madoguchi.taxonomy.models import Term

GUIDEBOOK_SCHEME = "tokyo_guidebook"


def sections() -> QuerySet[Term]:
    return Term.objects.filter(scheme__code=GUIDEBOOK_SCHEME, parent__isnull=True).order_by("order", "pk")


def is_section(term: Term) -> bool:
    return term.parent_id is None and term.scheme.code == GUIDEBOOK_SCHEME


def section_of(term: Term, *, by_pk: dict[int, Term]) -> Term | None:
    """The MISSION a guidebook term belongs to (itself for a MISSION), or None for other schemes' terms."""
    seen = 0
    while term.parent_id is not None and seen < 10:
        parent = by_pk.get(term.parent_id)
        if parent is None:
            return None
        term, seen = parent, seen + 1
    return term if term.scheme.code == GUIDEBOOK_SCHEME else None
