"""Read path of taxonomies: schemes, ordered term trees and the terms an object is classified with."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, QuerySet
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from madoguchi.core.snapshots import ProcessSnapshot
from madoguchi.taxonomy.models import Scheme, Term, TermAssignment


def schemes() -> QuerySet[Scheme]:
    return Scheme.objects.annotate(term_count=Count("terms")).order_by("family", "code")


@dataclass(frozen=True)
class TreeRow:
    term: Term
    depth: int
    first: bool
    last: bool


def scheme_tree(*, scheme: Scheme) -> list[TreeRow]:
    """Terms depth-first in sibling order, with depth for indentation; one query."""
    return _tree(list(scheme.terms.all()))


def _tree(terms: list[Term]) -> list[TreeRow]:
    children: dict[int | None, list[Term]] = {}
    for term in terms:
        children.setdefault(term.parent_id, []).append(term)
    for siblings in children.values():
        siblings.sort(key=lambda t: (t.order, t.pk))
    rows: list[TreeRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        siblings = children.get(parent_id, [])
        for i, term in enumerate(siblings):
            rows.append(TreeRow(term=term, depth=depth, first=i == 0, last=i == len(siblings) - 1))
            walk(term.pk, depth + 1)

    walk(None, 0)
    return rows


def terms_for(*, obj: models.Model) -> list[Term]:
    content_type = ContentType.objects.get_for_model(obj)
    return list(
        Term.objects.filter(assignments__content_type=content_type, assignments__object_id=obj.pk)
        .select_related("scheme")
        .order_by("scheme__code", "order", "pk")
    )


@dataclass(frozen=True)
class Classification:
    terms: list[Term]
    choices: list[tuple[str, list[tuple[int, str]]]]
    options: str = ""  # `choices` as the picker's <optgroup>s, rendered once per change


@dataclass(frozen=True)
class _Picker:
    choices: list[tuple[str, list[tuple[int, str]]]]
    options: SafeString


def _read_picker() -> _Picker:
    """Every term grouped by scheme (schemes without terms left out: nothing to pick there), as `choices` and as
    the <optgroup>s of the picker. Only what the picker shows (not notes, page URL or the JSON extras)."""
    every = list(
        Term.objects.select_related("scheme").only(
            "id", "scheme_id", "ref", "label", "order", "parent_id", "scheme__name", "scheme__code"
        )
    )
    by_scheme: dict[int, list[Term]] = {}
    for term in every:
        by_scheme.setdefault(term.scheme_id, []).append(term)
    choices = [
        (terms[0].scheme.name, [(row.term.pk, "\u3000" * row.depth + str(row.term)) for row in _tree(terms)])
        for terms in by_scheme.values()
    ]
    options = format_html_join(
        "\n",
        '<optgroup label="{}">{}</optgroup>',
        (
            (group, format_html_join("", '<option value="{}">{}</option>', ((value, label) for value, label in rows)))
            for group, rows in choices
        ),
    )
    return _Picker(choices=choices, options=options)


# The case screen shows the picker on every request for staff who may classify: ~300 terms, read and rendered
# once per change of the schemes or terms (triggers of migration taxonomy/0002; core.snapshots).
_picker = ProcessSnapshot("taxonomy.terms", _read_picker)


def picker_snapshot() -> ProcessSnapshot[_Picker]:
    return _picker


def classification(*, obj: models.Model, with_choices: bool) -> Classification:
    """The terms `obj` is classified with (as `terms_for`) and, for someone who may classify, every term as
    `term_choices` groups them, also rendered as the picker's options: one query for the object's terms, one for
    the terms' change token (all terms are read again only after a change)."""
    mine = terms_for(obj=obj)
    if not with_choices:
        return Classification(terms=mine, choices=[])
    picker = _picker.get()
    return Classification(terms=mine, choices=picker.choices, options=picker.options)


def objects_with_term(*, model: type[models.Model], term: Term) -> QuerySet[models.Model]:
    content_type = ContentType.objects.get_for_model(model)
    ids = TermAssignment.objects.filter(term=term, content_type=content_type).values("object_id")
    return model._default_manager.filter(pk__in=ids)


def term_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Every term grouped by scheme, for a select with optgroups; two queries."""
    by_scheme: dict[int, list[Term]] = {}
    for term in Term.objects.all():
        by_scheme.setdefault(term.scheme_id, []).append(term)
    return [
        (s.name, [(row.term.pk, "\u3000" * row.depth + str(row.term)) for row in _tree(by_scheme.get(s.pk, []))])
        for s in Scheme.objects.order_by("family", "code")
    ]
