"""Whether a reference record is due for re-checking (要確認) or was never seen in a source (未検証)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from madoguchi.referrals.models import SourcedRecord


def checked_on(record: SourcedRecord) -> dt.date:
    """The day the record was last known good: a staff check, else the day its source was read, else the source date."""
    if record.last_verified_at is not None:
        return timezone.localtime(record.last_verified_at).date()
    if record.checked_on is not None:
        return record.checked_on
    return record.as_of


def is_stale(record: SourcedRecord, *, today: dt.date | None = None) -> bool:
    # Read at call time: tests and deployments change the period without a restart of the module.
    days = int(settings.MADOGUCHI_STALE_AFTER_DAYS)
    today = today or timezone.localdate()
    return (today - checked_on(record)).days > days
