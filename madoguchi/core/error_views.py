"""Our own 400/403/404/500 pages in Japanese: the staff layout under /staff/, the public layout elsewhere."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from madoguchi.core.middleware import STAFF_PREFIX, request_reference

logger = logging.getLogger("madoguchi.errors")


def _layout(request: HttpRequest) -> str:
    return "staff" if request.path.startswith(STAFF_PREFIX) else "public"


def _render(request: HttpRequest, status: int) -> HttpResponse:
    context = {"reference": request_reference(request)}
    return render(request, f"{_layout(request)}/errors/{status}.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 400)


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
    template = loader.get_template("errors/500.html")
    context = {"reference": reference, "DESK_NAME": settings.MADOGUCHI_DESK_NAME, "staff": _layout(request) == "staff"}
    content = template.render(context)
    return HttpResponse(content, status=500)
