"""Read path of notifications: always the requesting user's own, with the case loaded."""

from __future__ import annotations

from django.db.models import F, QuerySet

from madoguchi.accounts.models import User
from madoguchi.notifications.models import Notification, NotificationPreference


def inbox(*, user: User) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient=user)
        .select_related("case", "event__actor")
        # Unread first; NULLs sort first in SQLite but last in PostgreSQL unless asked.
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    )


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def own_notification(*, user: User, pk: int) -> Notification | None:
    return Notification.objects.filter(recipient=user, pk=pk).select_related("case").first()


def preference(*, user: User) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
