"""The case screen: every form, panel and the timeline, rendered for one user; other apps' views re-render it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from madoguchi.accounts import audit
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action, Role
from madoguchi.cases import extensions, selectors
from madoguchi.cases import forms as case_forms
from madoguchi.cases.choices import Tier
from madoguchi.cases.models import Callback, Case
from madoguchi.cases.workflow import Status
from madoguchi.core import drafts


def session_key(request: StaffRequest) -> str:
    return request.session.session_key or ""


def case_draft_prefix(case: Case) -> str:
    """Form drafts typed on a case screen are keyed under this prefix."""
    return f"case:{case.reference}:"


def _detail_forms(case: Case, user: User, bound: dict[str, Any]) -> dict[str, Any]:
    initial_triage = {
        "version": case.version,
        "category": case.category,
        "urgency": case.urgency,
        "police_referral": case.police_referral,
    }
    initial_dispatch = dict(initial_triage)
    if case.shows_suggestion:
        # Nobody has decided yet: dispatch starts from the triage suggestion, never lowering a set urgency.
        initial_dispatch.update(
            category=case.suggested_category,
            urgency=case.effective_urgency,
            police_referral=case.police_referral or bool(case.suggested_police),
        )
    org, person = case.organization, case.person
    built: dict[str, Any] = {
        "triage_form": case_forms.TriageForm(initial=initial_triage),
        "dispatch_form": case_forms.DispatchForm(initial=initial_dispatch),
        "callback_form": case_forms.CallbackForm(
            initial={
                "phone": person.phone if person else "",
                "due_at": timezone.localtime() + dt.timedelta(hours=1),
            }
        ),
        "front_answer_form": case_forms.FrontAnswerForm(initial={"version": case.version}),
        "note_form": case_forms.NoteForm(),
        "assessment_form": case_forms.AssessmentForm(initial={"version": case.version, "assessment": case.assessment}),
        "inquiry_form": case_forms.InquiryForm(initial={"contacted_at": timezone.localtime()}),
        "close_form": case_forms.CloseForm(initial={"version": case.version}),
        "reopen_form": case_forms.ReopenForm(),
        "merge_form": case_forms.MergeForm(),
        "edit_form": case_forms.EditIntakeForm(
            initial={
                "version": case.version,
                "subject": case.subject,
                "body": case.body,
                "aware_at": timezone.localtime(case.aware_at) if case.aware_at else None,
                "tags": ", ".join(t.name for t in case.tags.all()),
                **case_forms.consulter_initial(organization=org, person=person),
            }
        ),
    }
    built.update(bound)
    return built


def _restore_drafts(
    request: StaffRequest, case: Case, forms_by_name: dict[str, Any], bound: dict[str, Any], callbacks: list[Callback]
) -> list[str]:
    """Put the user's own unsaved typing back into the case screen's forms (a submit elsewhere drops none).

    Hidden fields (the optimistic-locking version) always come from the case as it is now. A form that was
    just submitted keeps what was posted. Returns the form prefixes that got typing back.
    """
    prefix = case_draft_prefix(case)
    found = drafts.drafts_with_prefix(user=request.user, session_key=session_key(request), prefix=prefix)
    if not found:
        return []
    by_prefix: dict[str, Any] = {
        form.prefix: form
        for name, form in forms_by_name.items()
        if isinstance(form, forms.BaseForm) and name not in bound and form.prefix
    }
    pending = {f"callback_done:{cb.pk}": cb for cb in callbacks}
    restored: list[str] = []
    for draft in found:
        form_prefix = draft.form_key[len(prefix) :]
        if form_prefix in pending:
            outcome = str(draft.data.get("callback_done-outcome", ""))
            pending[form_prefix].draft_outcome = outcome  # type: ignore[attr-defined]
            restored.append(form_prefix)
            continue
        form = by_prefix.get(form_prefix)
        if form is None:
            continue
        for html_name, value in draft.data.items():
            field_name = html_name.removeprefix(f"{form_prefix}-")
            field = form.fields.get(field_name)
            if field is not None and not field.widget.is_hidden and html_name != field_name:
                form.initial[field_name] = value
        restored.append(form_prefix)
    if restored:
        audit.record(
            action=AuditAction.VIEW_PERSONAL_DATA,
            request=request,
            target=case,
            detail={"drafts": [prefix + p for p in restored]},
        )
    return restored


def render_detail(
    request: StaffRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    bound = bound or {}
    # The form, the heading and the panels all show the tags: one query for all of them.
    prefetch_related_objects([case], "tags")
    page = extensions.CasePage(request=request, case=case, bound=bound)
    forms_by_name = _detail_forms(case, user, bound)
    callbacks = list(case.callbacks.select_related("assignee").all())
    restored = _restore_drafts(request, case, forms_by_name, bound, callbacks)
    timeline = selectors.timeline(case=case, known_users=[user, case.assignee, case.created_by])
    context: dict[str, Any] = {
        "case": case,
        "timeline": timeline,
        "handover": selectors.handover_note(events=timeline),
        "callbacks": callbacks,
        "inquiries": case.inquiries.all(),
        "previous_cases": selectors.previous_cases(case=case, user=user),
        "panels": extensions.render_context(page),
        "can": {a.value: user.can(a) for a in Action},
        "Status": Status,
        "Tier": Tier,
        "open_tab": bound.get("open_tab", ""),
        "draft_prefix": case_draft_prefix(case),
        "draft_forms": restored,
        # Model versions are for managers and admins checking the assistant, not for the desk.
        "show_model_details": user.role in (Role.MANAGER, Role.ADMIN),
        **forms_by_name,
    }
    return render(request, "staff/cases/case_detail.html", context, status=status)
