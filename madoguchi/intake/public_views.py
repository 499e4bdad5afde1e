from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from madoguchi.core.client_address import client_address
from madoguchi.intake import ratelimit, services, storage
from madoguchi.intake.forms import (
    ConsultationForm,
    check_upload,
    check_upload_size,
    max_file_bytes,
    max_files,
    megabytes,
)
from madoguchi.intake.models import RateLimitScope

# (url name, label) pairs of the public site's sections, in order; names that do not resolve are skipped.
PUBLIC_SECTIONS: list[tuple[str, Callable[[], str]]] = [
    ("intake:form", lambda: _("相談フォーム")),
    ("referrals_public:directory", lambda: _("相談・届出先の一覧")),
    ("faq_public:index", lambda: _("よくあるご質問")),
    ("faq_public:links", lambda: _("役に立つ情報へのリンク")),
]

# How long an uploaded file waits for the consulter to confirm (the clean_pending_uploads command removes it).
PENDING_MAX_AGE = 6 * 3600
DONE_SESSION_KEY = "intake_done_reference"
# Room for the text fields and multipart framing on top of the files (the text is at most ~40 KB).
REQUEST_MARGIN_BYTES = 1024 * 1024


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


def _pending_from_post(
    request: HttpRequest, form: ConsultationForm, *, keep_data: bool = False
) -> list[tuple[storage.PendingFile, bytes]]:
    """The files carried from earlier steps; their bytes only when the consultation is about to be created."""
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
            kept.append(loaded if keep_data else (loaded[0], b""))
    if lost:
        form.add_error(
            "attachments",
            _("添付ファイルの保存期限が切れたため、一部のファイルを読み込めませんでした。もう一度添付してください。"),
        )
    return kept


class DiscardUploadHandler(FileUploadHandler):
    """Reads past every uploaded file without keeping a byte: for requests that are already refused."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        return None

    def file_complete(self, file_size: int) -> None:
        return None


def max_request_bytes() -> int:
    # Every file at its limit, plus room for the text fields and the multipart framing.
    return max_files() * max_file_bytes() + REQUEST_MARGIN_BYTES


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _rate_limit_message() -> str:
    return _(
        "短い時間に多くの送信があったため、受付を一時的に止めています。"
        "しばらく時間をおいてから送信するか、お電話でご相談ください。入力内容は消えていません。"
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def consult(request: HttpRequest) -> HttpResponse:
    """相談フォーム: input -> confirmation -> done. Files wait in the pending area between the steps.

    Size and rate limits are decided before the body is parsed, so a refused request costs neither memory nor
    disk. CsrfViewMiddleware would parse the body first (it reads request.POST), hence csrf_exempt here and
    csrf_protect on _consult: the pattern of Django's "Modifying upload handlers on the fly".
    """
    if request.method == "GET":
        return _consult(request, key="", refused=False)
    if _content_length(request) > max_request_bytes():
        return render(
            request,
            "public/intake/too_large.html",
            {"limit": megabytes(max_request_bytes()), "file_limit": megabytes(max_file_bytes()), "count": max_files()},
            status=413,
        )
    key = ratelimit.client_key(address=client_address(request))
    post_allowed = ratelimit.hit(scope=RateLimitScope.POST, key=key)
    refused = not post_allowed or ratelimit.exhausted(scope=RateLimitScope.SUBMISSION, key=key)
    # Refused requests keep their text fields (the typing survives) but every file is skipped unread to disk;
    # accepted ones stream each file to a temporary file, never to memory.
    handler: FileUploadHandler = DiscardUploadHandler(request) if refused else TemporaryFileUploadHandler(request)
    request.upload_handlers = [handler]
    return _consult(request, key=key, refused=refused)


@csrf_protect
def _consult(request: HttpRequest, *, key: str, refused: bool) -> HttpResponse:
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
    if form.honeypot_filled:
        ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key)
        form.add_error(None, _("送信できませんでした。お手数ですが、お電話でご相談ください。"))
        return _render_input(request, form, [], 400)
    # Only the final step needs the bytes; earlier steps hold at most one file in memory at a time.
    keep_data = step == "confirm"
    pending = _pending_from_post(request, form, keep_data=keep_data)
    if refused:
        form.add_error(None, _rate_limit_message())
        return _render_input(request, form, [p for p, _data in pending], 429)
    for upload in request.FILES.getlist("attachments"):
        try:
            # The size is known without reading: a too-large file never enters memory.
            check_upload_size(name=upload.name or "", size=upload.size or 0)
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
        pending.append((saved, checked.data if keep_data else b""))
        del checked
    if len(pending) > max_files():
        for extra, _data in pending[max_files() :]:
            storage.discard_pending(token=extra.token)
        pending = pending[: max_files()]
        form.add_error(
            "attachments",
            _("添付できるファイルは%(count)d件までです。超えた分は添付していません。") % {"count": max_files()},
        )
    files = [p for p, _data in pending]
    if form.errors:
        return _render_input(request, form, files, 400)
    if step != "confirm":
        return render(
            request,
            "public/intake/confirm.html",
            {"form": form, "values": form.typed_values(), "pending": files},
        )
    # The decision itself: one atomic increment, so parallel submissions cannot all take the last slot.
    if not ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key):
        form.add_error(None, _rate_limit_message())
        return _render_input(request, form, files, 429)
    data = form.cleaned_data
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
