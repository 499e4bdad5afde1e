from __future__ import annotations

from django import template

from madoguchi.triage.reasons import translate_reasons

register = template.Library()


@register.filter(name="triage_reasons")
def triage_reasons(reasons: list[str] | None) -> list[str]:
    """The stored Japanese reasons of a suggestion, in the active language."""
    return translate_reasons(list(reasons or []))
