from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.notifications import selectors, services
from madoguchi.notifications.forms import PreferenceForm

WIDGET_SIZE = 5


@require_GET
@require_action(Action.CASE_VIEW)
def inbox(request: StaffRequest) -> HttpResponse:
    user = request.user
    page = Paginator(selectors.inbox(user=user), 50).get_page(request.GET.get("page"))
    pref = selectors.preference(user=user)
    context = {
        "page": page,
        "notifications": page.object_list,
        "unread": selectors.unread_count(user=user),
        "pref_form": PreferenceForm(initial={"by_mail": pref.by_mail}),
        "has_email": bool(user.email),
    }
    return render(request, "staff/notifications/inbox.html", context)


@require_POST
@require_action(Action.CASE_VIEW)
def open_notification(request: StaffRequest, pk: int) -> HttpResponse:
    user = request.user
    notification = selectors.own_notification(user=user, pk=pk)
    if notification is None:
        raise Http404
    services.mark_read(user=user, notifications=[notification])
    # The case screen checks access itself; a notification never widens what a user may open.
    return redirect(notification.case.get_absolute_url())


@require_POST
@require_action(Action.CASE_VIEW)
def mark_all_read(request: StaffRequest) -> HttpResponse:
    count = services.mark_read(user=request.user)
    messages.success(request, _("%(n)d件の通知を既読にしました。") % {"n": count})
    return redirect("notifications:inbox")


@require_POST
@require_action(Action.CASE_VIEW)
def preferences(request: StaffRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    if form.is_valid():
        services.set_preference(user=request.user, by_mail=form.cleaned_data["by_mail"])
        messages.success(request, _("通知の設定を保存しました。"))
    return redirect("notifications:inbox")


def widget(request: StaffRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.is_authenticated or not user.can(Action.CASE_VIEW):
        return None
    # The unread count comes from the header's context processor: one query less per dashboard.
    return {"rows": list(selectors.inbox(user=user).filter(read_at__isnull=True)[:WIDGET_SIZE])}
