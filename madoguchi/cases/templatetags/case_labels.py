"""Japanese labels for the codes stored in timeline events."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

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


_FLOWS = {
    "outage": _("情報システムの障害"),
    "attack": _("攻撃（マルウェア感染・不正アクセス・改ざん）"),
    "leak": _("情報漏えい（疑いを含む）"),
}


@register.filter
def flow_label(code: str | None) -> str:
    return str(_FLOWS.get(code or "", code or ""))
