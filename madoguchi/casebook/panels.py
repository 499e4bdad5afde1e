"""The casebook panel on the case screen: write a case study from a finished consultation, see its studies."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.roles import Action
from madoguchi.casebook.models import CaseStudy
from madoguchi.casebook.services import FINISHED
from madoguchi.cases.extensions import CasePage, Panel, register


def _context(page: CasePage) -> dict[str, Any] | None:
    can_write = page.user.can(Action.CASEBOOK_WRITE) and page.case.status in FINISHED
    studies = list(CaseStudy.objects.filter(source_case=page.case).order_by("pk"))
    if not can_write and not studies:
        return None
    return {"can_write": can_write, "studies": studies}


def register_panels() -> None:
    register(
        Panel(key="casebook", title=_("事例集"), order=90, template="staff/casebook/_case_panel.html", context=_context)
    )
