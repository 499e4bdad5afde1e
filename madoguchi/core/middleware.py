"""Response headers: a strict Content-Security-Policy, no-store on staff pages and POST answers, a request reference."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
