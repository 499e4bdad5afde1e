from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from madoguchi.accounts.roles import Action


def unread(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the staff header; nothing for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not user.can(Action.CASE_VIEW):
        return {}
    from madoguchi.notifications.selectors import unread_count

    return {"NOTIFICATIONS_UNREAD": unread_count(user=user)}
