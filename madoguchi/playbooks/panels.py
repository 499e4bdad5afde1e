"""The playbook panel on the case screen and the approaching-deadlines widget on the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.cases.extensions import CasePage, DashboardWidget, Panel, register, register_widget
from madoguchi.playbooks import rules, selectors
from madoguchi.playbooks.clocks import FLAG_LABELS
from madoguchi.playbooks.forms import AwareForm, FactsForm, FilingForm, TickForm
from madoguchi.playbooks.models import Family
from madoguchi.playbooks.rules import TIER1_PHASES

DASHBOARD_HORIZON = dt.timedelta(days=3)


def _context(page: CasePage) -> dict[str, Any] | None:
    user, case, bound = page.user, page.case, page.bound
    runs = list(selectors.runs_for_case(case=case))
    facts = selectors.facts_for(case=case)
    now = timezone.now()
    deadlines = selectors.case_deadlines(case=case, facts=facts, now=now) if facts else []
    current = selectors.current_templates()
    suggested_templates = selectors.suggested_templates(case=case, templates=current)
    suggested = {t.pk for t in suggested_templates}
    active_families = {r.family for r in runs if r.status == "active"}
    facts_initial: dict[str, Any] = {"incident_at": facts.incident_at if facts else None}
    if facts:
        facts_initial.update({k: bool(v) for k, v in facts.flags.items()})
    start_form = bound.get("playbook_start_form")
    offer = [t for t in current if t.family not in active_families]
    default = selectors.default_template(case=case, offer=offer)
    # Legal clocks concern data leaks: shown when the case is handled as one or staff recorded the facts.
    clocks_relevant = bool(
        facts
        or any(r.family == Family.LEAK for r in runs)
        or any(t.family == Family.LEAK for t in suggested_templates)
        or (not case.category and case.suggested_flow == Family.LEAK)
        or bound.get("playbook_facts_form") is not None
        or bound.get("playbook_aware_form") is not None
        or case.aware_at
    )
    return {
        "runs": [{"run": r, "phases": selectors.phases(run=r)} for r in runs],
        "offer": offer,
        "suggested": suggested,
        # Exactly one option is pre-selected, so 開始する starts the flow the screen shows.
        "default_pk": default.pk if default else None,
        "default_is_triage": bool(default and default.family == case.suggested_flow),
        "start_errors": start_form.non_field_errors() if start_form is not None else [],
        "tick_form": bound.get("playbook_tick_form") or TickForm(),
        "tick_error_item": bound.get("playbook_tick_item"),
        "facts": facts,
        "flag_labels": FLAG_LABELS,
        "facts_form": bound.get("playbook_facts_form") or FactsForm(initial=facts_initial),
        "aware_form": bound.get("playbook_aware_form") or AwareForm(initial={"version": case.version}),
        "filing_form": bound.get("playbook_filing_form") or FilingForm(),
        "filing_error_code": bound.get("playbook_filing_code"),
        "deadlines": deadlines,
        "clocks_relevant": clocks_relevant,
        "can_start": rules.can_start(user=user) and case.is_open,
        "can_tick_all": user.can(Action.CASE_RESEARCH),
        "can_tick_first": rules.can_start(user=user),
        "tier1_phases": TIER1_PHASES,
        "can_edit_facts": rules.can_edit_facts(user=user),
        "can_mark_filed": rules.can_mark_filed(user=user),
        "can_mail": rules.can_mail(user=user) and bool(case.person and case.person.email),
        "now": now,
    }


def _deadlines_widget(request: StaffRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.can(Action.CASE_VIEW):
        return None
    rows = selectors.approaching_deadlines(user=user, within=DASHBOARD_HORIZON)
    return {"rows": rows, "horizon_days": DASHBOARD_HORIZON.days}


def register_panels() -> None:
    register(
        Panel(
            key="playbooks",
            title=_("事故対応フロー"),
            order=30,
            template="staff/playbooks/_case_panel.html",
            context=_context,
        )
    )
    register_widget(
        DashboardWidget(
            key="legal_clocks", order=5, template="staff/playbooks/_deadlines_widget.html", context=_deadlines_widget
        )
    )
