"""Write path of taxonomies: staff edits of terms and classifying objects with terms."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, require
from madoguchi.core.errors import DomainError
from madoguchi.taxonomy.models import Scheme, Term, TermAssignment


def _check_parent(*, scheme: Scheme, term: Term | None, parent: Term | None) -> None:
    if parent is None:
        return
    if parent.scheme_id != scheme.pk:
        raise DomainError(_("上位の項目は同じ分類体系から選んでください。"), field="parent")
    node: Term | None = parent
    while node is not None:
        if term is not None and node.pk == term.pk:
            raise DomainError(_("自分自身やその下位の項目を上位にはできません。"), field="parent")
        node = node.parent


@transaction.atomic
def term_create(
    *, actor: User, scheme: Scheme, code: str, ref: str, label: str, parent: Term | None, page_url: str = ""
) -> Term:
    require(actor, Action.REFERENCE_EDIT)
    if scheme.terms.filter(code=code).exists():
        raise DomainError(_("このコードはこの分類体系で使われています。"), field="code")
    _check_parent(scheme=scheme, term=None, parent=parent)
    last = scheme.terms.filter(parent=parent).aggregate(m=models.Max("order"))["m"]
    return Term.objects.create(
        scheme=scheme,
        code=code,
        ref=ref,
        label=label,
        parent=parent,
        page_url=page_url,
        order=(last or 0) + 1,
        # A term a person saw and typed in is "verified" in the scheme's sense only if they say so in notes;
        # staff-maintained schemes are checked against the live portal by the person adding the term.
        verified=scheme.staff_maintained,
        edited_by_staff=True,
    )


@transaction.atomic
def term_update(*, actor: User, term: Term, **fields: Any) -> dict[str, dict[str, str]]:
    """Change label, ref, parent, page_url or notes; returns the changes for the audit log."""
    require(actor, Action.REFERENCE_EDIT)
    allowed = {"label", "ref", "parent", "page_url", "notes"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "parent" in fields:
        _check_parent(scheme=term.scheme, term=term, parent=fields["parent"])
    changes: dict[str, dict[str, str]] = {}
    for name, value in fields.items():
        old = getattr(term, name)
        if old != value:
            changes[name] = {"old": str(old or ""), "new": str(value or "")}
            setattr(term, name, value)
    if changes:
        term.edited_by_staff = True
        term.save()
    return changes


@transaction.atomic
def term_move(*, actor: User, term: Term, up: bool) -> bool:
    """Swap the term with its previous (or next) sibling; returns False at the end of the list."""
    require(actor, Action.REFERENCE_EDIT)
    siblings = list(Term.objects.select_for_update().filter(scheme=term.scheme, parent=term.parent_id))
    siblings.sort(key=lambda t: (t.order, t.pk))
    index = next(i for i, t in enumerate(siblings) if t.pk == term.pk)
    other_index = index - 1 if up else index + 1
    if other_index < 0 or other_index >= len(siblings):
        return False
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    # Renumber the whole sibling list: the shipped data has ties (e.g. order 0 and 1 mixed).
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            sibling.order = position
            sibling.edited_by_staff = True
            sibling.save(update_fields=["order", "edited_by_staff", "updated_at"])
    return True


@transaction.atomic
def classify(*, actor: User | None, obj: models.Model, term: Term) -> TermAssignment:
    """Put `obj` (a case, an organisation) under `term`; twice is once. actor None: the system (loaders)."""
    require(actor, Action.CASE_EDIT, system=True)
    content_type = ContentType.objects.get_for_model(obj)
    assignment, _created = TermAssignment.objects.get_or_create(
        term=term, content_type=content_type, object_id=obj.pk, defaults={"created_by": actor}
    )
    return assignment


@transaction.atomic
def unclassify(*, actor: User | None, obj: models.Model, term: Term) -> bool:
    require(actor, Action.CASE_EDIT, system=True)
    content_type = ContentType.objects.get_for_model(obj)
    deleted, _detail = TermAssignment.objects.filter(term=term, content_type=content_type, object_id=obj.pk).delete()
    return bool(deleted)
