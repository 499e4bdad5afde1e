"""Health endpoints for load balancers and monitoring: no login, no personal data, JSON only."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from madoguchi.ops import checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process answers. Touches nothing else, so a database outage does not make every server 'dead'."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """503 when this server cannot work (database, data dir); warnings (outbox, poller) stay 200 unless ?strict=1."""
    result = checks.readiness()
    if "outbox" in result.checks:
        checks.log_alerts(checks.current_alerts())
    strict = request.GET.get("strict") == "1"
    healthy = result.all_ok if strict else result.critical_ok
    body = {
        "status": "ok" if result.all_ok else ("degraded" if result.critical_ok else "fail"),
        "checks": result.checks,
    }
    return JsonResponse(body, status=200 if healthy else 503)
