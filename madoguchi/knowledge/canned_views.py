"""Staff pages for canned texts (定型文): list, create, edit with the same optimistic locking as cases."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.core.errors import ConcurrentEditError, DomainError
from madoguchi.knowledge import selectors, services
from madoguchi.knowledge.canned_forms import CannedTextForm
from madoguchi.knowledge.models import CannedText


@require_GET
@require_action(Action.ANSWER_DRAFT)
def canned_list(request: StaffRequest) -> HttpResponse:
    texts = selectors.canned_texts(include_retired=True).order_by("-active", "title", "id")
    return render(request, "staff/knowledge/canned_list.html", {"texts": texts})


def _form_page(request: StaffRequest, form: CannedTextForm, *, text: CannedText | None, status: int) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "text": text}
    return render(request, "staff/knowledge/canned_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@require_action(Action.ANSWER_DRAFT)
def canned_create(request: StaffRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, CannedTextForm(), text=None, status=200)
    form = CannedTextForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.canned_text_create(
                actor=request.user, title=data["title"], body=data["body"], category=data["category"]
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("定型文を登録しました。"))
            return redirect("knowledge:canned_list")
    return _form_page(request, form, text=None, status=400)


@require_http_methods(["GET", "POST"])
@require_action(Action.ANSWER_DRAFT)
def canned_edit(request: StaffRequest, pk: int) -> HttpResponse:
    text = selectors.canned_text(pk=pk)
    if text is None:
        raise Http404
    if request.method != "POST":
        initial = {f: getattr(text, f) for f in ("title", "body", "category", "active", "version")}
        return _form_page(request, CannedTextForm(initial=initial, editing=True), text=text, status=200)
    form = CannedTextForm(request.POST, editing=True)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.canned_text_update(
                actor=request.user,
                text=text,
                expected_version=data["version"] or 0,
                title=data["title"],
                body=data["body"],
                category=data["category"],
                active=data["active"],
            )
        except ConcurrentEditError as exc:
            # Keep the typing; carry the current version so that saving again is a deliberate choice.
            text.refresh_from_db()
            posted = request.POST.copy()
            posted["version"] = str(text.version)
            form = CannedTextForm(posted, editing=True)
            form.is_valid()
            form.add_error(None, exc.message)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("定型文を更新しました。"))
            return redirect("knowledge:canned_list")
    return _form_page(request, form, text=text, status=400)
