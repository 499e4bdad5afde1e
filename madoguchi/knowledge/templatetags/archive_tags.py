"""Template helpers of the information archive: the role table decides what the archive pages offer."""

from __future__ import annotations

from django import template

from madoguchi.accounts.roles import Action

register = template.Library()


@register.filter
def may_edit_archive(user: object) -> bool:
    can = getattr(user, "can", None)
    return bool(getattr(user, "is_authenticated", False) and callable(can) and can(Action.ARCHIVE_EDIT))
