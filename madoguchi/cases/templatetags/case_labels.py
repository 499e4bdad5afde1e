"""Japanese labels for the codes stored in timeline events, and the 「推定」 badge of a triage suggestion."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
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


# Timeline "edit" events store field names and str() values; staff read labels and formatted values.
_CHANGE_LABELS = {
    "organization": _("組織"),
    "person": _("相談者"),
    "tags": _("タグ"),
}


@register.filter
def change_label(name: str) -> str:
    from madoguchi.cases.models import Case

    if name in _CHANGE_LABELS:
        return str(_CHANGE_LABELS[name])
    try:
        return str(Case._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except FieldDoesNotExist:  # an unknown name from an old event is shown as stored
        return name


@register.filter
def change_value(value: object, name: str = "") -> str:
    """Format a stored old/new value: datetimes the Japanese way, channel codes as labels."""
    import datetime as dt

    from madoguchi.cases.choices import Channel
    from madoguchi.core.templatetags.jp import jdatetime

    text = "" if value is None else str(value)
    if not text:
        return "―"
    if name == "channel":
        try:
            return str(Channel(text).label)
        except ValueError:
            return text
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return jdatetime(parsed) if parsed.tzinfo else text


@register.simple_tag
def suggested_badge(kind: str, label: object) -> SafeString:
    """An outlined 「推定: …」 badge for a suggestion staff have not decided yet (a decision is a filled badge).

    Built here, not in an included template: a queue page shows up to two in each of up to 80 rows."""
    note = gettext("AI による推定（未確定）")
    return format_html(
        '<span class="badge suggested {}" title="{}"><span class="visually-hidden">{}: </span>{}</span>',
        kind,
        note,
        note,
        gettext("推定: %(label)s") % {"label": label},
    )
