"""Japanese date display: 2026年11月25日(水) 14:05, optionally with the 令和 era."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()

_WEEKDAYS = "月火水木金土日"


def reiwa_year(day: dt.date) -> str:
    if day >= dt.date(2019, 5, 1):
        year = day.year - 2018
        return "令和元年" if year == 1 else f"令和{year}年"
    return f"{day.year}年"


@register.filter
def jdatetime(value: dt.datetime | None, era: str = "") -> str:
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    year = reiwa_year(value.date()) if era == "reiwa" else f"{value.year}年"
    return f"{year}{value.month}月{value.day}日({_WEEKDAYS[value.weekday()]}) {value:%H:%M}"


@register.filter
def jdate(value: dt.date | dt.datetime | None, era: str = "") -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    year = reiwa_year(value) if era == "reiwa" else f"{value.year}年"
    return f"{year}{value.month}月{value.day}日({_WEEKDAYS[value.weekday()]})"
