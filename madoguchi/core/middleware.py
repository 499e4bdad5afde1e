"""Response headers (a strict Content-Security-Policy, no-store on staff pages and POST answers, a request reference)
and the data dir guard (read-only mode, the 507 page or its JSON twin for the API and the desk's scripts)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from madoguchi.core import datadir

logger = logging.getLogger("madoguchi.errors")

# Scripts and styles only from our own static files: no inline <script>, style="..." or on* handlers anywhere
# (test_no_inline_script_or_style.py keeps templates that way). A view may set a stricter policy of its own
# (the sandboxed mail HTML, downloads); the middleware leaves that one alone.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
STAFF_PREFIX = "/staff/"
# The versioned REST API: every answer under it is JSON, errors included (docs/api.md).
API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def wants_json(request: HttpRequest) -> bool:
    """The API, and the desk's own scripts (autosave, drafts), which send or accept JSON and cannot show a page."""
    if is_api(request):
        return True
    accept = request.headers.get("Accept", "")
    content_type = request.headers.get("Content-Type", "")
    return "application/json" in accept or content_type.startswith("application/json")


def request_reference(request: HttpRequest) -> str:
    """A short reference shown on error pages and written to the log, so a report can be matched to a log line."""
    reference = getattr(request, "madoguchi_reference", "")
    if not reference:
        reference = secrets.token_hex(4)
        request.madoguchi_reference = reference  # type: ignore[attr-defined]
    return reference


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reference = request_reference(request)
        response = self.get_response(request)
        response.headers.setdefault("X-Request-Reference", reference)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if request.path.startswith(STAFF_PREFIX) or request.method == "POST":
            # Staff pages carry personal data, and so does any page answering a POST (the public form's
            # confirmation echoes what was typed): never kept by the browser or a proxy (back button, shared PCs).
            if "no-store" not in response.get("Cache-Control", ""):
                response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


# Staff POSTs that stay open in read-only mode: signing in and out writes only the session and the audit log.
READ_ONLY_ALLOWED_VIEWS = frozenset({"accounts:login", "accounts:logout", "accounts:otp_verify", "accounts:otp_setup"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Fields never echoed back on the refusal page: framework plumbing and secrets.
_HIDDEN_FIELDS = frozenset({"csrfmiddlewaretoken", "step", "pending", "remove", "next", "version"})
_SECRET_MARKERS = ("password", "token", "otp", "secret")


def typed_values(request: HttpRequest) -> list[tuple[str, str]]:
    """What the user typed, to copy from the refusal page: non-empty text fields, never passwords or tokens."""
    if request.method not in UNSAFE_METHODS:
        return []
    values = []
    for name, items in request.POST.lists():
        lowered = name.lower()
        if lowered in _HIDDEN_FIELDS or any(marker in lowered for marker in _SECRET_MARKERS):
            continue
        for value in items:
            if value.strip():
                values.append((name, value))
    return values


class DataDirMiddleware:
    """The one place that turns a full data dir into a Japanese answer (ADR 0036).

    - A write that fails with ENOSPC / EDQUOT / EROFS and reaches no form (the view did not catch the StorageFull
      from core.datadir) becomes HTTP 507 with the staff or public layout, the request reference and what was typed.
    - Read-only mode: while core.datadir says the data dir cannot take writes, state-changing staff requests are
      refused with the same page before the view runs; reads, login and logout go on.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if request.method not in UNSAFE_METHODS or not request.path.startswith(STAFF_PREFIX):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in READ_ONLY_ALLOWED_VIEWS:
            return None
        if not datadir.storage_state().read_only:
            return None
        reference = request_reference(request)
        logger.warning("read-only mode: refused %s %s, reference %s", request.method, request.path, reference)
        return storage_full_response(request, read_only=True)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not datadir.is_storage_full(exception):
            return None
        # The next staff page shows the banner at once instead of after the cached answer expires.
        datadir.refresh_storage_state()
        logger.error(
            "data dir full (%s), reference %s, path %s",
            getattr(exception, "strerror", "") or type(exception).__name__,
            request_reference(request),
            request.path,
        )
        return storage_full_response(request, read_only=False)


def read_only_message() -> str:
    return _(
        "保存領域が不足しているため、読み取り専用モードです。この操作は保存していません。"
        "空き容量が戻ると自動的に解除されますので、しばらく時間をおいてからもう一度お試しください。"
    )


def read_only_draft_message() -> str:
    # The desk's autosave: the text stays in the browser's field, and the script saves it again once it can.
    return _(
        "保存領域が不足しているため、読み取り専用モードです。下書きを保存できません。"
        "入力した内容はこの画面に残っています。空き容量が戻ると保存できるようになります。"
    )


def not_saved_message() -> str:
    return _(
        "保存領域が不足しているため、保存できませんでした。何も保存していません。"
        "しばらく時間をおいてからもう一度お試しください。"
    )


def storage_full_response(request: HttpRequest, *, read_only: bool) -> HttpResponse:
    if is_api(request):
        # The API's error shape (madoguchi.api.errors): detail, a machine-readable code, the reference.
        body = {
            "detail": read_only_message() if read_only else not_saved_message(),
            "code": "read_only" if read_only else "storage_full",
            "reference": request_reference(request),
        }
        return JsonResponse(body, status=507, json_dumps_params={"ensure_ascii": False})
    if wants_json(request):
        # The desk's scripts show `error` next to the field they save and keep the typing on the screen.
        message = read_only_draft_message() if read_only else not_saved_message()
        answer: dict[str, str | bool] = {
            "ok": False,
            "error": message,
            "read_only": read_only,
            "reference": request_reference(request),
        }
        return JsonResponse(answer, status=507, json_dumps_params={"ensure_ascii": False})
    layout = "staff" if request.path.startswith(STAFF_PREFIX) else "public"
    context = {"reference": request_reference(request), "typed": typed_values(request), "read_only": read_only}
    return render(request, f"{layout}/errors/507.html", context, status=507)
