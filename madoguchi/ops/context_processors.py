"""The operations banner: managers and admins see it on every staff page, everyone on the dashboard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from madoguchi.accounts.roles import Action, Role
from madoguchi.ops import checks

BANNER_ROLES = {Role.MANAGER, Role.ADMIN}


def ops_alerts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith("/staff/"):
        return {}
    if user.role not in BANNER_ROLES and request.path != reverse("cases:dashboard"):
        return {}
    alerts = checks.current_alerts()
    if alerts:
        checks.log_alerts(alerts)
    return {"ops_alerts": alerts, "perms_answer_send": user.can(Action.ANSWER_SEND)}
