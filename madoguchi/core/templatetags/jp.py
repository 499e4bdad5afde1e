"""Dates for staff and the public: 2026年11月25日(水) 14:05 in Japanese (optionally with the 令和 era),
Wed 25 Nov 2026 14:05 when the page is shown in English."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()

_WEEKDAYS = "月火水木金土日"
# Written out rather than strftime("%a %b") so that the output never depends on the process locale.
_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english() -> bool:
    return (get_language() or "ja").startswith("en")


def _english_date(day: dt.date) -> str:
    return f"{_EN_WEEKDAYS[day.weekday()]} {day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


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
    if _english():
        return f"{_english_date(value.date())} {value:%H:%M}"
    year = reiwa_year(value.date()) if era == "reiwa" else f"{value.year}年"
    return f"{year}{value.month}月{value.day}日({_WEEKDAYS[value.weekday()]}) {value:%H:%M}"


@register.filter
def jdate(value: dt.date | dt.datetime | None, era: str = "") -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if _english():
        return _english_date(value)
    year = reiwa_year(value) if era == "reiwa" else f"{value.year}年"
    return f"{year}{value.month}月{value.day}日({_WEEKDAYS[value.weekday()]})"
