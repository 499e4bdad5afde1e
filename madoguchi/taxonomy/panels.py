"""The classification panel on the case screen: the terms a consultation is classified with."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.cases.extensions import Panel, register
from madoguchi.cases.models import Case
from madoguchi.taxonomy import selectors


def _context(request: StaffRequest, case: Case, bound: dict[str, Any]) -> dict[str, Any] | None:
    can_edit = request.user.can(Action.CASE_EDIT)
    return {
        "terms": selectors.terms_for(obj=case),
        "choices": selectors.term_choices() if can_edit else [],
        "can_classify": can_edit,
    }


def register_panels() -> None:
    register(
        Panel(key="taxonomy", title=_("分類"), order=80, template="staff/taxonomy/_case_panel.html", context=_context)
    )
