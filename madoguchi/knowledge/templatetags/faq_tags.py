"""Template helpers of the FAQ pages: placeholders of masked spans, the schema.org JSON-LD element."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from madoguchi.knowledge.faq_masking import placeholder

register = template.Library()


@register.filter
def mask_placeholder(span_type: str) -> str:
    return placeholder(span_type)


@register.simple_tag
def jsonld(data: str) -> SafeString:
    """A JSON-LD data block. CSP does not apply: browsers never execute it. `data` comes from
    public_faq_views.faq_jsonld, which escapes <, > and & so nothing in it can close the element."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308
