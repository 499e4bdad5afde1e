"""Staff screens of playbook runs and legal clocks: start, tick, facts, filings, print, PDF, mail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.cases import services as case_services
from madoguchi.cases.access import access_case
from madoguchi.cases.models import Case
from madoguchi.cases.rendering import render_detail
from madoguchi.core.errors import DomainError
from madoguchi.playbooks import pdf, rules, selectors, services
from madoguchi.playbooks.forms import AwareForm, FactsForm, FilingForm, StartForm, TickForm
from madoguchi.playbooks.models import LegalClockRule, PlaybookRun, PlaybookTemplate, RunItem


def _back(case: Case) -> HttpResponse:
    return redirect(f"{case.get_absolute_url()}#playbooks")


def _run(case: Case, run_id: int) -> PlaybookRun:
    # The run is reached only through a case the user may see: same 404 for missing and forbidden.
    return get_object_or_404(PlaybookRun.objects.select_related("case", "case__person"), pk=run_id, case=case)


@require_GET
@require_action(Action.CASE_VIEW)
def template_list(request: StaffRequest) -> HttpResponse:
    templates = PlaybookTemplate.objects.prefetch_related("items").order_by("family", "-version")
    return render(
        request,
        "staff/playbooks/template_list.html",
        {"templates": templates, "clock_rules": LegalClockRule.objects.order_by("code")},
    )


@require_POST
@require_action(Action.CASE_EDIT)
def run_start(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_EDIT)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            run = services.playbook_start(actor=request.user, case=case, template=form.cleaned_data["template"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            audit.record(action=AuditAction.CREATE, request=request, target=run, detail={"template": run.template_code})
            messages.success(request, _("事故対応フローを開始しました。"))
            return _back(case)
    return render_detail(request, case, bound={"playbook_start_form": form}, status=400)


@require_POST
@require_action(Action.CASE_EDIT)
def item_tick(request: StaffRequest, reference: str, run_id: int, item_id: int) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_EDIT)
    item = get_object_or_404(RunItem, pk=item_id, run=_run(case, run_id))
    if not rules.can_tick(user=request.user, item=item):
        raise PermissionDenied
    form = TickForm(request.POST)
    if form.is_valid():
        try:
            item = services.item_set_done(
                actor=request.user, item=item, done=form.cleaned_data["done"], note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            audit.record(
                action=AuditAction.UPDATE,
                request=request,
                target=item,
                detail={"run": run_id, "item": item.code, "done": item.done, "note": form.cleaned_data["note"]},
            )
            return redirect(f"{case.get_absolute_url()}#item-{item.pk}")
    return render_detail(request, case, bound={"playbook_tick_form": form, "playbook_tick_item": item.pk}, status=400)


@require_POST
@require_action(Action.CASE_EDIT)
def aware_at_set(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_EDIT)
    form = AwareForm(request.POST)
    if form.is_valid():
        try:
            case_services.case_update_intake(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["version"],
                aware_at=form.cleaned_data["aware_at"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            audit.record(action=AuditAction.UPDATE, request=request, target=case, detail={"aware_at": True})
            messages.success(request, _("事案を認知した日時を記録しました。"))
            return _back(case)
    case.refresh_from_db()
    return render_detail(request, case, bound={"playbook_aware_form": form}, status=400)


@require_POST
@require_action(Action.CASE_EDIT)
def facts_set(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_EDIT)
    form = FactsForm(request.POST)
    if form.is_valid():
        facts = services.clock_facts_update(
            actor=request.user, case=case, flags=form.flags(), incident_at=form.cleaned_data["incident_at"]
        )
        audit.record(action=AuditAction.UPDATE, request=request, target=case, detail={"clock_flags": facts.flags})
        messages.success(request, _("報告期限の判断材料を更新しました。"))
        return _back(case)
    return render_detail(request, case, bound={"playbook_facts_form": form}, status=400)


@require_POST
@require_action(Action.CASE_RESEARCH)
def clock_filed(request: StaffRequest, reference: str, code: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_RESEARCH)
    form = FilingForm(request.POST)
    if form.is_valid():
        try:
            filing = services.clock_mark_filed(
                actor=request.user,
                case=case,
                clock_code=code,
                filed_at=form.cleaned_data["filed_at"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            audit.record(action=AuditAction.UPDATE, request=request, target=filing, detail={"clock": code})
            messages.success(request, _("提出済みとして記録しました。"))
            return _back(case)
    return render_detail(request, case, bound={"playbook_filing_form": form, "playbook_filing_code": code}, status=400)


def _print_context(case: Case, run: PlaybookRun) -> dict[str, object]:
    return {
        "case": case,
        "run": run,
        "phases": selectors.phases(run=run),
        "deadlines": selectors.case_deadlines(case=case),
    }


@require_GET
@require_action(Action.CASE_VIEW)
def run_print(request: StaffRequest, reference: str, run_id: int) -> HttpResponse:
    case = access_case(user=request.user, reference=reference)
    run = _run(case, run_id)
    audit.record(action=AuditAction.EXPORT, request=request, target=run, detail={"format": "html"})
    return render(request, "staff/playbooks/run_print.html", _print_context(case, run))


@require_GET
@require_action(Action.CASE_VIEW)
def run_pdf(request: StaffRequest, reference: str, run_id: int) -> HttpResponse:
    case = access_case(user=request.user, reference=reference)
    run = _run(case, run_id)
    body = pdf.render_run_pdf(run=run, deadlines=selectors.case_deadlines(case=case))
    audit.record(action=AuditAction.EXPORT, request=request, target=run, detail={"format": "pdf"})
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="playbook-{case.reference}-{run.pk}.pdf"'
    return response


@require_POST
@require_action(Action.ANSWER_SEND)
def run_mail(request: StaffRequest, reference: str, run_id: int) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_SEND)
    run = _run(case, run_id)
    try:
        row = services.run_mail_to_consulter(actor=request.user, run=run)
    except DomainError as exc:
        messages.error(request, exc.message)
        return render_detail(request, case, status=400)
    audit.record(action=AuditAction.CREATE, request=request, target=row, detail={"run": run.pk})
    messages.success(request, _("「いま行うこと」を送信メールに登録しました。"))
    return _back(case)
