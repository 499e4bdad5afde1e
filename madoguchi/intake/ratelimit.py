"""The public form's rate limits: fixed-window counters per client address, incremented by one atomic upsert."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from madoguchi.intake.models import RateLimitCounter, RateLimitScope


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def _parse(value: str) -> Rate:
    count, _sep, seconds = value.partition("/")
    return Rate(count=int(count), seconds=int(seconds or 3600))


def rate_for(scope: RateLimitScope) -> Rate:
    if scope == RateLimitScope.SUBMISSION:
        return _parse(settings.MADOGUCHI_PUBLIC_FORM_RATE)
    if scope == RateLimitScope.API:
        return _parse(settings.MADOGUCHI_API_RATE)
    return _parse(settings.MADOGUCHI_PUBLIC_FORM_POST_RATE)


def client_key(*, address: str | None) -> str:
    # Addresses are personal data: only a keyed hash is kept, enough to count, useless to anyone else.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address or '-'}".encode()).hexdigest()


def _window_start(*, now: dt.datetime, seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def hit(*, scope: RateLimitScope, key: str, now: dt.datetime | None = None) -> bool:
    """Count one request; True if it is within the limit. Atomic: N parallel callers get N distinct counts.

    One INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement (PostgreSQL, and SQLite >= 3.35): the database
    serialises the increments on the counter row, so no two requests can both see "one slot left".
    """
    rate = rate_for(scope)
    start = _window_start(now=now or timezone.now(), seconds=rate.seconds)
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    start_value = connection.ops.adapt_datetimefield_value(start)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, client_key, window_start, count) VALUES (%s, %s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (scope, client_key, window_start) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count",
            [str(scope), key, start_value],
        )
        (count,) = cursor.fetchone()
    return int(count) <= rate.count


def exhausted(*, scope: RateLimitScope, key: str, now: dt.datetime | None = None) -> bool:
    """Whether the limit is already used up (a read, for refusing early; the decision itself is hit())."""
    rate = rate_for(scope)
    start = _window_start(now=now or timezone.now(), seconds=rate.seconds)
    row = RateLimitCounter.objects.filter(scope=scope, client_key=key, window_start=start).only("count").first()
    return row is not None and row.count >= rate.count


def forget_old(*, older_than: dt.timedelta) -> int:
    # Never forget a window that may still be current.
    longest = max(rate_for(scope).seconds for scope in RateLimitScope)
    keep = max(older_than, dt.timedelta(seconds=longest))
    deleted, _rows = RateLimitCounter.objects.filter(window_start__lt=timezone.now() - keep).delete()
    return deleted
