"""The real URLconf plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from config import urls as project_urls
from config.urls import handler400, handler403, handler404, handler500


def _bad_request(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("malformed")


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


_failing = [
    path("fail/400/", _bad_request),
    path("fail/403/", _forbidden),
    path("fail/500/", _crash),
]
urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/", include(_failing)),
    *_failing,
    *project_urls.urlpatterns,
]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
