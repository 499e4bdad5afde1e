"""Loads one outreach object for a user: the same 404 for missing and forbidden."""

from __future__ import annotations

from django.http import Http404

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.outreach.models import GuidebookRequest, Material, MaterialVersion, OutreachEvent


def _check(user: User, action: Action) -> None:
    if not user.can(action):
        raise Http404


def access_request(*, user: User, reference: str) -> GuidebookRequest:
    _check(user, Action.OUTREACH_VIEW)
    found = GuidebookRequest.objects.select_related("edition", "case", "created_by").filter(reference=reference).first()
    if found is None:
        raise Http404
    return found


def access_event(*, user: User, pk: int) -> OutreachEvent:
    _check(user, Action.OUTREACH_VIEW)
    found = OutreachEvent.objects.select_related("case").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_material(*, user: User, pk: int) -> Material:
    _check(user, Action.OUTREACH_VIEW)
    found = Material.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_material_version(*, user: User, pk: int) -> MaterialVersion:
    _check(user, Action.OUTREACH_VIEW)
    found = MaterialVersion.objects.select_related("material", "author").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
