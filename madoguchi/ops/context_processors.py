"""The operations banner: managers and admins see it on every staff page, everyone on the dashboard."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse

from madoguchi.accounts.roles import Action, Role
from madoguchi.ops import checks

BANNER_ROLES = {Role.MANAGER, Role.ADMIN}
# The figures are the same for every user and every app server: one cache entry for all of them.
CACHE_KEY = "madoguchi:ops:banner-alerts"


def banner_alerts() -> checks.Alerts:
    """`checks.current_alerts()`, kept MADOGUCHI_OPS_BANNER_CACHE_SECONDS in the shared cache (0: not kept)."""
    seconds = settings.MADOGUCHI_OPS_BANNER_CACHE_SECONDS
    if seconds <= 0:
        return checks.current_alerts()
    alerts = cache.get(CACHE_KEY)
    if not isinstance(alerts, checks.Alerts):
        alerts = checks.current_alerts()
        cache.set(CACHE_KEY, alerts, seconds)
    return alerts


def _alerts_once(request: HttpRequest) -> checks.Alerts:
    """At most once per request, however many templates are rendered with a RequestContext."""
    alerts = getattr(request, "_madoguchi_ops_alerts", None)
    if not isinstance(alerts, checks.Alerts):
        alerts = banner_alerts()
        request._madoguchi_ops_alerts = alerts  # type: ignore[attr-defined]
    return alerts


def ops_alerts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith("/staff/"):
        return {}
    if user.role not in BANNER_ROLES and request.path != reverse("cases:dashboard"):
        return {}
    alerts = _alerts_once(request)
    if alerts:
        checks.log_alerts(alerts)
    return {"ops_alerts": alerts, "perms_answer_send": user.can(Action.ANSWER_SEND)}
