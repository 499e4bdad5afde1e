"""Our own 400/403/404/500 pages in Japanese: the staff layout under /staff/, the public layout elsewhere, and the
API's JSON error shape under /api/ (an integration never gets an HTML page, also for a URL no view matched)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from madoguchi.core.middleware import STAFF_PREFIX, is_api, request_reference

logger = logging.getLogger("madoguchi.errors")


def _layout(request: HttpRequest) -> str:
    return "staff" if request.path.startswith(STAFF_PREFIX) else "public"


def api_error(request: HttpRequest, *, status: int, code: str, detail: str) -> JsonResponse:
    """The API's error body (as madoguchi.api.errors gives DRF's own errors): detail and code; the reference on a
    server error, to quote to an operator (a 404's body must not differ from one request to the next)."""
    body = {"detail": detail, "code": code}
    if status >= 500:
        body["reference"] = request_reference(request)
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _api_messages() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("リクエストを処理できませんでした。")),
        403: ("permission_denied", _("この操作を行う権限がありません。")),
        404: ("not_found", _("見つかりませんでした。")),
        500: ("server_error", _("システムエラーが発生しました。参照番号を添えて管理者にお知らせください。")),
    }


def _render(request: HttpRequest, status: int, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            # Over DATA_UPLOAD_MAX_MEMORY_SIZE: Django calls it a bad request; an integration needs to know why.
            return api_error(request, status=413, code="request_too_large", detail=too_large_message())
        code, detail = _api_messages()[status]
        return api_error(request, status=status, code=code, detail=detail)
    context = {"reference": request_reference(request)}
    return render(request, f"{_layout(request)}/errors/{status}.html", context, status=status)


def too_large_message() -> str:
    return _("リクエストが大きすぎます。内容を減らしてからもう一度送信してください。")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 400, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(request, 403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Something is already broken: no database, no user, no context processors, only a self-contained template.
    reference = request_reference(request)
    logger.error("server error, reference %s, path %s", reference, request.path, exc_info=True)
    if is_api(request):
        code, detail = _api_messages()[500]
        return api_error(request, status=500, code=code, detail=detail)
    template = loader.get_template("errors/500.html")
    context = {"reference": reference, "DESK_NAME": settings.MADOGUCHI_DESK_NAME, "staff": _layout(request) == "staff"}
    content = template.render(context)
    return HttpResponse(content, status=500)
