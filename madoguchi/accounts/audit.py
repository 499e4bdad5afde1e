"""The audit log's write path: every personal-data access, change and login goes through record()."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from madoguchi.accounts.models import AuditAction, AuditEvent, User
from madoguchi.core.client_address import client_address


def record(
    *,
    action: AuditAction | str,
    actor: User | None = None,
    request: HttpRequest | None = None,
    target: models.Model | None = None,
    username: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    if actor is None and request is not None and isinstance(request.user, User):
        actor = request.user
    return AuditEvent.objects.create(
        actor=actor,
        actor_username=actor.get_username() if actor else username[:150],
        action=str(action),
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        ip_address=client_address(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
        detail=detail or {},
    )
