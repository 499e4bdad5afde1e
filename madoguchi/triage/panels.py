"""The triage suggestion on the case screen, and the after-save hook that keeps it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.cases.extensions import CasePage, Panel, register
from madoguchi.triage import services


def _context(page: CasePage) -> dict[str, Any] | None:
    suggestion = services.page_suggestion(page)
    if suggestion is None:
        return None
    return {"s": suggestion, "case": page.case}


def register_panels() -> None:
    register(
        Panel(key="triage", title=_("振り分け支援"), order=10, template="staff/triage/_panel.html", context=_context)
    )
