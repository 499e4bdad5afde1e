"""Case statuses and the one table of allowed transitions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("受付")
    ON_HOLD = "on_hold", _("保留（折り返し待ち）")
    DISPATCHED = "dispatched", _("二次対応待ち")
    IN_PROGRESS = "in_progress", _("二次対応中")
    AWAITING_APPROVAL = "awaiting_approval", _("承認待ち")
    APPROVED = "approved", _("承認済（送付待ち）")
    ANSWERED = "answered", _("回答済")
    CLOSED = "closed", _("完了")
    MERGED = "merged", _("重複統合済")


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.ON_HOLD, Status.DISPATCHED, Status.ANSWERED, Status.CLOSED, Status.MERGED}),
    Status.ON_HOLD: frozenset(
        {Status.RECEIVED, Status.DISPATCHED, Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED, Status.MERGED}
    ),
    Status.DISPATCHED: frozenset({Status.IN_PROGRESS, Status.RECEIVED, Status.MERGED}),
    Status.IN_PROGRESS: frozenset({Status.ON_HOLD, Status.AWAITING_APPROVAL, Status.ANSWERED, Status.MERGED}),
    Status.AWAITING_APPROVAL: frozenset({Status.APPROVED, Status.IN_PROGRESS}),
    Status.APPROVED: frozenset({Status.ANSWERED, Status.IN_PROGRESS}),
    Status.ANSWERED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS, Status.RECEIVED}),
    Status.MERGED: frozenset(),
}

OPEN_STATUSES = frozenset(set(Status) - {Status.CLOSED, Status.MERGED})


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())
