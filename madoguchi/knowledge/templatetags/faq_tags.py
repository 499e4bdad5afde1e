"""Template helpers of the FAQ pages: placeholders of masked spans, the schema.org JSON-LD element."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from madoguchi.knowledge.faq_masking import placeholder

register = template.Library()


@register.filter
def mask_placeholder(span_type: str) -> str:
    return placeholder(span_type)


def _changed_label(name: str) -> str:
    labels = {
        "title": _("見出し"),
        "questions": _("質問の例"),
        "measures": _("回答例 ① 具体的な対策"),
        "referrals": _("回答例 ② 相談・届出先"),
        "keywords": _("キーワード"),
        "terms": _("分類"),
        "sources": _("参考にした情報"),
        "read_more": _("詳しく読む"),
        "visibility": _("公開範囲"),
        "masking": _("マスク"),
    }
    return labels.get(name, name)


@register.filter
def changed_labels(names: list[str]) -> str:
    """The items a version changed, as the desk calls them (a version stores the field names)."""
    return "、".join(_changed_label(n) for n in names or [])


@register.simple_tag
def jsonld(data: str) -> SafeString:
    """A JSON-LD data block. CSP does not apply: browsers never execute it. `data` comes from
    public_faq_views.faq_jsonld, which escapes <, > and & so nothing in it can close the element."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308
