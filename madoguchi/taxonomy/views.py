"""Staff screens of the classification schemes: list, tree, add/edit/reorder terms, classify a case."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import access_case
from madoguchi.core.errors import DomainError
from madoguchi.taxonomy import selectors, services
from madoguchi.taxonomy.forms import ClassifyForm, TermForm
from madoguchi.taxonomy.models import Scheme, Term


@require_GET
@require_action(Action.CASE_VIEW)
def scheme_list(request: StaffRequest) -> HttpResponse:
    return render(request, "staff/taxonomy/scheme_list.html", {"schemes": selectors.schemes()})


@require_GET
@require_action(Action.CASE_VIEW)
def scheme_detail(request: StaffRequest, code: str) -> HttpResponse:
    scheme = get_object_or_404(Scheme, code=code)
    return render(
        request,
        "staff/taxonomy/scheme_detail.html",
        {
            "scheme": scheme,
            "rows": selectors.scheme_tree(scheme=scheme),
            "can_edit": request.user.can(Action.REFERENCE_EDIT),
        },
    )


@require_action(Action.REFERENCE_EDIT)
def term_create(request: StaffRequest, code: str) -> HttpResponse:
    scheme = get_object_or_404(Scheme, code=code)
    form = TermForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            term = services.term_create(
                actor=request.user,
                scheme=scheme,
                code=d["code"],
                ref=d["ref"],
                label=d["label"],
                parent=d["parent"],
                page_url=d["page_url"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            audit.record(
                action=AuditAction.CREATE,
                request=request,
                target=term,
                detail={"scheme": scheme.code, "code": term.code},
            )
            messages.success(request, _("分類項目を追加しました。"))
            return redirect("taxonomy:scheme", code=scheme.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "staff/taxonomy/term_form.html", {"scheme": scheme, "form": form, "term": None}, status=status
    )


@require_action(Action.REFERENCE_EDIT)
def term_edit(request: StaffRequest, code: str, term_id: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme, code=code)
    term = get_object_or_404(Term, pk=term_id, scheme=scheme)
    initial = {
        "ref": term.ref,
        "label": term.label,
        "parent": term.parent,
        "page_url": term.page_url,
        "notes": term.notes,
    }
    form = TermForm(request.POST or None, scheme=scheme, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.term_update(actor=request.user, term=term, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if changes:
                audit.record(action=AuditAction.UPDATE, request=request, target=term, detail={"changes": changes})
            messages.success(request, _("分類項目を更新しました。"))
            return redirect("taxonomy:scheme", code=scheme.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "staff/taxonomy/term_form.html", {"scheme": scheme, "form": form, "term": term}, status=status
    )


@require_POST
@require_action(Action.REFERENCE_EDIT)
def term_move(request: StaffRequest, code: str, term_id: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme, code=code)
    term = get_object_or_404(Term, pk=term_id, scheme=scheme)
    up = request.POST.get("direction") == "up"
    if services.term_move(actor=request.user, term=term, up=up):
        audit.record(action=AuditAction.UPDATE, request=request, target=term, detail={"move": "up" if up else "down"})
    return redirect("taxonomy:scheme", code=scheme.code)


@require_POST
@require_action(Action.CASE_EDIT)
def case_classify(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_EDIT)
    form = ClassifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("分類項目を選んでください。"))
        return redirect("cases:detail", reference=case.reference)
    term = form.cleaned_data["term"]
    if request.POST.get("remove"):
        if services.unclassify(actor=request.user, obj=case, term=term):
            audit.record(action=AuditAction.UPDATE, request=request, target=case, detail={"unclassify": term.pk})
    else:
        services.classify(actor=request.user, obj=case, term=term)
        audit.record(action=AuditAction.UPDATE, request=request, target=case, detail={"classify": term.pk})
    return redirect(f"{case.get_absolute_url()}#taxonomy")
