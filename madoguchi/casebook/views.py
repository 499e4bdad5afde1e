"""Staff pages of the casebook (事例集), guidebook upkeep and know-how reports."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.casebook import export, selectors, services
from madoguchi.casebook.access import access_case_study, access_proposal
from madoguchi.casebook.forms import (
    CaseStudyForm,
    DecideForm,
    KnowhowForm,
    LawLinkForm,
    ProposalForm,
    PublishForm,
    ReturnForm,
)
from madoguchi.casebook.masking import highlight, prefill, residual_spans
from madoguchi.casebook.models import CaseStudy
from madoguchi.casebook.sections import sections
from madoguchi.cases.access import access_case
from madoguchi.core.errors import ConcurrentEditError, DomainError, show_on_form
from madoguchi.core.form_actions import submit
from madoguchi.referrals.models import LawEntry
from madoguchi.taxonomy.selectors import terms_for


@require_GET
@require_action(Action.CASEBOOK_VIEW)
def case_study_list(request: StaffRequest) -> HttpResponse:
    return _list_page(request)


def _list_page(request: StaffRequest, *, typed: str = "", error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "studies": selectors.case_studies(user=request.user),
        "can_write": request.user.can(Action.CASEBOOK_WRITE),
        "start_reference": typed,
        "start_error": error,
    }
    return render(request, "staff/casebook/list.html", context, status=status)


@require_GET
@require_action(Action.CASEBOOK_WRITE)
def case_study_start(request: StaffRequest) -> HttpResponse:
    """The list page's 受付番号 box: go to the create page of that consultation (404 there if not visible)."""
    # Full-width digits typed with a Japanese IME count; anything but a reference's characters is dropped.
    raw = request.GET.get("reference", "")[:100]
    typed = unicodedata.normalize("NFKC", raw)
    reference = re.sub(r"[^0-9A-Za-z-]", "", typed)
    if not reference:
        return _list_page(request, typed=raw, error=_("受付番号を入力してください。"), status=400)
    try:
        access_case(user=request.user, reference=reference, action=Action.CASEBOOK_WRITE)
    except Http404:
        # A typo is said next to the box, with what was typed, instead of an error page.
        error = _("その受付番号の相談案件は見つかりませんでした。受付番号を確かめてください。")
        return _list_page(request, typed=raw, error=error, status=400)
    return redirect("casebook:create", reference=reference)


@require_http_methods(["GET", "POST"])
@require_action(Action.CASEBOOK_WRITE)
def case_study_create(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASEBOOK_WRITE)
    fields = prefill(case)
    if request.method == "POST":
        form = CaseStudyForm(request.POST)
        study = submit(
            request,
            form,
            lambda _d: services.case_study_create(actor=request.user, case=case, text=form.to_text()),
            done=_("事例の下書きを保存しました。"),
        )
        if study is not None:
            return redirect("casebook:detail", pk=study.pk)
        status = 400
    else:
        initial = {name: f.masked for name, f in fields.items()}
        initial["title"] = case.subject
        form = CaseStudyForm(initial=initial)
        status = 200
        # The writer sees the consultation's original text next to the masked draft.
        audit.record(
            action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=case, detail={"purpose": "casebook"}
        )
    context = {"form": form, "case": case, "fields": fields.values(), "study": None}
    return render(request, "staff/casebook/form.html", context, status=status)


def _residuals(study: CaseStudy) -> list[dict[str, Any]]:
    rows = []
    for name, label in (
        ("situation", _("状況")),
        ("company_actions", _("企業が行ったこと")),
        ("desk_advice", _("窓口の助言")),
        ("lessons", _("教訓")),
    ):
        value = getattr(study, name)
        spans = residual_spans(study.source_case, value)
        rows.append({"label": label, "value": value, "highlighted": highlight(value, spans), "count": len(spans)})
    return rows


@require_GET
@require_action(Action.CASEBOOK_VIEW)
def case_study_detail(request: StaffRequest, pk: int) -> HttpResponse:
    study = access_case_study(user=request.user, pk=pk)
    return _detail_page(request, study, return_form=None, status=200)


