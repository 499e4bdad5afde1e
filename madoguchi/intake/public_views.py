from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from madoguchi.accounts.audit import client_ip
from madoguchi.intake import services, storage
from madoguchi.intake.forms import ConsultationForm, check_upload, max_files

# (url name, label) pairs of the public site's sections, in order; names that do not resolve are skipped.
PUBLIC_SECTIONS: list[tuple[str, Callable[[], str]]] = [
    ("intake:form", lambda: _("相談フォーム")),
    ("referrals_public:directory", lambda: _("相談・届出先の一覧")),
    ("knowledge:public_faq", lambda: _("よくあるご質問")),
]

# How long an uploaded file waits for the consulter to confirm (the clean_pending_uploads command removes it).
PENDING_MAX_AGE = 6 * 3600
DONE_SESSION_KEY = "intake_done_reference"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    links = []
    for name, label in PUBLIC_SECTIONS:
        try:
            links.append({"url": reverse(name), "label": label()})
        except NoReverseMatch:
            continue
    return render(request, "public/intake/home.html", {"public_links": links})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/intake/privacy.html")


def _render_input(
    request: HttpRequest, form: ConsultationForm, pending: list[storage.PendingFile], status: int
) -> HttpResponse:
    return render(
        request,
        "public/intake/form.html",
        {"form": form, "pending": pending, "max_files": max_files()},
        status=status,
    )


def _pending_from_post(request: HttpRequest, form: ConsultationForm) -> list[tuple[storage.PendingFile, bytes]]:
    removed = set(request.POST.getlist("remove"))
    kept: list[tuple[storage.PendingFile, bytes]] = []
    lost = False
    for token in request.POST.getlist("pending"):
        if token in removed:
            storage.discard_pending(token=token)
            continue
        loaded = storage.load_pending(token=token, max_age=PENDING_MAX_AGE)
        if loaded is None:
            lost = True
        else:
            kept.append(loaded)
    if lost:
        form.add_error(
            "attachments",
            _("添付ファイルの保存期限が切れたため、一部のファイルを読み込めませんでした。もう一度添付してください。"),
        )
    return kept


@require_http_methods(["GET", "POST"])
def consult(request: HttpRequest) -> HttpResponse:
    """相談フォーム: input -> confirmation -> done. Files wait in the pending area between the steps."""
    if request.method == "GET":
        return _render_input(request, ConsultationForm(), [], 200)

    step = request.POST.get("step", "input")
    if step == "edit":
        # Back from the confirmation page: everything typed and attached comes back as it was.
        form = ConsultationForm(initial={k: v for k, v in request.POST.items() if k not in {"pending", "remove"}})
        carried = _pending_from_post(request, ConsultationForm(request.POST))
        return _render_input(request, form, [p for p, _data in carried], 200)

    form = ConsultationForm(request.POST, request.FILES)
    form.is_valid()
    pending = _pending_from_post(request, form)
    for upload in request.FILES.getlist("attachments"):
        try:
            checked = check_upload(name=upload.name or "", data=upload.read(), declared_type=upload.content_type or "")
        except forms.ValidationError as exc:
            form.add_error("attachments", exc)
            continue
        saved = storage.save_pending(
            data=checked.data,
            filename=checked.filename,
            content_type=checked.content_type,
            sniffed_type=checked.sniffed_type,
        )
        pending.append((saved, checked.data))
    if len(pending) > max_files():
        for extra, _data in pending[max_files() :]:
            storage.discard_pending(token=extra.token)
        pending = pending[: max_files()]
        form.add_error(
            "attachments",
            _("添付できるファイルは%(count)d件までです。超えた分は添付していません。") % {"count": max_files()},
        )
    key = services.client_key(address=client_ip(request))
    status = 400
    if form.honeypot_filled:
        services.record_attempt(key=key)
        form.add_error(None, _("送信できませんでした。お手数ですが、お電話でご相談ください。"))
    elif services.rate_limited(key=key):
        form.add_error(
            None,
            _(
                "短い時間に多くの送信があったため、受付を一時的に止めています。"
                "しばらく時間をおいてから送信するか、お電話でご相談ください。入力内容は消えていません。"
            ),
        )
        status = 429
    files = [p for p, _data in pending]
    if form.errors:
        return _render_input(request, form, files, status)
    if step != "confirm":
        return render(
            request,
            "public/intake/confirm.html",
            {"form": form, "values": form.typed_values(), "pending": files},
        )
    data = form.cleaned_data
    services.record_attempt(key=key)
    case = services.submit_web_consultation(
        data=services.WebConsultation(
            body=data["body"],
            email=data["email"],
            org_name=data["org_name"],
            industry=data["industry"],
            employee_band=data["employee_band"],
            prefecture=data["prefecture"],
            municipality=data["municipality"],
            person_name=data["person_name"],
            phone=data["phone"],
        ),
        files=[services.UploadedFile(filename=p.filename, content_type=p.content_type, data=raw) for p, raw in pending],
    )
    for p in files:
        storage.discard_pending(token=p.token)
    request.session[DONE_SESSION_KEY] = case.reference
    return redirect("intake:done")


@require_GET
def done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(DONE_SESSION_KEY)
    if not reference:
        return redirect("intake:form")
    context: dict[str, Any] = {"reference": reference}
    return render(request, "public/intake/done.html", context)
