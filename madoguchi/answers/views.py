from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.answers import outbox, services
from madoguchi.answers.forms import AnswerDraftForm, ReviewForm
from madoguchi.answers.models import AnswerDraft, OutboundEmail, OutboundStatus
from madoguchi.cases.access import access_case, visible_cases
from madoguchi.cases.views import render_detail
from madoguchi.core.errors import ConcurrentEditError, DomainError


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _draft_for(request: HttpRequest, reference: str, action: Action) -> AnswerDraft:
    case = access_case(user=_user(request), reference=reference, action=action)
    draft = services.open_draft(case=case)
    if draft is None:
        raise Http404
    return draft


@require_POST
@require_action(Action.ANSWER_DRAFT)
def save_draft(request: HttpRequest, reference: str) -> HttpResponse:
    case = access_case(user=_user(request), reference=reference, action=Action.ANSWER_DRAFT)
    form = AnswerDraftForm(request.POST)
    stored = None
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.answer_save_draft(
                actor=_user(request),
                case=case,
                measures=d["measures"],
                referrals=d["referrals"],
                channel=d["channel"],
                expected_version=d["version"],
            )
        except ConcurrentEditError as exc:
            # Keep the typing, show what is stored now, and carry its version so that saving again is a
            # deliberate decision taken with the other change in view (as the directory editor does).
            stored = services.open_draft(case=case)
            posted = request.POST.copy()
            posted[form.add_prefix("version")] = str(stored.version if stored else services.NO_DRAFT_VERSION)
            form = AnswerDraftForm(posted)
            form.is_valid()
            form.add_error(None, exc.message)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("回答案を保存しました。"))
            return redirect("cases:detail", reference=case.reference)
    bound = {"answer_form": form, "answer_stored_meanwhile": stored, "open_tab": "answer_form"}
    return render_detail(request, case, bound=bound, status=400)


def _simple(request: HttpRequest, reference: str, action: Action, run: Any, success: str) -> HttpResponse:
    draft = _draft_for(request, reference, action)
    try:
        run(draft)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("cases:detail", reference=reference)


@require_POST
@require_action(Action.ANSWER_DRAFT)
def submit(request: HttpRequest, reference: str) -> HttpResponse:
    return _simple(
        request,
        reference,
        Action.ANSWER_DRAFT,
        lambda d: services.answer_submit_for_approval(actor=_user(request), draft=d),
        _("承認を依頼しました。"),
    )


@require_POST
@require_action(Action.ANSWER_APPROVE)
def review(request: HttpRequest, reference: str) -> HttpResponse:
    draft = _draft_for(request, reference, Action.ANSWER_APPROVE)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.answer_approve(actor=_user(request), draft=draft, comment=form.cleaned_data["comment"])
                messages.success(request, _("回答案を承認しました。"))
            else:
                services.answer_reject(actor=_user(request), draft=draft, comment=form.cleaned_data["comment"])
                messages.success(request, _("回答案を差し戻しました。"))
        except DomainError as exc:
            form.add_error("comment", exc.message)
        else:
            return redirect("cases:detail", reference=reference)
    return render_detail(request, draft.case, bound={"review_form": form, "open_tab": "review_form"}, status=400)


@require_POST
@require_action(Action.ANSWER_SEND)
def send(request: HttpRequest, reference: str) -> HttpResponse:
    return _simple(
        request,
        reference,
        Action.ANSWER_SEND,
        lambda d: services.answer_send(actor=_user(request), draft=d),
        _("回答を送付しました。"),
    )


@require_GET
@require_action(Action.ANSWER_SEND)
def outbox_list(request: HttpRequest) -> HttpResponse:
    rows = OutboundEmail.objects.filter(
        case__in=visible_cases(user=_user(request)).values("pk")
    ) | OutboundEmail.objects.filter(case__isnull=True)
    status = request.GET.get("status", "")
    if status in OutboundStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.select_related("case").order_by("-created_at"), 50).get_page(request.GET.get("page"))
    return render(request, "staff/answers/outbox.html", {"page": page, "status": status, "Statuses": OutboundStatus})


@require_POST
@require_action(Action.ANSWER_SEND)
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    rows = OutboundEmail.objects.filter(case__in=visible_cases(user=_user(request)).values("pk"), pk=pk)
    row = rows.first()
    if row is None or row.status not in {OutboundStatus.FAILED, OutboundStatus.PENDING}:
        raise Http404
    outbox.retry_now(row=row)
    messages.success(request, _("再送信を予約しました。"))
    return redirect("answers:outbox")
