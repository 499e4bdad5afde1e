"""The classification panel on the case screen: the terms a consultation is classified with."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.roles import Action
from madoguchi.cases.extensions import CasePage, Panel, register
from madoguchi.taxonomy import selectors


def _context(page: CasePage) -> dict[str, Any] | None:
    can_edit = page.user.can(Action.CASE_EDIT)
    found = selectors.classification(obj=page.case, with_choices=can_edit)
    return {"terms": found.terms, "choices": found.choices, "options": found.options, "can_classify": can_edit}


def register_panels() -> None:
    register(
        Panel(key="taxonomy", title=_("分類"), order=80, template="staff/taxonomy/_case_panel.html", context=_context)
    )
