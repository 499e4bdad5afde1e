from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.cases import export as case_export
from madoguchi.cases import extensions, saved_views, selectors, services
from madoguchi.cases import forms as case_forms
from madoguchi.cases.access import access_case, access_organization
from madoguchi.cases.choices import Channel
from madoguchi.cases.models import Callback, Case, DeskRules, ResponseTarget
from madoguchi.cases.reference_lookup import cases_by_reference_input
from madoguchi.cases.rendering import case_draft_prefix, render_detail, session_key
from madoguchi.core import drafts
from madoguchi.core.errors import DomainError
from madoguchi.core.normalize import normalize_name, phone_digits
from madoguchi.core.pagination import CappedPaginator, count_at_most

PAGE_SIZE = 50


def _intake_draft_key(channel: str) -> str:
    return f"intake:{channel}"


def _check_draft_key(request: StaffRequest, form_key: str) -> None:
    """A draft key names a form the user may fill in; a case draft needs access to that case."""
    if not drafts.valid_form_key(form_key):
        raise Http404
    kind, _sep, rest = form_key.partition(":")
    if kind == "intake":
        if rest not in Channel.values or not request.user.can(Action.CASE_CREATE):
            raise Http404
    else:
        access_case(user=request.user, reference=rest.split(":")[0])


@require_action(Action.CASE_VIEW)
def form_draft(request: StaffRequest, form_key: str) -> HttpResponse:
    """The user's own draft of one form: GET restores it (audited), POST saves or discards it."""
    _check_draft_key(request, form_key)
    user = request.user
    if request.method == "GET":
        draft = drafts.draft_get(user=user, session_key=session_key(request), form_key=form_key)
        if draft is None:
            raise Http404
        audit.record(action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=draft, detail={"draft": form_key})
        return JsonResponse({"data": draft.data})
    if request.method != "POST":
        return HttpResponse(status=405)
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": _("下書きを保存できませんでした。")}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": _("下書きを保存できませんでした。")}, status=400)
    if payload.get("discard"):
        drafts.draft_delete(user=user, form_key=form_key)
        return JsonResponse({"saved": False})
    try:
        drafts.draft_save(user=user, session_key=session_key(request), form_key=form_key, data=payload.get("data"))
    except DomainError:
        return JsonResponse({"error": _("下書きを保存できませんでした。")}, status=400)
    return JsonResponse({"saved": True})


@require_GET
@require_action(Action.CASE_VIEW)
def dashboard(request: StaffRequest) -> HttpResponse:
    board = selectors.dashboard(user=request.user)
    widgets = extensions.dashboard_widgets(request)
    return render(request, "staff/cases/dashboard.html", {"board": board, "dashboard_widgets": widgets})


_SORT_COLUMNS = [
    ("reference", _lazy("受付番号")),
    ("urgency", _lazy("緊急度")),
    ("subject", _lazy("件名")),
    ("category", _lazy("相談区分")),
    ("organization", _lazy("組織")),
    ("status", _lazy("状態")),
    ("assignee", _lazy("担当者")),
    ("received_at", _lazy("受付日時")),
    ("channel", _lazy("受付経路")),
]


def _listed_cases(request: StaffRequest, form: case_forms.CaseFilterForm) -> tuple[Any, str, str]:
    """The listed cases, the sort they are in ("" for the default) and the sort asked for but refused ("" when
    none was): a sort of more matches than selectors.FULL_SORT_CAP falls back to the default order (the caller
    says so)."""
    filters = form.cleaned_data if form.is_valid() else {}
    keyword_filter = extensions.keyword_filter()
    if filters.get("q") and keyword_filter is not None:
        qs = keyword_filter(user=request.user, query=filters["q"], filters=filters)
    else:
        qs = selectors.case_list(user=request.user, filters=filters)
    sort = filters.get("sort") or ""
    if selectors.sort_refused(qs, sort):
        return selectors.default_order(qs), "", sort
    return qs, sort, ""


def _column_label(sort: str) -> str:
    return str(dict(_SORT_COLUMNS).get(sort.lstrip("-"), ""))


