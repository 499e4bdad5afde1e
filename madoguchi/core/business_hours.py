"""Business-hours arithmetic with Japanese public holidays, for response-time targets."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import jpholiday

TOKYO = ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class BusinessHours:
    opens: dt.time
    closes: dt.time

    @classmethod
    def parse(cls, spec: str) -> BusinessHours:
        start, end = spec.split("-")
        return cls(opens=dt.time.fromisoformat(start.strip()), closes=dt.time.fromisoformat(end.strip()))


@functools.lru_cache(maxsize=8192)  # a pure function of the date; jpholiday's lookup is slow
def is_business_day(day: dt.date) -> bool:
    # Year-end closure (12/29-1/3) is customary for Japanese public offices.
    year_end = (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
    return day.weekday() < 5 and not jpholiday.is_holiday(day) and not year_end


def add_business_minutes(*, start: dt.datetime, minutes: int, hours: BusinessHours) -> dt.datetime:
    """Return the moment `minutes` of business time after `start` (aware datetimes, Tokyo)."""
    current = start.astimezone(TOKYO)
    remaining = minutes
    while True:
        day = current.date()
        open_at = dt.datetime.combine(day, hours.opens, tzinfo=TOKYO)
        close_at = dt.datetime.combine(day, hours.closes, tzinfo=TOKYO)
        if not is_business_day(day) or current >= close_at:
            current = dt.datetime.combine(day + dt.timedelta(days=1), hours.opens, tzinfo=TOKYO)
            continue
        if current < open_at:
            current = open_at
        available = int((close_at - current).total_seconds() // 60)
        if remaining <= available:
            return current + dt.timedelta(minutes=remaining)
        remaining -= available
        current = dt.datetime.combine(day + dt.timedelta(days=1), hours.opens, tzinfo=TOKYO)
