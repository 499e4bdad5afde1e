"""Staff screens of the referral directory and law map, the printable quick list and the case actions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.cases import services as case_services
from madoguchi.cases.access import access_case
from madoguchi.cases.choices import Category
from madoguchi.cases.rendering import render_detail
from madoguchi.core.errors import ConcurrentEditError, DomainError
from madoguchi.referrals import selectors, services
from madoguchi.referrals.forms import (
    DirectorySearchForm,
    OrganizationForm,
    PoliceFlagForm,
    QuickListForm,
    channels_to_text,
)
from madoguchi.referrals.models import AsOfBasis, Audience, EntryType, ReferralOrganization
from madoguchi.referrals.pdf import quick_list_pdf


def _render(request: StaffRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context["can_edit"] = request.user.can(Action.REFERENCE_EDIT)
    return render(request, template, context, status=status)


@require_GET
@require_action(Action.CASE_VIEW)
def directory(request: StaffRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.organizations(
        query=filters.get("q", ""), situation=filters.get("situation", ""), category=filters.get("category", "")
    )
    return _render(request, "staff/referrals/directory.html", {"form": form, "organizations": rows})


@require_GET
@require_action(Action.CASE_VIEW)
def quick(request: StaffRequest) -> HttpResponse:
    """Tier 1 on the phone: one situation, the organisations and their numbers, nothing else."""
    form = QuickListForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    situation, query = filters.get("situation", ""), filters.get("q", "")
    if query:
        groups = []
        rows = selectors.organizations(query=query, situation=situation)
    else:
        groups = selectors.grouped_by_situation(public_only=False, situation=situation)
        rows = []
    return _render(request, "staff/referrals/quick.html", {"form": form, "groups": groups, "organizations": rows})


@require_GET
@require_action(Action.CASE_VIEW)
def organization_detail(request: StaffRequest, code: str) -> HttpResponse:
    org = selectors.organization(code=code)
    return _render(request, "staff/referrals/organization_detail.html", {"org": org})


def _form_data(org: ReferralOrganization) -> dict[str, Any]:
    return {
        "name": org.name,
        "short_name": org.short_name,
        "entry_type": org.entry_type,
        "handles": org.handles,
        "audience": org.audience,
        "channels": channels_to_text(org.channels),
        "region": org.region,
        "categories": org.categories,
        "situations": [s.code for s in org.situations.all()],
        "public": org.public,
        "source_url": org.source_url,
        "source_note": org.source_note,
        "as_of": org.as_of,
        "as_of_basis": org.as_of_basis,
        "verified": org.verified,
        "verification_note": org.verification_note,
        "notes": org.notes,
        "version": org.version,
    }


def _display(field: str, value: Any) -> str:
    """One stored value as staff read it on the detail page, for the "saved meanwhile" list."""
    if field == "channels":
        return channels_to_text(value)
    if field == "situations":
        return "、".join(s.label for s in value)
    if isinstance(value, bool):
        return "✓" if value else "—"
    choices: dict[str, Any] = {
        "entry_type": EntryType,
        "as_of_basis": AsOfBasis,
        "audience": Audience,
        "categories": Category,
    }
    if field in choices:
        labels = choices[field]
        items = value if isinstance(value, list) else [value]
        return "、".join(str(labels(v).label) if v in labels.values else str(v) for v in items)
    return str(value)


def _saved_meanwhile(form: OrganizationForm, org: ReferralOrganization) -> list[tuple[str, str]]:
    """(label, stored value) for each field where what is stored now differs from what the editor typed."""
    typed = form.cleaned_data
    rows = []
    for field in (*services.EDITABLE_FIELDS, "situations"):
        if field == "situations":
            stored: Any = list(org.situations.all())
            differs = sorted(s.code for s in stored) != sorted(s.code for s in typed[field])
        else:
            stored = getattr(org, field)
            differs = stored != typed[field]
        if differs:
            rows.append((str(form.fields[field].label), _display(field, stored)))
    return rows


@require_action(Action.REFERENCE_EDIT)
def organization_edit(request: StaffRequest, code: str) -> HttpResponse:
    org = selectors.organization(code=code)
    saved_meanwhile: list[tuple[str, str]] = []
    if request.method == "POST":
        form = OrganizationForm(request.POST, editing=True)
        if form.is_valid():
            data = dict(form.cleaned_data)
            situations = list(data.pop("situations"))
            expected_version = data.pop("version")
            try:
                changes = services.organization_update(
                    actor=request.user,
                    organization=org,
                    expected_version=expected_version,
                    data=data,
                    situations=situations,
                )
            except ConcurrentEditError as exc:
                # Keep what the editor typed, show what was saved meanwhile, and carry the current version so
                # that saving again is a deliberate decision taken with the other change in view.
                org.refresh_from_db()
                posted = request.POST.copy()
                posted["version"] = str(org.version)
                form = OrganizationForm(posted, editing=True)
                form.is_valid()
                form.add_error(None, exc.message)
                saved_meanwhile = _saved_meanwhile(form, org)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                if changes:
                    messages.success(request, _("紹介先を更新しました。"))
                else:
                    messages.info(request, _("変更はありませんでした。"))
                return redirect("referrals:organization", code=org.code)
        status = 400
    else:
        form = OrganizationForm(initial=_form_data(org), editing=True)
        status = 200
    return _render(
        request,
        "staff/referrals/organization_form.html",
        {"form": form, "org": org, "saved_meanwhile": saved_meanwhile},
        status=status,
    )


@require_action(Action.REFERENCE_EDIT)
def organization_create(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        form = OrganizationForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            situations = list(data.pop("situations"))
            code = data.pop("code")
            try:
                org = services.organization_create(actor=request.user, code=code, data=data, situations=situations)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("紹介先を登録しました。"))
                return redirect("referrals:organization", code=org.code)
        status = 400
    else:
        form = OrganizationForm(initial={"as_of": timezone.localdate(), "as_of_basis": "published"})
        status = 200
    return _render(request, "staff/referrals/organization_form.html", {"form": form, "org": None}, status=status)


@require_POST
@require_action(Action.REFERENCE_EDIT)
def organization_verify(request: StaffRequest, code: str) -> HttpResponse:
    org = selectors.organization(code=code)
    services.organization_mark_verified(actor=request.user, organization=org)
    messages.success(request, _("本日確認済みとして記録しました。"))
    return redirect("referrals:organization", code=org.code)


def _quick_list_groups(request: StaffRequest) -> tuple[list[selectors.SituationGroup], bool]:
    # Printed lists leave the building: by default only entries seen in a source.
    include_unverified = request.GET.get("all") == "1"
    return selectors.grouped_by_situation(public_only=False, verified_only=not include_unverified), include_unverified


@require_GET
@require_action(Action.CASE_VIEW)
def print_list(request: StaffRequest) -> HttpResponse:
    groups, include_unverified = _quick_list_groups(request)
    return _render(
        request,
        "staff/referrals/print.html",
        {"groups": groups, "include_unverified": include_unverified, "today": timezone.localdate()},
    )


@require_GET
@require_action(Action.CASE_VIEW)
def print_pdf(request: StaffRequest) -> HttpResponse:
    groups, _all = _quick_list_groups(request)
    today = timezone.localdate()
    content = quick_list_pdf(groups=groups, today=today, desk_name=settings.MADOGUCHI_DESK_NAME)
    audit.record(action=AuditAction.EXPORT, request=request, detail={"what": "referral_quick_list_pdf"})
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="quick-list-{today:%Y%m%d}.pdf"'
    return response


@require_GET
@require_action(Action.CASE_VIEW)
def law_map(request: StaffRequest) -> HttpResponse:
    by_law = request.GET.get("by") == "law"
    context: dict[str, Any] = {"by_law": by_law}
    if by_law:
        context["statutes"] = selectors.laws_by_statute()
    else:
        context["events"] = selectors.events()
    return _render(request, "staff/referrals/law_map.html", context)


@require_GET
@require_action(Action.CASE_VIEW)
def event_detail(request: StaffRequest, code: str) -> HttpResponse:
    return _render(request, "staff/referrals/event_detail.html", {"event": selectors.event(code=code)})


@require_GET
@require_action(Action.CASE_VIEW)
def law_detail(request: StaffRequest, code: str) -> HttpResponse:
    return _render(request, "staff/referrals/law_detail.html", {"law": selectors.law(code=code)})


@require_POST
@require_action(Action.CASE_RESEARCH)
def case_police_flag(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.CASE_RESEARCH)
    form = PoliceFlagForm(request.POST)
    if form.is_valid():
        try:
            case_services.case_set_police_flag(
                actor=request.user, case=case, value=True, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("「警視庁への相談を要する」を設定し、経過記録に残しました。"))
            return redirect(case.get_absolute_url())
    case.refresh_from_db()
    return render_detail(request, case, bound={"referrals_police_form": form}, status=400)