def _sort_columns(params: QueryDict, sort: str) -> list[dict[str, Any]]:
    """Header links: a column sorts ascending first, and toggles when it is the current sort."""
    current = sort or selectors.DEFAULT_CASE_LIST_SORT
    columns = []
    for key, label in _SORT_COLUMNS:
        query = params.copy()
        query.pop("page", None)
        if current == key:
            aria, query["sort"] = "ascending", f"-{key}"
        elif current == f"-{key}":
            aria, query["sort"] = "descending", key
        else:
            aria, query["sort"] = "", key
        columns.append({"key": key, "label": label, "aria_sort": aria, "query": query.urlencode()})
    return columns


def _render_list(
    request: StaffRequest,
    params: QueryDict,
    *,
    bulk_form: case_forms.BulkActionForm | None = None,
    save_form: case_forms.SavedViewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    form = case_forms.CaseFilterForm(params or None)
    qs, sort, refused = _listed_cases(request, form)
    # A capped count and capped pages: the list costs the same at a thousand or a million matches.
    paginator = CappedPaginator(qs, PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    user = request.user
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "columns": _sort_columns(params, sort),
        "sort_refused": _column_label(refused),
        "full_sort_cap": selectors.FULL_SORT_CAP,
        "export_capped": paginator.capped or paginator.count > case_export.EXPORT_CAP,
        "export_cap": case_export.EXPORT_CAP,
        "saved_views": list(saved_views.saved_views_for(user=user)),
        "save_form": save_form or case_forms.SavedViewForm(initial={"query": query.urlencode()}),
        "bulk_form": bulk_form or case_forms.BulkActionForm(initial={"query": query.urlencode()}),
        "can_bulk": user.can(Action.CASE_DISPATCH),
        "checked": {ref for ref, _v in bulk_form.selection()} if bulk_form is not None else set(),
    }
    return render(request, "staff/cases/case_list.html", context, status=status)


@require_GET
@require_action(Action.CASE_VIEW)
def case_list(request: StaffRequest) -> HttpResponse:
    return _render_list(request, request.GET)


def _list_url(query: str) -> str:
    # Only the query string comes from the form; the path is ours, so this cannot redirect elsewhere.
    return reverse("cases:list") + ("?" + saved_views.clean_query(query) if query else "")


@require_GET
@require_action(Action.CASE_VIEW)
def case_list_export(request: StaffRequest) -> StreamingHttpResponse:
    form = case_forms.CaseFilterForm(request.GET or None)
    qs, sort, refused = _listed_cases(request, form)
    # Counting past the cap would only read rows the file leaves out anyway.
    total = count_at_most(qs, case_export.EXPORT_CAP)
    audit.record(
        action=AuditAction.EXPORT,
        request=request,
        detail={
            "what": "case_list",
            "filters": {k: v for k, v in request.GET.items() if k != "page"},
            "rows": min(total, case_export.EXPORT_CAP),
            "capped": total > case_export.EXPORT_CAP,
            # The file is in the list's order: a refused sort (past FULL_SORT_CAP) is in the default order here
            # too, as the list page says next to the export link.
            "sort": sort,
            "sort_refused": refused,
        },
    )
    response = StreamingHttpResponse(case_export.rows(qs), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    return response


@require_POST
@require_action(Action.CASE_DISPATCH)
def case_bulk(request: StaffRequest) -> HttpResponse:
    form = case_forms.BulkActionForm(request.POST)
    query = request.POST.get("bulk-query", "")
    if not form.is_valid():
        return _render_list(request, QueryDict(saved_views.clean_query(query)), bulk_form=form, status=400)
    d = form.cleaned_data
    try:
        if d["action"] == form.ASSIGN:
            result = services.cases_bulk_assign(actor=request.user, selection=form.selection(), assignee=d["assignee"])
            done = _("%(count)d 件に担当者を割り当てました。")
        else:
            result = services.cases_bulk_dispatch(
                actor=request.user, selection=form.selection(), category=d["category"]
            )
            done = _("%(count)d 件を二次対応へ回付しました。")
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _render_list(request, QueryDict(saved_views.clean_query(query)), bulk_form=form, status=400)
    messages.success(request, done % {"count": len(result.done)})
    if result.refused:
        messages.warning(request, _("%(count)d 件は操作できませんでした。") % {"count": len(result.refused)})
        for reference, reason in result.refused:
            messages.warning(request, _("%(reference)s：%(reason)s") % {"reference": reference, "reason": reason})
    return redirect(_list_url(query))


@require_POST
@require_action(Action.CASE_VIEW)
def saved_view_create(request: StaffRequest) -> HttpResponse:
    form = case_forms.SavedViewForm(request.POST)
    query = request.POST.get("saved-query", "")[:2000]
    if form.is_valid():
        query = form.cleaned_data["query"]
        try:
            saved_views.saved_view_create(
                actor=request.user, name=form.cleaned_data["name"], query=query, shared=form.cleaned_data["shared"]
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("一覧の条件を保存しました。"))
            return redirect(_list_url(query))
    return _render_list(request, QueryDict(saved_views.clean_query(query)), save_form=form, status=400)


@require_GET
@require_action(Action.CASE_VIEW)
def saved_view_apply(request: StaffRequest, pk: int) -> HttpResponse:
    view = saved_views.access_saved_view(user=request.user, pk=pk)
    params = QueryDict(view.query)
    form = case_forms.CaseFilterForm(params)
    if not form.is_valid():
        # A choice that no longer exists (a retired category, say): show the list with the errors, filter nothing.
        return _render_list(request, params, status=400)
    return redirect(_list_url(view.query))


@require_POST
@require_action(Action.CASE_VIEW)
def saved_view_update(request: StaffRequest, pk: int) -> HttpResponse:
    view = saved_views.access_saved_view(user=request.user, pk=pk, own=True)
    if request.POST.get("delete"):
        saved_views.saved_view_delete(actor=request.user, view=view)
        messages.success(request, _("保存した条件を削除しました。"))
        return redirect("cases:saved_views")
    form = case_forms.SavedViewForm(request.POST, prefix=f"saved{view.pk}")
    if form.is_valid():
        try:
            saved_views.saved_view_rename(
                actor=request.user, view=view, name=form.cleaned_data["name"], shared=form.cleaned_data["shared"]
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("保存した条件を変更しました。"))
            return redirect("cases:saved_views")
    return _saved_views_page(request, bound={view.pk: form}, status=400)


def _saved_views_page(
    request: StaffRequest, *, bound: dict[int, case_forms.SavedViewForm] | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    rows = []
    for view in saved_views.saved_views_for(user=user):
        form = None
        if view.owner_id == user.pk:
            form = (bound or {}).get(view.pk) or case_forms.SavedViewForm(
                initial={"name": view.name, "shared": view.shared}, prefix=f"saved{view.pk}"
            )
        rows.append({"view": view, "form": form})
    return render(request, "staff/cases/saved_views.html", {"rows": rows}, status=status)


@require_GET
@require_action(Action.CASE_VIEW)
def saved_view_list(request: StaffRequest) -> HttpResponse:
    return _saved_views_page(request)


def _intake_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    organization, person = case_forms.consulter_data(data)
    return {"organization": organization, "person": person}


@require_action(Action.CASE_CREATE)
def case_create(request: StaffRequest) -> HttpResponse:
    channel = request.GET.get("channel", Channel.PHONE)
    if channel not in Channel.values:
        channel = Channel.PHONE
    draft_key = _intake_draft_key(channel)
    has_draft = False
    if request.method == "POST":
        form = case_forms.IntakeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.case_create(
                    actor=request.user,
                    channel=data["channel"],
                    received_at=data["received_at"],
                    subject=data["subject"],
                    body=data["body"],
                    category=data["category"],
                    urgency=data["urgency"],
                    police_referral=data["police_referral"],
                    tags=form.tag_list(),
                    responder=data.get("responder") or (request.user if data["channel"] == Channel.WALKIN else None),
                    scribe=data.get("scribe"),
                    **_intake_kwargs(data),
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                audit.record(action=AuditAction.CREATE, request=request, target=case)
                drafts.draft_delete(user=request.user, form_key=draft_key)
                messages.success(
                    request,
                    _("相談を受け付けました。受付番号は %(ref)s です。") % {"ref": case.reference},
                    extra_tags="intake-saved",
                )
                return redirect("cases:detail", reference=case.reference)
        status = 400
    else:
        form = case_forms.IntakeForm(initial={"channel": channel, "received_at": timezone.localtime()})
        status = 200
        # Only offered, never filled in: the typing comes back when the user chooses 「復元する」.
        draft = drafts.draft_get(user=request.user, session_key=session_key(request), form_key=draft_key)
        has_draft = draft is not None
    context = {
        "form": form,
        "draft_url": reverse("cases:form_draft", args=[draft_key]),
        "has_draft": has_draft,
    }
    return render(request, "staff/cases/intake.html", context, status=status)


@require_GET
@require_action(Action.CASE_VIEW)
def repeat_consulter(request: StaffRequest) -> HttpResponse:
    """While tier 1 types, show earlier cases of the same e-mail, phone or organisation."""
    cases = selectors.repeat_consulter_cases(
        user=request.user,
        email=request.GET.get("email", "").strip(),
        phone_key=phone_digits(request.GET.get("phone", ""))
        if len(phone_digits(request.GET.get("phone", ""))) >= 10
        else "",
        org_key=normalize_name(request.GET.get("org", "")) if len(request.GET.get("org", "").strip()) >= 2 else "",
    )
    return render(request, "staff/cases/_repeat_consulter.html", {"cases": cases})


@require_GET
@require_action(Action.CASE_VIEW)
def case_detail(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference)
    audit.record(action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=case)
    return render_detail(request, case)


# Sent by static/js/deferred-panels.js: the answer is the panel alone, to put in place of its placeholder.
FRAGMENT_HEADER = "X-Madoguchi-Fragment"


@require_GET
@require_action(Action.CASE_VIEW)
def case_panel(request: StaffRequest, reference: str, key: str) -> HttpResponse:
    """A deferred panel of the case screen (extensions.Panel.deferred): alone for the screen's script, or as a
    page of its own for the placeholder's link (without JavaScript). The same access as the case screen."""
    case = access_case(user=request.user, reference=reference)
    page = extensions.CasePage(request=request, case=case)
    panel = extensions.deferred_context(page, key)
    if panel is None:
        raise Http404
    fragment = request.headers.get(FRAGMENT_HEADER) == "1"
    template = panel["template"] if fragment else "staff/cases/case_panel_page.html"
    response = render(request, template, {"case": case, "panel": panel})
    patch_vary_headers(response, [FRAGMENT_HEADER])
    return response


def _run_action(
    request: StaffRequest,
    reference: str,
    *,
    action: Action,
    form_class: type[forms.Form],
    form_key: str,
    run: Callable[[Case, dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=action)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(case, form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            drafts.draft_delete(user=request.user, form_key=case_draft_prefix(case) + str(form.prefix))
            messages.success(request, success)
            return redirect("cases:detail", reference=case.reference)
    case.refresh_from_db()
    return render_detail(request, case, bound={form_key: form, "open_tab": form_key}, status=400)


@require_POST
@require_action(Action.CASE_EDIT)
def case_edit(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_update_intake(
            actor=request.user,
            case=case,
            expected_version=d["version"],
            subject=d["subject"],
            body=d["body"],
            aware_at=d["aware_at"],
            tags=[t for t in d["tags"].replace("、", ",").split(",") if t.strip()],
            **_intake_kwargs(d),
        )

    return _run_action(
        request,
        reference,
        action=Action.CASE_EDIT,
        form_class=case_forms.EditIntakeForm,
        form_key="edit_form",
        run=run,
        success=_("受付内容を更新しました。"),
    )


@require_POST
@require_action(Action.CASE_TRIAGE)
def case_triage(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_triage(
            actor=request.user,
            case=case,
            expected_version=d["version"],
            category=d["category"],
            urgency=d["urgency"],
            police_referral=d["police_referral"],
        )

    return _run_action(
        request,
        reference,
        action=Action.CASE_TRIAGE,
        form_class=case_forms.TriageForm,
        form_key="triage_form",
        run=run,
        success=_("相談区分を保存しました。"),
    )


@require_POST
@require_action(Action.CASE_DISPATCH)
def case_dispatch(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_dispatch(
            actor=request.user,
            case=case,
            expected_version=d["version"],
            category=d["category"],
            urgency=d["urgency"],
            police_referral=d["police_referral"],
            assignee=d["assignee"],
            note=d["note"],
        )

    return _run_action(
        request,
        reference,
        action=Action.CASE_DISPATCH,
        form_class=case_forms.DispatchForm,
        form_key="dispatch_form",
        run=run,
        success=_("二次対応へ回付しました。"),
    )


@require_POST
@require_action(Action.CALLBACK_MANAGE)
def case_callback(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_hold_for_callback(
            actor=request.user, case=case, phone=d["phone"], due_at=d["due_at"], note=d["note"]
        )

    return _run_action(
        request,
        reference,
        action=Action.CALLBACK_MANAGE,
        form_class=case_forms.CallbackForm,
        form_key="callback_form",
        run=run,
        success=_("折り返しを登録しました。"),
    )


@require_POST
@require_action(Action.CALLBACK_MANAGE)
def callback_done(request: StaffRequest, pk: int) -> HttpResponse:
    callback = get_object_or_404(Callback.objects.select_related("case"), pk=pk)
    # Object access goes through the case: a callback of a case the user cannot see is a 404.
    case = access_case(user=request.user, reference=callback.case.reference, action=Action.CALLBACK_MANAGE)
    form = case_forms.CallbackDoneForm(request.POST)
    if form.is_valid():
        try:
            services.callback_complete(actor=request.user, callback=callback, outcome=form.cleaned_data["outcome"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            drafts.draft_delete(user=request.user, form_key=f"{case_draft_prefix(case)}callback_done:{callback.pk}")
            messages.success(request, _("折り返しを完了にしました。"))
    else:
        messages.error(request, _("折り返しの結果を入力してください。"))
    return redirect((request.POST.get("back") == "dashboard" and reverse("cases:dashboard")) or case.get_absolute_url())


@require_POST
@require_action(Action.CASE_CLOSE_TIER1)
def case_front_answer(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_answer_at_front_and_close(
            actor=request.user, case=case, expected_version=d["version"], answer=d["answer"]
        )

    return _run_action(
        request,
        reference,
        action=Action.CASE_CLOSE_TIER1,
        form_class=case_forms.FrontAnswerForm,
        form_key="front_answer_form",
        run=run,
        success=_("一次対応で回答し、完了にしました。"),
    )


@require_POST
@require_action(Action.CASE_EDIT)
def case_note(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_add_note(actor=request.user, case=case, kind=d["kind"], text=d["text"])

    return _run_action(
        request,
        reference,
        action=Action.CASE_EDIT,
        form_class=case_forms.NoteForm,
        form_key="note_form",
        run=run,
        success=_("記録を追加しました。"),
    )


@require_POST
@require_action(Action.CASE_RESEARCH)
def case_take(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_RESEARCH)
    try:
        services.case_take(actor=request.user, case=case)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("この案件の担当になりました。"))
    return redirect("cases:detail", reference=case.reference)


@require_POST
@require_action(Action.CASE_RESEARCH)
def case_assessment(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_update_assessment(
            actor=request.user, case=case, expected_version=d["version"], assessment=d["assessment"]
        )

    return _run_action(
        request,
        reference,
        action=Action.CASE_RESEARCH,
        form_class=case_forms.AssessmentForm,
        form_key="assessment_form",
        run=run,
        success=_("状況判断を保存しました。"),
    )


@require_POST
@require_action(Action.CASE_RESEARCH)
def case_inquiry(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_record_inquiry(actor=request.user, case=case, **d)

    return _run_action(
        request,
        reference,
        action=Action.CASE_RESEARCH,
        form_class=case_forms.InquiryForm,
        form_key="inquiry_form",
        run=run,
        success=_("外部照会を記録しました。"),
    )


@require_POST
@require_action(Action.CASE_CLOSE)
def case_close(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_close(actor=request.user, case=case, expected_version=d["version"], resolution=d["resolution"])

    return _run_action(
        request,
        reference,
        action=Action.CASE_CLOSE,
        form_class=case_forms.CloseForm,
        form_key="close_form",
        run=run,
        success=_("案件を完了にしました。"),
    )


@require_POST
@require_action(Action.CASE_REOPEN)
def case_reopen(request: StaffRequest, reference: str) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> None:
        services.case_reopen(actor=request.user, case=case, reason=d["reason"])

    return _run_action(
        request,
        reference,
        action=Action.CASE_REOPEN,
        form_class=case_forms.ReopenForm,
        form_key="reopen_form",
        run=run,
        success=_("案件を再開しました。"),
    )


@require_POST
@require_action(Action.CASE_MERGE)
def case_merge(request: StaffRequest, reference: str) -> HttpResponse:
    user = request.user

    def run(case: Case, d: dict[str, Any]) -> None:
        try:
            into = access_case(user=user, reference=d["into_reference"])
        except Http404 as exc:
            raise DomainError(_("統合先の受付番号が見つかりません。"), field="into_reference") from exc
        services.case_merge(actor=user, case=case, into=into, reason=d["reason"])

    return _run_action(
        request,
        reference,
        action=Action.CASE_MERGE,
        form_class=case_forms.MergeForm,
        form_key="merge_form",
        run=run,
        success=_("重複案件として統合しました。"),
    )


def lookup_reference(request: StaffRequest) -> HttpResponse:
    """Jump to a case by its reference number as read out on the phone: 「9」, 「2026-9」, ２０２６－００００９.

    One visible match opens the case; several (the same number in other years) are listed, this year first.
    """
    if not request.user.is_authenticated:
        raise Http404
    ref = request.GET.get("ref", "").strip()[:40]
    found = cases_by_reference_input(user=request.user, text=ref)
    if len(found) == 1:
        return redirect("cases:detail", reference=found[0].reference)
    if found:
        return render(
            request, "staff/cases/reference_choices.html", {"cases": found, "ref": ref, "now": timezone.now()}
        )
    messages.error(request, _("受付番号 %(ref)s の案件は見つかりません。") % {"ref": ref})
    return redirect("cases:list")


@require_action(Action.SETTINGS_MANAGE)
def desk_settings(request: StaffRequest) -> HttpResponse:
    rules = DeskRules.current()
    initial: dict[str, Any] = {
        "approval_categories": rules.approval_categories,
        "approval_for_police_referral": rules.approval_for_police_referral,
        "default_first_response_minutes": rules.default_first_response_minutes,
    }
    for target in ResponseTarget.objects.all():
        initial[f"target_{target.category}"] = target.first_response_minutes
        initial[f"business_{target.category}"] = target.business_hours_only
    form = case_forms.DeskRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.desk_rules_update(
            actor=request.user,
            approval_categories=form.cleaned_data["approval_categories"],
            approval_for_police_referral=form.cleaned_data["approval_for_police_referral"],
            default_first_response_minutes=form.cleaned_data["default_first_response_minutes"],
            targets=form.targets(),
        )
        messages.success(request, _("窓口の運用ルールを更新しました。"))
        return redirect("cases:desk_settings")
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "title": _("窓口の運用ルール"),
        "intro": _(
            "初回対応までの目標は、営業時間（平日、祝日と年末年始を除く）で数えるか、"
            "暦どおりに数えるかを区分ごとに選べます。"
        ),
    }
    return render(request, "staff/settings_form.html", context, status=status)


@require_GET
@require_action(Action.CASE_VIEW)
def organization_detail(request: StaffRequest, pk: int) -> HttpResponse:
    user = request.user
    organization = access_organization(user=user, pk=pk)
    audit.record(action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=organization)
    context = {
        "organization": organization,
        "people": selectors.organization_people(organization=organization),
        "cases": selectors.organization_cases(organization=organization, user=user),
    }
    return render(request, "staff/cases/organization_detail.html", context)