def _detail_page(
    request: StaffRequest, study: CaseStudy, *, return_form: ReturnForm | None, status: int
) -> HttpResponse:
    user = request.user
    context = {
        "study": study,
        "parts": _residuals(study),
        "authors": list(study.authors.all()),
        "organizations": list(study.organizations.all()),
        "terms": terms_for(obj=study),
        "publish_form": PublishForm(initial={"version": study.version}, auto_id=False),
        "return_form": return_form or ReturnForm(initial={"version": study.version}, auto_id="return_%s"),
        "can_write": user.can(Action.CASEBOOK_WRITE),
        "can_publish": user.can(Action.CASEBOOK_PUBLISH),
    }
    return render(request, "staff/casebook/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@require_action(Action.CASEBOOK_WRITE)
def case_study_edit(request: StaffRequest, pk: int) -> HttpResponse:
    study = access_case_study(user=request.user, pk=pk, action=Action.CASEBOOK_WRITE)
    if request.method == "POST":
        form = CaseStudyForm(request.POST)
        if form.is_valid():
            try:
                services.case_study_update(
                    actor=request.user,
                    study=study,
                    expected_version=form.cleaned_data["version"] or 0,
                    text=form.to_text(),
                )
            except ConcurrentEditError as exc:
                study.refresh_from_db()
                posted = request.POST.copy()
                posted["version"] = str(study.version)
                form = CaseStudyForm(posted)
                form.is_valid()
                form.add_error(None, exc.message)
            except DomainError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("事例を保存しました。"))
                return redirect("casebook:detail", pk=study.pk)
        status = 400
    else:
        initial: dict[str, Any] = {
            f: getattr(study, f) for f in ("title", "situation", "company_actions", "desk_advice", "lessons", "version")
        }
        initial["organizations"] = [o.pk for o in study.organizations.all()]
        initial["terms"] = [t.pk for t in terms_for(obj=study)]
        form = CaseStudyForm(initial=initial)
        status = 200
    context = {"form": form, "case": study.source_case, "fields": (), "study": study}
    return render(request, "staff/casebook/form.html", context, status=status)


