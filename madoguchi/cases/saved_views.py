"""Saved case-list views: create, rename, delete (owner only), list and load (own or shared)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.cases.models import SavedCaseView
from madoguchi.core.errors import DomainError, NotPermitted

# Paging is not part of a view: applying one always starts at the first page.
_NOT_SAVED = ("page",)


def clean_query(query: str) -> str:
    data = QueryDict(query, mutable=True)
    for key in _NOT_SAVED:
        data.pop(key, None)
    return data.urlencode()


def saved_views_for(*, user: User) -> QuerySet[SavedCaseView]:
    """The user's own views and those others shared with the desk."""
    if not user.can(Action.CASE_VIEW):
        return SavedCaseView.objects.none()
    return (
        SavedCaseView.objects.filter(Q(owner=user) | Q(shared=True, owner__is_active=True))
        .select_related("owner")
        .order_by("-shared", "name", "id")
    )


def access_saved_view(*, user: User, pk: int, own: bool = False) -> SavedCaseView:
    """One view the user may apply (own or shared) or, with own=True, change; the same 404 otherwise."""
    qs = SavedCaseView.objects.filter(owner=user) if own else saved_views_for(user=user)
    view = qs.filter(pk=pk).first()
    if view is None:
        raise Http404
    return view


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise DomainError(_("名前を入力してください。"), field="name")
    return name


@transaction.atomic
def saved_view_create(*, actor: User, name: str, query: str, shared: bool) -> SavedCaseView:
    if not actor.can(Action.CASE_VIEW):
        raise NotPermitted(_("この操作を行う権限がありません。"))
    try:
        with transaction.atomic():
            return SavedCaseView.objects.create(
                owner=actor, name=_check_name(name), query=clean_query(query), shared=shared
            )
    except IntegrityError as exc:
        raise DomainError(_("同じ名前の条件がすでにあります。別の名前にしてください。"), field="name") from exc


@transaction.atomic
def saved_view_rename(*, actor: User, view: SavedCaseView, name: str, shared: bool) -> SavedCaseView:
    if view.owner_id != actor.pk:
        raise NotPermitted(_("この操作を行う権限がありません。"))
    view.name = _check_name(name)
    view.shared = shared
    try:
        with transaction.atomic():
            view.save(update_fields=["name", "shared", "updated_at"])
    except IntegrityError as exc:
        raise DomainError(_("同じ名前の条件がすでにあります。別の名前にしてください。"), field="name") from exc
    return view


@transaction.atomic
def saved_view_delete(*, actor: User, view: SavedCaseView) -> None:
    if view.owner_id != actor.pk:
        raise NotPermitted(_("この操作を行う権限がありません。"))
    view.delete()
