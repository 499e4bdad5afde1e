"""Admin screens for the mail templates (acknowledgements, notification, answer letter)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.answers import mail_template_services, mailtext
from madoguchi.answers.forms import MailTemplateForm
from madoguchi.answers.models import MailTemplate, MailTemplateCode
from madoguchi.core.form_actions import submit


@require_GET
@require_action(Action.SETTINGS_MANAGE)
def mail_templates(request: StaffRequest) -> HttpResponse:
    overridden = set(MailTemplate.objects.values_list("code", flat=True))
    rows = [
        {"code": code, "label": label, "overridden": code in overridden} for code, label in MailTemplateCode.choices
    ]
    return render(request, "staff/answers/mail_templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@require_action(Action.SETTINGS_MANAGE)
def mail_template_edit(request: StaffRequest, code: str) -> HttpResponse:
    if code not in MailTemplateCode.values:
        raise Http404
    template_code = MailTemplateCode(code)
    status = 200
    if request.method == "POST":
        if request.POST.get("reset"):
            mail_template_services.mail_template_reset(actor=request.user, code=template_code)
            audit.record(action=AuditAction.UPDATE, request=request, detail={"mail_template": code, "reset": True})
            messages.success(request, _("標準の文面に戻しました。"))
            return redirect("answers:mail_templates")
        form = MailTemplateForm(request.POST)
        saved = submit(
            request,
            form,
            lambda d: mail_template_services.mail_template_update(
                actor=request.user, code=template_code, subject=d["subject"], body=d["body"]
            ),
            done=_("メールの文面を保存しました。"),
        )
        if saved is not None:
            audit.record(action=AuditAction.UPDATE, request=request, detail={"mail_template": code})
            return redirect("answers:mail_templates")
        status = 400
    else:
        subject, body = mailtext.current_source(code=code)
        form = MailTemplateForm(initial={"subject": subject, "body": body})
    return render(
        request,
        "staff/answers/mail_template_edit.html",
        {"form": form, "label": template_code.label, "placeholders": mailtext.PLACEHOLDERS},
        status=status,
    )