def _review_step(
    request: StaffRequest,
    pk: int,
    *,
    action: Action,
    step: Callable[..., CaseStudy],
    done: str,
) -> HttpResponse:
    """Submit for review or publish: the same form (the version seen), one service, back to the study.

    A refusal (wrong status, the author, a newer version) goes back to the study page as a message.
    """
    study = access_case_study(user=request.user, pk=pk, action=action)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    try:
        step(actor=request.user, study=study, expected_version=form.cleaned_data["version"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("casebook:detail", pk=pk)


@require_POST
@require_action(Action.CASEBOOK_WRITE)
def case_study_submit(request: StaffRequest, pk: int) -> HttpResponse:
    done = _("事例の確認を依頼しました。")
    return _review_step(request, pk, action=Action.CASEBOOK_WRITE, step=services.case_study_submit, done=done)


@require_POST
@require_action(Action.CASEBOOK_PUBLISH)
def case_study_publish(request: StaffRequest, pk: int) -> HttpResponse:
    done = _("事例を公開しました。")
    return _review_step(request, pk, action=Action.CASEBOOK_PUBLISH, step=services.case_study_publish, done=done)


@require_POST
@require_action(Action.CASEBOOK_PUBLISH)
def case_study_return(request: StaffRequest, pk: int) -> HttpResponse:
    study = access_case_study(user=request.user, pk=pk, action=Action.CASEBOOK_PUBLISH)
    form = ReturnForm(request.POST, auto_id="return_%s")
    returned = submit(
        request,
        form,
        lambda d: services.case_study_return(
            actor=request.user, study=study, expected_version=d["version"], note=d["note"]
        ),
        done=_("事例を下書きに戻しました。"),
    )
    if returned is not None:
        return redirect("casebook:detail", pk=pk)
    return _detail_page(request, study, return_form=form, status=400)


# --- Guidebook upkeep -------------------------------------------------------------------------------------


def _guidebook_page(
    request: StaffRequest,
    *,
    form: ProposalForm | None = None,
    law_form: LawLinkForm | None = None,
    decide_form: DecideForm | None = None,
    decide_pk: int | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "rows": selectors.guidebook_upkeep(),
        "form": form or ProposalForm(),
        "law_form": law_form or LawLinkForm(),
        "decide_form": decide_form or DecideForm(),
        "decide_pk": decide_pk,
        "sections": list(sections()),
        "can_propose": request.user.can(Action.GUIDEBOOK_PROPOSE),
        "can_decide": request.user.can(Action.GUIDEBOOK_DECIDE),
        "can_export": request.user.can(Action.REPORTS_VIEW),
    }
    return render(request, "staff/casebook/guidebook.html", context, status=status)


@require_GET
@require_action(Action.CASEBOOK_VIEW)
def guidebook(request: StaffRequest) -> HttpResponse:
    return _guidebook_page(request)


@require_POST
@require_action(Action.GUIDEBOOK_PROPOSE)
def proposal_create(request: StaffRequest) -> HttpResponse:
    form = ProposalForm(request.POST)
    if form.is_valid():
        section = next((s for s in sections() if s.pk == form.cleaned_data["section"]), None)
        if section is None:
            form.add_error("section", _("ガイドブックの項目（MISSION）を選んでください。"))
        else:
            try:
                services.proposal_create(actor=request.user, section=section, text=form.to_text())
            except DomainError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("改訂提案を登録しました。"))
                return redirect("casebook:guidebook")
    return _guidebook_page(request, form=form, status=400)


@require_POST
@require_action(Action.GUIDEBOOK_DECIDE)
def proposal_decide(request: StaffRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, pk=pk, action=Action.GUIDEBOOK_DECIDE)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_decide(
                actor=request.user, proposal=proposal, to=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("改訂提案の状態を変更しました。"))
            return redirect("casebook:guidebook")
    # The message next to the proposal's own controls, with the state chosen and the reason typed kept.
    return _guidebook_page(request, decide_form=form, decide_pk=proposal.pk, status=400)


@require_POST
@require_action(Action.GUIDEBOOK_PROPOSE)
def section_link_law(request: StaffRequest, pk: int) -> HttpResponse:
    section = next((s for s in sections() if s.pk == pk), None)
    if section is None:
        raise Http404
    form = LawLinkForm(request.POST)
    if form.is_valid():
        law = LawEntry.objects.get(pk=form.cleaned_data["law"])
        services.section_link_law(actor=request.user, section=section, law=law)
        messages.success(request, _("法令を項目に関連付けました。"))
        return redirect("casebook:guidebook")
    return _guidebook_page(request, law_form=form, status=400)


@require_GET
@require_action(Action.REPORTS_VIEW)
def guidebook_export(request: StaffRequest) -> HttpResponse:
    rows = selectors.guidebook_upkeep()
    audit.record(action=AuditAction.EXPORT, request=request, detail={"export": "guidebook_upkeep"})
    if request.GET.get("format") == "pdf":
        response = HttpResponse(export.upkeep_pdf(rows), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="guidebook-upkeep.pdf"'
        return response
    response = HttpResponse(export.upkeep_markdown(rows), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="guidebook-upkeep.md"'
    return response


# --- Know-how reports -------------------------------------------------------------------------------------


def _month(value: str | None) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        parsed = dt.datetime.strptime(value or "", "%Y-%m")
    except ValueError:
        return today.year, today.month
    return parsed.year, parsed.month


@require_GET
@require_action(Action.CASEBOOK_VIEW)
def knowhow_list(request: StaffRequest) -> HttpResponse:
    year, month = _month(request.GET.get("month"))
    context = {
        "reports": selectors.knowhow_for_month(year=year, month=month),
        "month": f"{year:04d}-{month:02d}",
        "year": year,
        "month_number": month,
        "can_write": request.user.can(Action.KNOWHOW_WRITE),
    }
    return render(request, "staff/casebook/knowhow_list.html", context)


@require_http_methods(["GET", "POST"])
@require_action(Action.KNOWHOW_WRITE)
def knowhow_create(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        form = KnowhowForm(request.POST)
        report = submit(
            request,
            form,
            lambda d: services.knowhow_create(
                actor=request.user,
                kind=d["kind"],
                title=d["title"],
                held_on=d["held_on"],
                counterpart=d["counterpart"],
                body=d["body"],
                term_ids=d["terms"],
            ),
            done=_("ノウハウ報告書を登録しました。"),
        )
        if report is not None:
            return redirect(f"{_knowhow_url()}?month={report.held_on:%Y-%m}")
        return render(request, "staff/casebook/knowhow_form.html", {"form": form}, status=400)
    return render(request, "staff/casebook/knowhow_form.html", {"form": KnowhowForm()})


def _knowhow_url() -> str:
    from django.urls import reverse

    return reverse("casebook:knowhow_list")
