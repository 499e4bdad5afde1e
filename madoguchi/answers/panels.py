"""The answer panel on the case screen: draft ①②, approval, sending."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.answers import services
from madoguchi.answers.forms import AnswerDraftForm, ReviewForm
from madoguchi.answers.models import OPEN_ANSWER_STATUSES, AnswerDraft, AnswerStatus, OutboundEmail, OutboundStatus
from madoguchi.cases.access import visible_cases
from madoguchi.cases.choices import Tier
from madoguchi.cases.extensions import (
    CasePage,
    DashboardWidget,
    Panel,
    register,
    register_answer_summaries,
    register_widget,
)
from madoguchi.knowledge import faq_selectors
from madoguchi.knowledge import selectors as knowledge_selectors


def _context(page: CasePage) -> dict[str, Any] | None:
    case, user, bound = page.case, page.user, page.bound
    # Every answer of the case in one query: the open draft (at most one) and the sent ones, newest first.
    answers = list(case.answers.select_related("author"))
    if case.tier != Tier.BACK and not answers:
        return None
    draft = next((a for a in answers if a.status in OPEN_ANSWER_STATUSES), None)
    initial: dict[str, Any] = {
        "version": services.NO_DRAFT_VERSION,
        "channel": "email" if case.person and case.person.email else "phone",
    }
    if draft is not None:
        initial = {
            "version": draft.version,
            "measures": draft.measures,
            "referrals": draft.referrals,
            "channel": draft.channel,
        }
    bound_form = bound.get("answer_form")
    # An approved draft is editable too (saving a change withdraws the approval); a refused save always
    # comes back in the editor, whatever the draft's state, so that nothing typed is lost.
    editable = (
        user.can(Action.ANSWER_DRAFT)
        and case.is_open
        and (
            draft is None
            or draft.status in {AnswerStatus.DRAFT, AnswerStatus.REJECTED, AnswerStatus.APPROVED}
            or bool(bound_form is not None and bound_form.errors)
        )
    )
    # The latest mails, each row also saying whether any mail of the case failed (one query, not two).
    failed = OutboundEmail.objects.filter(case=case, status=OutboundStatus.FAILED)
    outbound = list(case.outbound_emails.annotate(case_has_failed_mail=Exists(failed))[:10])
    return {
        "draft": draft,
        "sent_answers": [a for a in answers if a.status == AnswerStatus.SENT],
        "answer_form": bound_form or AnswerDraftForm(initial=initial),
        "review_form": bound.get("review_form") or ReviewForm(),
        "needs_approval": services.approval_required(case=case),
        "failed_mail": bool(outbound and outbound[0].case_has_failed_mail),
        "outbound": outbound,
        "AnswerStatus": AnswerStatus,
        "editable": editable,
        # Canned texts (定型文) for part ①, those for the case's category (or the suggested one) first.
        "canned_texts": (
            knowledge_selectors.canned_texts_for(category=case.category or case.suggested_category) if editable else []
        ),
        # Published FAQ entries (よくある質問) whose answer can be inserted; inserting records the use.
        "faqs": list(faq_selectors.usable_faqs()) if editable else [],
        # A refused save shows what is stored now next to the typing; the preview shows the mail as sent.
        "stored": bound.get("answer_stored"),
        "preview": bound.get("answer_preview"),
        "preview_to": bound.get("preview_to", ""),
    }


def _failed_mail(request: StaffRequest) -> dict[str, Any] | None:
    user = request.user
    if not user.can(Action.ANSWER_SEND):
        return None
    rows = list(
        OutboundEmail.objects.filter(status=OutboundStatus.FAILED, case__in=visible_cases(user=user).values("pk"))
        .select_related("case")
        .order_by("-created_at")[:20]
    )
    return {"rows": rows}


def sent_answer_measures(case_ids: list[int]) -> dict[int, str]:
    """Part ① of the latest sent answer of each case, in one query."""
    out: dict[int, str] = {}
    if not case_ids:
        return out
    # The status is checked here, not in SQL: with `status = 'sent'` in the WHERE clause SQLite reads every
    # sent answer through the (status, submitted_at) index (36 ms at 100,000 cases) instead of the few
    # answers of these cases through the case index.
    rows = (
        AnswerDraft.objects.filter(case_id__in=case_ids)
        .order_by("case_id", "-sent_at")
        .values_list("case_id", "status", "measures")
    )
    for case_id, status, measures in rows:
        if status == AnswerStatus.SENT:
            out.setdefault(case_id, measures)
    return out


def register_panels() -> None:
    register_answer_summaries(sent_answer_measures)
    register(Panel(key="answers", title=_("回答"), order=50, template="staff/answers/_panel.html", context=_context))
    register_widget(
        DashboardWidget(
            key="failed_mail", order=10, template="staff/answers/_failed_mail_widget.html", context=_failed_mail
        )
    )
