from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.core.errors import DomainError
from madoguchi.intake import selectors, storage
from madoguchi.intake.access import access_attachment, access_message
from madoguchi.intake.forms import DismissForm
from madoguchi.intake.models import Attachment, InboundStatus
from madoguchi.intake.services import mail as mail_intake

PAGE_SIZE = 50
# Only passive formats keep their type on download; everything else is an opaque byte stream.
_PASSIVE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}


@require_GET
@require_action(Action.CASE_VIEW)
def inbound_list(request: StaffRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = selectors.inbound_list(user=request.user, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/intake/inbound_list.html",
        {"page": page, "status": status, "statuses": InboundStatus.choices, "query": f"status={status}"},
    )


@require_GET
@require_action(Action.QUARANTINE_MANAGE)
def quarantine_list(request: StaffRequest) -> HttpResponse:
    page = Paginator(selectors.quarantine(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "staff/intake/quarantine_list.html", {"page": page, "dismiss_form": DismissForm()})


def _render_detail(
    request: StaffRequest, pk: int, *, dismiss_form: DismissForm | None = None, status: int = 200
) -> HttpResponse:
    message = access_message(user=request.user, pk=pk)
    return render(
        request,
        "staff/intake/message_detail.html",
        {
            "message": message,
            "attachments": message.attachments.all(),
            "dismiss_form": dismiss_form or DismissForm(),
            "can_manage": request.user.can(Action.QUARANTINE_MANAGE),
        },
        status=status,
    )


@require_GET
@require_action(Action.CASE_VIEW)
def message_detail(request: StaffRequest, pk: int) -> HttpResponse:
    message = access_message(user=request.user, pk=pk)
    audit.record(action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=message)
    return _render_detail(request, pk)


@require_GET
@require_action(Action.CASE_VIEW)
@xframe_options_sameorigin
def message_html(request: StaffRequest, pk: int) -> HttpResponse:
    """The sanitised HTML body, for a sandboxed iframe only: the CSP forbids scripts even if one slipped through."""
    message = access_message(user=request.user, pk=pk)
    response = HttpResponse(
        "<!DOCTYPE html><meta charset='utf-8'>" + message.html_body, content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; frame-ancestors 'self'"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
@require_action(Action.QUARANTINE_MANAGE)
def reprocess(request: StaffRequest, pk: int) -> HttpResponse:
    message = access_message(user=request.user, pk=pk, action=Action.QUARANTINE_MANAGE)
    try:
        result = mail_intake.reprocess(actor=request.user, message=message)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("intake_staff:message", pk=message.pk)
    audit.record(
        action=AuditAction.UPDATE,
        request=request,
        target=result.message,
        detail={"operation": "intake_reprocess", "outcome": result.outcome},
    )
    if result.outcome == mail_intake.IngestOutcome.QUARANTINED:
        messages.error(
            request,
            _("再処理しましたが、まだ取り込めません: %(reason)s") % {"reason": result.message.quarantine_text},
        )
    elif result.case is not None:
        messages.success(request, _("再処理し、案件 %(ref)s に記録しました。") % {"ref": result.case.reference})
    else:
        messages.success(request, _("再処理しました（%(status)s）。") % {"status": result.message.get_status_display()})
    return redirect("intake_staff:message", pk=message.pk)


@require_POST
@require_action(Action.QUARANTINE_MANAGE)
def dismiss(request: StaffRequest, pk: int) -> HttpResponse:
    message = access_message(user=request.user, pk=pk, action=Action.QUARANTINE_MANAGE)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            mail_intake.dismiss(actor=request.user, message=message, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error("reason" if exc.field == "reason" else None, exc.message)
        else:
            audit.record(
                action=AuditAction.UPDATE,
                request=request,
                target=message,
                detail={"operation": "intake_dismiss", "reason": form.cleaned_data["reason"]},
            )
            messages.success(request, _("メールを破棄済みにしました。元のメールは保存されたままです。"))
            return redirect("intake_staff:quarantine")
    return _render_detail(request, pk, dismiss_form=form, status=400)


def content_disposition(*, filename: str) -> str:
    """attachment with an ASCII fallback and the exact name as RFC 5987 filename*."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in filename)
    return f"attachment; filename=\"{fallback or 'download'}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _download(*, path: Path, filename: str, content_type: str) -> FileResponse:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def download_name_and_type(*, attachment: Attachment) -> tuple[str, str]:
    if attachment.is_forwarded_message:
        name = attachment.filename if attachment.filename.lower().endswith(".eml") else f"{attachment.filename}.eml"
        return name, "message/rfc822"
    safe = attachment.sniffed_type if attachment.sniffed_type in _PASSIVE_TYPES else "application/octet-stream"
    if attachment.type_mismatch or attachment.is_executable:
        safe = "application/octet-stream"
    return attachment.filename, safe


@require_GET
@require_action(Action.CASE_VIEW)
def attachment_download(request: StaffRequest, pk: int) -> FileResponse:
    attachment = access_attachment(user=request.user, pk=pk)
    try:
        path = storage.open_attachment(relative=attachment.stored_path)
    except FileNotFoundError as exc:
        raise Http404 from exc
    name, content_type = download_name_and_type(attachment=attachment)
    audit.record(action=AuditAction.DOWNLOAD, request=request, target=attachment, detail={"sha256": attachment.sha256})
    return _download(path=path, filename=name, content_type=content_type)


@require_GET
@require_action(Action.CASE_VIEW)
def raw_download(request: StaffRequest, pk: int) -> FileResponse:
    """The mail exactly as received, for header analysis of phishing."""
    message = access_message(user=request.user, pk=pk)
    audit.record(action=AuditAction.DOWNLOAD, request=request, target=message, detail={"sha256": message.raw_sha256})
    return _download(
        path=storage.raw_path(sha256=message.raw_sha256), filename=message.raw_name, content_type="message/rfc822"
    )
