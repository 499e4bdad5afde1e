from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile, TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from madoguchi.cases.forms import consulter_data
from madoguchi.core import datadir
from madoguchi.core.client_address import client_address
from madoguchi.intake import ratelimit, storage
from madoguchi.intake.forms import (
    ConsultationForm,
    max_file_bytes,
    max_files,
    megabytes,
)
from madoguchi.intake.services import web_form

# (url name, label) pairs of the public site's sections, in order; names that do not resolve are skipped.
PUBLIC_SECTIONS: list[tuple[str, Callable[[], str]]] = [
    ("intake:form", lambda: _("相談フォーム")),
    ("referrals_public:directory", lambda: _("相談・届出先の一覧")),
    ("faq_public:index", lambda: _("よくあるご質問")),
    ("faq_public:links", lambda: _("役に立つ情報へのリンク")),
    ("knowledge:public_faq", lambda: _("よくあるご質問")),
    ("outreach_public:request", lambda: _("ガイドブックの送付申込み")),
]

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


def _carried(request: HttpRequest, *, keep_data: bool) -> web_form.CarriedFiles:
    return web_form.carried_files(
        tokens=request.POST.getlist("pending"), removed=set(request.POST.getlist("remove")), keep_data=keep_data
    )


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
    refused = not web_form.request_allowed(key=key)
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
        return _render_input(request, form, [p for p, _data in _carried(request, keep_data=False).files], 200)

    form = ConsultationForm(request.POST, request.FILES)
    form.is_valid()
    if form.honeypot_filled:
        web_form.honeypot_filled(key=key)
        form.add_error(None, _("送信できませんでした。お手数ですが、お電話でご相談ください。"))
        return _render_input(request, form, [], 400)
    # Only the final step needs the bytes.
    keep_data = step == "confirm"
    carried = _carried(request, keep_data=keep_data)
    if refused:
        for error in carried.errors:
            form.add_error("attachments", error)
        form.add_error(None, _rate_limit_message())
        return _render_input(request, form, [p for p, _data in carried.files], 429)
    web_form.add_uploads(carried=carried, uploads=request.FILES.getlist("attachments"), keep_data=keep_data)
    for error in carried.errors:
        form.add_error("attachments", error)
    files = [p for p, _data in carried.files]
    if form.errors:
        return _render_input(request, form, files, 400)
    if step != "confirm":
        return render(
            request,
            "public/intake/confirm.html",
            {"form": form, "values": form.typed_values(), "pending": files},
        )
    organization, person = consulter_data(form.cleaned_data)
    try:
        case = web_form.web_consultation_confirm(
            key=key,
            data=web_form.WebConsultation(body=form.cleaned_data["body"], organization=organization, person=person),
            carried=carried.files,
        )
    except datadir.StorageFull as exc:
        # Nothing was kept (rolled back, files removed); the pending files and the typing wait for another try.
        form.add_error("attachments", exc.message)
        return _render_input(request, form, files, 507)
    if case is None:
        form.add_error(None, _rate_limit_message())
        return _render_input(request, form, files, 429)
    request.session[DONE_SESSION_KEY] = case.reference
    return redirect("intake:done")


@require_GET
def done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(DONE_SESSION_KEY)
    if not reference:
        return redirect("intake:form")
    context: dict[str, Any] = {"reference": reference}
    return render(request, "public/intake/done.html", context)
