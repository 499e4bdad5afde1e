"""The referral panel on the case screen and the quick-list widget on the dashboard."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.cases.choices import Tier
from madoguchi.cases.extensions import CasePage, DashboardWidget, Panel, register, register_widget
from madoguchi.cases.models import Case
from madoguchi.cases.workflow import Status
from madoguchi.referrals.forms import PoliceFlagForm
from madoguchi.referrals.models import Situation
from madoguchi.referrals.selectors import stale_organizations
from madoguchi.referrals.suggest import suggest_for_case

# The case states in which the answer editor is on the screen (an approved answer stays editable: saving a
# change withdraws the approval). Awaiting approval the answer is locked, so nothing can be inserted.
ANSWER_EDITABLE_STATUSES = {Status.DISPATCHED, Status.IN_PROGRESS, Status.ON_HOLD, Status.APPROVED}


def case_text(case: Case) -> str:
    return "\n".join(part for part in (case.subject, case.body, case.assessment) if part)


def _case_panel(page: CasePage) -> dict[str, Any] | None:
    user, case, bound = page.user, page.case, page.bound
    if not user.can(Action.CASE_VIEW):
        return None
    suggestions = suggest_for_case(case=case, text=case_text(case), page=page)
    # Tier 1 sees the same suggestions read-only; acting on them is tier-2 work on a tier-2 case.
    tier2_case = case.tier == Tier.BACK and case.is_open
    return {
        "suggestions": suggestions,
        # Inserting goes into the answer editor, which exists while the answer can still be drafted.
        "can_insert": tier2_case and user.can(Action.ANSWER_DRAFT) and case.status in ANSWER_EDITABLE_STATUSES,
        "can_police": tier2_case and user.can(Action.CASE_RESEARCH) and not case.police_referral,
        "insert_form": bound.get("referrals_insert_form"),
        "police_form": bound.get("referrals_police_form") or PoliceFlagForm(),
        "open_police": "referrals_police_form" in bound,
    }


def _quick_widget(request: StaffRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.can(Action.CASE_VIEW):
        return None
    context: dict[str, Any] = {"situations": Situation.objects.only("code", "label")}
    if user.can(Action.REFERENCE_EDIT):
        context["stale_count"] = len(stale_organizations())
    return context


def register_panels() -> None:
    register(
        Panel(
            key="referrals",
            title=_("紹介先・法令"),
            order=40,
            template="staff/referrals/_case_panel.html",
            context=_case_panel,
        )
    )
    register_widget(
        DashboardWidget(
            key="referrals_quick", order=30, template="staff/referrals/_quick_widget.html", context=_quick_widget
        )
    )
