"""The triage suggestion on the case screen, and the after-save hook that keeps it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.extensions import Panel, register
from madoguchi.cases.models import Case
from madoguchi.triage.models import TriageSuggestion


def _context(request: HttpRequest, case: Case, bound: dict[str, Any]) -> dict[str, Any] | None:
    suggestion = TriageSuggestion.objects.filter(case=case).order_by("-created_at", "-id").first()
    if suggestion is None:
        return None
    return {"s": suggestion, "case": case}


def register_panels() -> None:
    register(
        Panel(key="triage", title=_("振り分け支援"), order=10, template="staff/triage/_panel.html", context=_context)
    )
