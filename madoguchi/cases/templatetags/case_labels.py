"""Japanese labels for the codes stored in timeline events."""

from __future__ import annotations

from django import template

from madoguchi.cases.choices import Category, Urgency
from madoguchi.cases.workflow import Status

register = template.Library()


@register.filter
def status_label(code: str) -> str:
    try:
        return str(Status(code).label)
    except ValueError:
        return code


@register.filter
def category_label(code: str) -> str:
    try:
        return str(Category(code).label)
    except ValueError:
        return code or "―"


@register.filter
def urgency_label(value: int | str) -> str:
    try:
        return str(Urgency(int(value)).label)
    except (ValueError, TypeError):
        return str(value)
