"""Outreach reads: request lists, low stock, events and the materials library, with related rows loaded."""

from __future__ import annotations

from django.db.models import F, QuerySet

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.outreach.models import GuidebookEdition, GuidebookRequest, Material, MaterialVersion, OutreachEvent


def requests_for(*, user: User, status: str = "") -> QuerySet[GuidebookRequest]:
    if not user.can(Action.OUTREACH_VIEW):
        return GuidebookRequest.objects.none()
    rows = GuidebookRequest.objects.select_related("edition", "case")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("received_at", "id")


def requests_by_reference(*, user: User, references: list[str]) -> list[GuidebookRequest]:
    """The selected requests in the order of the list (oldest first), ready for export."""
    return list(requests_for(user=user).filter(reference__in=references))


def editions() -> QuerySet[GuidebookEdition]:
    return GuidebookEdition.objects.order_by("-published_on", "name")


def low_stock_editions() -> list[GuidebookEdition]:
    return list(GuidebookEdition.objects.filter(is_active=True, stock__lt=F("low_stock_threshold")).order_by("name"))


def events_for(*, user: User, kind: str = "") -> QuerySet[OutreachEvent]:
    if not user.can(Action.OUTREACH_VIEW):
        return OutreachEvent.objects.none()
    rows = OutreachEvent.objects.select_related("case").prefetch_related("materials__material", "follow_up_cases")
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-starts_at", "-id")


def materials_for(*, user: User) -> QuerySet[Material]:
    if not user.can(Action.OUTREACH_VIEW):
        return Material.objects.none()
    return Material.objects.prefetch_related("versions__author").order_by("title", "id")


def material_version_choices() -> list[tuple[str, str]]:
    rows = MaterialVersion.objects.select_related("material").order_by("material__title", "-number")
    return [(str(v.pk), f"{v.material.title} v{v.number}{'（現行版）' if v.is_current else ''}") for v in rows]
