from __future__ import annotations

import csv
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login

from madoguchi.accounts import audit, otp, selectors
from madoguchi.accounts.decorators import require_action, staff_required
from madoguchi.accounts.forms import AuditFilterForm, OtpTokenForm, StaffLoginForm
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action


class StaffLoginView(auth_views.LoginView):
    template_name = "staff/accounts/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True


class StaffLogoutView(auth_views.LogoutView):
    pass


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/staff/"


@staff_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    device = otp.confirmed_device(user=request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect("accounts:otp_setup")
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            audit.record(action=AuditAction.OTP_VERIFIED, request=request)
            return redirect(_safe_next(request))
        audit.record(action=AuditAction.OTP_FAILED, request=request)
        form.add_error("token", _("確認コードが正しくないか、有効期限が切れています。"))
    return render(request, "staff/accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


@staff_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    if otp.confirmed_device(user=request.user) is not None:  # type: ignore[arg-type]
        return redirect("accounts:otp_verify")
    device = otp.pending_device(user=request.user)  # type: ignore[arg-type]
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(action=AuditAction.OTP_ENROLLED, request=request, target=device)
            messages.success(request, _("二要素認証を登録しました。"))
            return redirect("cases:dashboard")
        form.add_error("token", _("確認コードが正しくありません。認証アプリの表示を確認してください。"))
    context: dict[str, Any] = {
        "form": form,
        "qr_svg": otp.provisioning_svg(device=device),
        "secret": otp.secret_for_manual_entry(device=device),
    }
    return render(request, "staff/accounts/otp_setup.html", context)


@require_GET
@require_action(Action.AUDIT_VIEW)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.audit_events(filters=filters).select_related(None), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "staff/accounts/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value: str) -> str:
        return value


# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    # User names typed at the login page and case subjects from the public form reach the export verbatim.
    return "'" + value if value.startswith(_FORMULA_PREFIXES) else value


@require_GET
@require_action(Action.AUDIT_VIEW)
def audit_log_export(request: HttpRequest) -> StreamingHttpResponse | HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events(filters=filters)
    audit.record(
        action=AuditAction.EXPORT, request=request, detail={"what": "audit_log", "filters": request.GET.dict()}
    )
    writer = csv.writer(_Echo())

    def rows() -> Any:
        # UTF-8 with BOM so that Excel in Japan opens it correctly.
        yield "\ufeff" + writer.writerow(["日時", "職員", "操作", "対象の種類", "対象ID", "対象", "接続元", "詳細"])
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                    _csv_cell(event.actor_username),
                    event.get_action_display(),
                    event.target_type,
                    _csv_cell(event.target_id),
                    _csv_cell(event.target_repr),
                    event.ip_address or "",
                    _csv_cell(json.dumps(event.detail, ensure_ascii=False, sort_keys=True)),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
