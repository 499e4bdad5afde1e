"""The public guidebook request form: 入力 -> 確認 -> 完了, with the consultation form's rate limit and honeypot."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from madoguchi.core.client_address import client_address
from madoguchi.core.errors import DomainError
from madoguchi.intake import ratelimit
from madoguchi.intake.models import RateLimitScope
from madoguchi.intake.public_views import _rate_limit_message
from madoguchi.outreach import services
from madoguchi.outreach.forms import PublicGuidebookRequestForm
from madoguchi.outreach.models import RequestSource

DONE_SESSION_KEY = "outreach_done_reference"


def _input(request: HttpRequest, form: PublicGuidebookRequestForm, status: int) -> HttpResponse:
    return render(request, "public/outreach/request_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    """ガイドブック送付申込み. The same per-address budgets as the consultation form (ADR: one budget per address)."""
    if request.method == "GET":
        return _input(request, PublicGuidebookRequestForm(), 200)
    key = ratelimit.client_key(address=client_address(request))
    post_allowed = ratelimit.hit(scope=RateLimitScope.POST, key=key)
    refused = not post_allowed or ratelimit.exhausted(scope=RateLimitScope.SUBMISSION, key=key)
    step = request.POST.get("step", "input")
    if step == "edit":
        # Back from the confirmation page: everything typed comes back as it was.
        return _input(request, PublicGuidebookRequestForm(initial=request.POST.dict()), 200)
    form = PublicGuidebookRequestForm(request.POST)
    form.is_valid()
    if form.honeypot_filled:
        ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key)
        form.add_error(None, _("送信できませんでした。お手数ですが、お電話でお申し込みください。"))
        return _input(request, form, 400)
    if refused:
        form.add_error(None, _rate_limit_message())
        return _input(request, form, 429)
    if form.errors:
        return _input(request, form, 400)
    if step != "confirm":
        return render(request, "public/outreach/request_confirm.html", {"form": form, "values": form.typed_values()})
    # The decision itself: one atomic increment, so parallel submissions cannot all take the last slot.
    if not ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key):
        form.add_error(None, _rate_limit_message())
        return _input(request, form, 429)
    data = form.cleaned_data
    try:
        created = services.guidebook_request_create(
            actor=None,
            source=RequestSource.PUBLIC_FORM,
            data=services.RequestData(
                edition=data["edition"],
                copies=data["copies"],
                organization=data["organization"],
                department=data["department"],
                person_name=data["person_name"],
                postal_code=data["postal_code"],
                prefecture=data["prefecture"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
                purpose=data["purpose"],
            ),
        )
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _input(request, form, 400)
    request.session[DONE_SESSION_KEY] = created.reference
    return redirect("outreach_public:done")


@require_GET
def done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(DONE_SESSION_KEY)
    if not reference:
        return redirect("outreach_public:request")
    return render(request, "public/outreach/request_done.html", {"reference": reference})
