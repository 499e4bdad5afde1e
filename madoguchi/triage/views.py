from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import access_case
from madoguchi.core.errors import DomainError
from madoguchi.triage import services
from madoguchi.triage.models import TriageSuggestion

MAX_TEXT = 20_000


@require_POST
@require_action(Action.CASE_TRIAGE)
def suggest(request: StaffRequest) -> HttpResponse:
    """Suggestion for the text being typed on the intake screen (an HTML fragment)."""
    text = f"{request.POST.get('subject', '')}\n{request.POST.get('body', '')}"[:MAX_TEXT]
    if len(text.strip()) < 8 or not services.has_model():
        return HttpResponse("")
    suggestion = services.suggest_text(text=text, channel=request.POST.get("channel") or None)
    return render(request, "staff/triage/_suggestion.html", {"s": suggestion, "on_intake": True})


@require_POST
@require_action(Action.CASE_TRIAGE)
def accept(request: StaffRequest, reference: str, pk: int) -> HttpResponse:
    user = request.user
    case = access_case(user=user, reference=reference, action=Action.CASE_TRIAGE)
    suggestion = TriageSuggestion.objects.filter(case=case, pk=pk).first()
    if suggestion is None:
        raise Http404
    try:
        services.accept(actor=user, suggestion=suggestion)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("振り分けの提案を採用しました。"))
    return redirect("cases:detail", reference=case.reference)
