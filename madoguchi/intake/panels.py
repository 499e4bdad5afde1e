"""The intake panel on the case screen: the case's mail and attachments."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.extensions import Panel, register
from madoguchi.cases.models import Case
from madoguchi.intake import selectors


def _context(request: HttpRequest, case: Case, bound: dict[str, Any]) -> dict[str, Any] | None:
    mails = list(selectors.case_messages(case=case))
    files = list(selectors.case_attachments(case=case))
    if not mails and not files:
        return None
    return {"mails": mails, "files": files}


def register_panels() -> None:
    register(
        Panel(key="intake", title=_("メール・添付"), order=30, template="staff/intake/_panel.html", context=_context)
    )
