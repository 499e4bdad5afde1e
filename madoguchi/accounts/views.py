from __future__ import annotations

import csv
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from madoguchi.accounts import audit, otp, selectors, services
from madoguchi.accounts.decorators import require_action, staff_required
from madoguchi.accounts.forms import (
    AuditFilterForm,
    OtpEnrolForm,
    OtpTokenForm,
    SecurityPolicyForm,
    StaffCreateForm,
    StaffEditForm,
    StaffLoginForm,
)
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction, SecurityPolicy, User
from madoguchi.accounts.roles import Action
from madoguchi.core.errors import DomainError


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
def otp_verify(request: StaffRequest) -> HttpResponse:
    device = otp.confirmed_device(user=request.user)
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
def otp_setup(request: StaffRequest) -> HttpResponse:
    if otp.confirmed_device(user=request.user) is not None:
        return redirect("accounts:otp_verify")
    device = otp.pending_device(user=request.user, session=request.session)
    form = OtpEnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_factor_enrol(
                user=request.user,
                device=device,
                enrolment_code=form.cleaned_data["enrolment_code"],
                token=form.cleaned_data["token"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            request.session.pop(otp.PENDING_DEVICE_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(request, _("二要素認証を登録しました。"))
            return redirect("cases:dashboard")
    context: dict[str, Any] = {
        "form": form,
        "qr_svg": otp.provisioning_svg(device=device),
        "secret": otp.secret_for_manual_entry(device=device),
    }
    return render(request, "staff/accounts/otp_setup.html", context)


@require_GET
@require_action(Action.AUDIT_VIEW)
def audit_log(request: StaffRequest) -> HttpResponse:
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
def audit_log_export(request: StaffRequest) -> StreamingHttpResponse | HttpResponse:
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


@require_action(Action.USERS_MANAGE)
def staff_list(request: StaffRequest) -> HttpResponse:
    users = User.objects.order_by("role", "username")
    devices = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    return render(request, "staff/accounts/staff_list.html", {"users": users, "devices": devices})


def _enrolment_code_page(request: StaffRequest, *, user: User, code: str, headline: str) -> HttpResponse:
    # Rendered straight from the POST, never via a redirect, the session or messages: the code is shown once only.
    context = {
        "target": user,
        "headline": headline,
        "code": services.format_enrolment_code(code),
        "hours": settings.MADOGUCHI_ENROLMENT_CODE_HOURS,
    }
    return render(request, "staff/accounts/enrolment_code_issued.html", context)


@never_cache
@require_action(Action.USERS_MANAGE)
@require_http_methods(["GET", "POST"])
def staff_create(request: StaffRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, code = services.staff_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return _enrolment_code_page(request, user=user, code=code, headline=_("職員を登録しました。"))
    return render(
        request,
        "staff/accounts/staff_form.html",
        {"form": form, "title": _("職員の登録")},
        status=400 if form.errors else 200,
    )


@never_cache
@require_action(Action.USERS_MANAGE)
@require_http_methods(["GET", "POST"])
def staff_edit(request: StaffRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    initial = {
        "display_name": target.display_name,
        "email": target.email,
        "role": target.role,
        "is_active": target.is_active,
    }
    form = StaffEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("reset_second_factor"):
            code = services.staff_reset_second_factor(actor=request.user, user=target)
            headline = _("二要素認証の登録を解除しました。次回ログイン時に再登録が必要です。")
            return _enrolment_code_page(request, user=target, code=code, headline=headline)
        if request.POST.get("issue_enrolment_code"):
            try:
                code = services.enrolment_code_issue(actor=request.user, user=target)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("accounts:staff_edit", pk=target.pk)
            return _enrolment_code_page(request, user=target, code=code, headline=_("登録コードを再発行しました。"))
        if form.is_valid():
            try:
                services.staff_update(actor=request.user, user=target, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("職員の情報を更新しました。"))
                return redirect("accounts:staff_list")
    context = {
        "form": form,
        "title": _("職員の編集"),
        "target": target,
        "has_device": TOTPDevice.objects.filter(user=target, confirmed=True).exists(),
    }
    return render(request, "staff/accounts/staff_form.html", context, status=400 if form.errors else 200)


@require_action(Action.SETTINGS_MANAGE)
@require_http_methods(["GET", "POST"])
def security_policy(request: StaffRequest) -> HttpResponse:
    policy = SecurityPolicy.current()
    form = SecurityPolicyForm(request.POST or None, initial={"require_2fa_roles": policy.require_2fa_roles})
    if request.method == "POST" and form.is_valid():
        services.security_policy_update(actor=request.user, require_2fa_roles=form.cleaned_data["require_2fa_roles"])
        messages.success(request, _("ログイン方針を更新しました。"))
        return redirect("accounts:security_policy")
    context = {
        "form": form,
        "title": _("ログイン方針"),
        "intro": _("チェックした役割の職員は、ログイン時に認証アプリの確認コード（TOTP）が必要になります。"),
    }
    return render(request, "staff/settings_form.html", context)
