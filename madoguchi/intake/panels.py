"""The intake panel on the case screen: the case's mail and attachments."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.cases.extensions import CasePage, Panel, register
from madoguchi.intake import selectors


def _context(page: CasePage) -> dict[str, Any] | None:
    mails = list(selectors.case_messages(case=page.case))
    files = list(selectors.case_attachments(case=page.case))
    if not mails and not files:
        return None
    return {"mails": mails, "files": files}


def register_panels() -> None:
    register(
        Panel(key="intake", title=_("メール・添付"), order=30, template="staff/intake/_panel.html", context=_context)
    )
