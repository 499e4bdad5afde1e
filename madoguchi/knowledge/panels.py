"""The similar-consultations panel on the case screen."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.roles import Action
from madoguchi.cases.access import visible_cases
from madoguchi.cases.extensions import CasePage, Panel, answer_summaries, register
from madoguchi.cases.workflow import Status
from madoguchi.knowledge import faq_selectors
from madoguchi.knowledge.case_index import CASE_KIND
from madoguchi.knowledge.faq_index import FAQ_KIND
from madoguchi.knowledge.search import service

SIMILAR_LIMIT = 5
# Kinds shown next to cases; matching FAQ entries come first.
SIMILAR_KINDS = (CASE_KIND, FAQ_KIND)


def similar_context(page: CasePage) -> dict[str, Any] | None:
    user, case = page.user, page.case
    visible = visible_cases(user=user)
    found = service.similar_entries(
        text=f"{case.subject}\n{case.body}",
        kinds=SIMILAR_KINDS,
        exclude=(CASE_KIND, case.pk),
        restrict={CASE_KIND: visible, FAQ_KIND: faq_selectors.staff_faqs()},
        limit=SIMILAR_LIMIT,
    )
    case_ids = [s.entry.object_id for s in found if s.entry.kind == CASE_KIND]
    cases = {c.pk: c for c in visible.filter(pk__in=case_ids)}
    answers = answer_summaries(list(cases))
    rows = []
    for s in found:
        rows.append(
            {
                "kind": s.entry.kind,
                "title": s.entry.title,
                "url": s.entry.url,
                "similarity": round(s.similarity * 100),
                "case": cases.get(s.entry.object_id) if s.entry.kind == CASE_KIND else None,
                "answer": answers.get(s.entry.object_id, "") if s.entry.kind == CASE_KIND else "",
            }
        )
    shown = [r for r in rows if r["kind"] != CASE_KIND or r["case"] is not None]
    # FAQ entries first (a stable sort keeps the similarity order within each kind).
    shown.sort(key=lambda r: r["kind"] != FAQ_KIND)
    return {
        "similar": shown,
        # A closed consultation, with the similar closed ones ticked, becomes an FAQ draft (faq_from_cases).
        "faq_from_case": case.status == Status.CLOSED and user.can(Action.FAQ_EDIT),
        "closed_status": Status.CLOSED,
    }


def register_panels() -> None:
    register(
        Panel(
            key="similar",
            title=_("似た相談"),
            order=80,
            template="staff/knowledge/_similar_panel.html",
            context=similar_context,
            # The similarity search is the costliest part of the case screen (12–21 ms at 1,000,000 cases);
            # deferred, it runs only when the desk scrolls near the panel.
            deferred=True,
        )
    )
