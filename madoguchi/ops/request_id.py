"""The request id: taken from a trusted proxy's X-Request-ID or made here, on every log line and error page."""

from __future__ import annotations

import contextvars
import logging
import re
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# Only ids a log reader can trust: short, no spaces, no quotes, nothing that could forge a JSON field or a line.
VALID_ID = re.compile(r"\A[A-Za-z0-9._-]{8,64}\Z")

access_logger = logging.getLogger("madoguchi.request")

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("madoguchi_request_id", default="")


def new_request_id() -> str:
    return secrets.token_hex(8)


def incoming_request_id(request: HttpRequest) -> str:
    """The proxy's id when a trusted proxy sits in front (MADOGUCHI_TRUSTED_PROXY_COUNT > 0) and it is well-formed."""
    if settings.MADOGUCHI_TRUSTED_PROXY_COUNT <= 0:
        return ""
    value = request.headers.get(HEADER, "")
    return value if VALID_ID.match(value) else ""


class RequestIdMiddleware:
    """Outermost middleware: every log line written while the request runs carries its id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = incoming_request_id(request) or new_request_id()
        # core.middleware.request_reference reads this attribute: error pages show the same id as the log.
        request.madoguchi_reference = request_id  # type: ignore[attr-defined]
        # Not reset when the middleware returns: Django logs 4xx/5xx responses after the middleware chain. The id is
        # cleared when the response is finished (request_finished, see apps.py) and replaced by the next request.
        current_request_id.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        # The access log line: path without the query string (it may carry a token), never a body.
        access_logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            (time.monotonic() - started) * 1000,
            extra={"status_code": response.status_code},
        )
        response[HEADER] = request_id
        return response


def clear_request_id(**_kwargs: object) -> None:
    current_request_id.set("")
