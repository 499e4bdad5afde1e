"""The guidebook panel on the case screen and the stock widget on the dashboard, registered from ready()."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.roles import Action
from madoguchi.cases.choices import Category
from madoguchi.cases.extensions import CasePage, DashboardWidget, Panel, register, register_widget
from madoguchi.outreach import selectors
from madoguchi.outreach.models import GuidebookRequest, RequestStatus


def _case_context(page: CasePage) -> dict[str, Any] | None:
    """「この相談を送付依頼にする」 on a guidebook_request consultation, and the requests made from it."""
    case = page.case
    linked = list(GuidebookRequest.objects.filter(case=case).select_related("edition").order_by("received_at"))
    if case.category != Category.GUIDEBOOK_REQUEST and not linked:
        return None
    return {
        "guidebook_requests": linked,
        "can_create": page.user.can(Action.GUIDEBOOK_MANAGE) and case.category == Category.GUIDEBOOK_REQUEST,
    }


def _widget_context(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.can(Action.OUTREACH_VIEW):  # type: ignore[union-attr]
        return None
    waiting = GuidebookRequest.objects.filter(status__in=[RequestStatus.RECEIVED, RequestStatus.PREPARING]).count()
    low = selectors.low_stock_editions()
    if not waiting and not low:
        return None
    return {"waiting": waiting, "low_stock": low}


def register_panels() -> None:
    register(
        Panel(
            key="guidebook",
            title=_("ガイドブック送付"),
            order=60,
            template="staff/outreach/_case_panel.html",
            context=_case_context,
        )
    )
    register_widget(
        DashboardWidget(key="guidebook", order=40, template="staff/outreach/_widget.html", context=_widget_context)
    )
