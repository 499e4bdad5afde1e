"""Staff pages for outreach: guidebook requests and shipping, editions, seminars and visits, materials."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import access_case
from madoguchi.cases.choices import Category
from madoguchi.cases.models import Case
from madoguchi.core.errors import DomainError
from madoguchi.core.normalize import nfkc
from madoguchi.intake import storage
from madoguchi.intake.mail import sanitize_filename
from madoguchi.intake.staff_views import content_disposition
from madoguchi.outreach import access, export, selectors, services
from madoguchi.outreach.forms import (
    BulkForm,
    EditionForm,
    EventForm,
    GuidebookRequestForm,
    LinkCaseForm,
    MaterialForm,
    MaterialVersionForm,
    RestockForm,
    TransitionForm,
    VisitForm,
)
from madoguchi.outreach.models import (
    ALLOWED_TRANSITIONS,
    EventKind,
    GuidebookEdition,
    MaterialVersion,
    OutreachEvent,
    RequestSource,
    RequestStatus,
)
from madoguchi.taxonomy import selectors as taxonomy_selectors
from madoguchi.taxonomy.models import Term


def _refuse(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _request_data(data: dict[str, Any]) -> services.RequestData:
    return services.RequestData(
        edition=data["edition"],
        copies=data["copies"],
        organization=data["organization"],
        department=data["department"],
        person_name=data["person_name"],
        postal_code=data["postal_code"],
        prefecture=data["prefecture"],
        address=data["address"],
        phone=data["phone"],
        email=data["email"],
        purpose=data["purpose"],
    )


# --- guidebook requests ---


@require_GET
@require_action(Action.OUTREACH_VIEW)
def request_list(request: StaffRequest) -> HttpResponse:
    """The shipping list: open requests first, with selection for export and the bulk status change."""
    return _list_page(request)


def _list_page(request: StaffRequest, *, bulk_form: BulkForm | None = None, status_code: int = 200) -> HttpResponse:
    status = request.GET.get("status", "open")
    rows = selectors.requests_for(user=request.user)
    if status == "open":
        rows = rows.filter(status__in=[RequestStatus.RECEIVED, RequestStatus.PREPARING])
    elif status in RequestStatus.values:
        rows = rows.filter(status=status)
    else:
        status = "all"
    references = [r.reference for r in rows]
    context = {
        "rows": rows,
        "status": status,
        "statuses": RequestStatus.choices,
        "low_stock": selectors.low_stock_editions(),
        "bulk_form": bulk_form or BulkForm(references=references, initial={"shipped_on": timezone.localdate()}),
        "selected": set(request.POST.getlist("selected")) if bulk_form is not None else set(),
    }
    return render(request, "staff/outreach/request_list.html", context, status=status_code)


def _copies_from_text(text: str) -> str:
    # 「5部」 in the consultation text becomes the prefilled number of copies.
    found = re.search(r"([0-9]+)\s*部", nfkc(text))
    return found.group(1) if found else ""


def _initial_from_case(case: Case) -> dict[str, Any]:
    org = case.organization
    person = case.person
    return {
        "organization": org.name if org else "",
        "prefecture": org.prefecture if org else "",
        "address": org.municipality if org else "",
        "person_name": person.name if person else "",
        "phone": person.phone if person else "",
        "email": person.email if person else "",
        "copies": _copies_from_text(case.body),
        "purpose": case.subject,
    }


@require_http_methods(["GET", "POST"])
@require_action(Action.GUIDEBOOK_MANAGE)
def request_create(request: StaffRequest) -> HttpResponse:
    """Staff entry, or (with ?case=<受付番号>) the request made from a guidebook_request consultation."""
    user = request.user
    case = None
    reference = request.GET.get("case") or request.POST.get("case") or ""
    if reference:
        case = access_case(user=user, reference=reference)
        if case.category != Category.GUIDEBOOK_REQUEST:
            raise Http404
    if request.method != "POST":
        initial = _initial_from_case(case) if case else {}
        form = GuidebookRequestForm(initial=initial)
        if case is not None:
            audit.record(
                action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=case, detail={"for": "guidebook"}
            )
        return render(request, "staff/outreach/request_form.html", {"form": form, "case": case})
    form = GuidebookRequestForm(request.POST)
    if form.is_valid():
        try:
            created = services.guidebook_request_create(
                actor=user,
                source=RequestSource.CASE if case else RequestSource.STAFF,
                data=_request_data(form.cleaned_data),
                case=case,
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            audit.record(action=AuditAction.CREATE, request=request, target=created)
            messages.success(request, _("送付依頼 %(ref)s を登録しました。") % {"ref": created.reference})
            return redirect("outreach:request_detail", reference=created.reference)
    return render(request, "staff/outreach/request_form.html", {"form": form, "case": case}, status=400)


def _detail(
    request: StaffRequest, reference: str, *, form: TransitionForm | None = None, status: int = 200
) -> HttpResponse:
    found = access.access_request(user=request.user, reference=reference)
    audit.record(action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=found)
    allowed = ALLOWED_TRANSITIONS[found.status]
    if form is None:
        form = TransitionForm(initial={"shipped_on": timezone.localdate()})
    form.fields["to"].choices = [  # type: ignore[attr-defined]
        (s, label) for s, label in RequestStatus.choices if s in allowed
    ]
    context = {
        "req": found,
        "history": found.history.select_related("actor"),
        "form": form,
        "can_change": bool(allowed) and request.user.can(Action.GUIDEBOOK_MANAGE),
    }
    return render(request, "staff/outreach/request_detail.html", context, status=status)


@require_GET
@require_action(Action.OUTREACH_VIEW)
def request_detail(request: StaffRequest, reference: str) -> HttpResponse:
    return _detail(request, reference)


@require_POST
@require_action(Action.GUIDEBOOK_MANAGE)
def request_transition(request: StaffRequest, reference: str) -> HttpResponse:
    found = access.access_request(user=request.user, reference=reference)
    form = TransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.guidebook_request_transition(
                actor=request.user,
                request=found,
                to=data["to"],
                note=data["note"],
                shipped_on=data["shipped_on"],
                shipping_method=data["shipping_method"],
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("状態を変更しました。"))
            return redirect("outreach:request_detail", reference=reference)
    return _detail(request, reference, form=form, status=400)


_EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "labels": ("application/pdf", "pdf"),
}


@require_POST
@require_action(Action.GUIDEBOOK_MANAGE)
def request_export(request: StaffRequest) -> HttpResponse:
    """CSV, XLSX or the label PDF of the selected requests; the addresses leave the desk, so it is audited."""
    fmt = request.POST.get("format", "")
    references = request.POST.getlist("selected")
    if fmt not in _EXPORTS:
        return HttpResponse(_("出力形式を選んでください。"), status=400, content_type="text/plain; charset=utf-8")
    rows = selectors.requests_by_reference(user=request.user, references=references)
    if not rows:
        messages.error(request, _("出力する依頼を1件以上選んでください。"))
        return redirect("outreach:requests")
    if fmt == "csv":
        body = export.to_csv(rows)
    elif fmt == "xlsx":
        body = export.to_xlsx(rows)
    else:
        body = export.to_label_pdf(rows)
    content_type, extension = _EXPORTS[fmt]
    audit.record(
        action=AuditAction.EXPORT,
        request=request,
        detail={"what": "guidebook_requests", "format": fmt, "references": [r.reference for r in rows]},
    )
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = content_disposition(filename=f"guidebook-{fmt}-{stamp}.{extension}")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@require_action(Action.GUIDEBOOK_MANAGE)
def request_bulk(request: StaffRequest) -> HttpResponse:
    user = request.user
    references = [r.reference for r in selectors.requests_for(user=user)]
    form = BulkForm(request.POST, references=references)
    if not form.is_valid():
        # The list again with the messages next to the controls, the ticks and the choices kept.
        return _list_page(request, bulk_form=form, status_code=400)
    data = form.cleaned_data
    result = services.guidebook_requests_transition(
        actor=user,
        requests=selectors.requests_by_reference(user=user, references=data["selected"]),
        to=data["to"],
        shipped_on=data["shipped_on"],
        shipping_method=data["shipping_method"],
    )
    if result.done:
        messages.success(request, _("%(count)d件の状態を変更しました。") % {"count": len(result.done)})
    for reference, reason in result.refused:
        messages.error(request, f"{reference}: {reason}")
    return redirect("outreach:requests")


# --- editions and stock ---


@require_http_methods(["GET", "POST"])
@require_action(Action.GUIDEBOOK_STOCK)
def editions(request: StaffRequest) -> HttpResponse:
    form = EditionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.edition_create(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, _("版を登録しました。"))
                return redirect("outreach:editions")
        status = 400
    context = {"editions": selectors.editions(), "form": form, "restock_form": RestockForm()}
    return render(request, "staff/outreach/editions.html", context, status=status)


@require_POST
@require_action(Action.GUIDEBOOK_STOCK)
def edition_restock(request: StaffRequest, pk: int) -> HttpResponse:
    edition = GuidebookEdition.objects.filter(pk=pk).first()
    if edition is None:
        raise Http404
    form = RestockForm(request.POST)
    if form.is_valid():
        services.edition_restock(actor=request.user, edition=edition, added=form.cleaned_data["added"])
        messages.success(request, _("在庫を追加しました。"))
        return redirect("outreach:editions")
    context = {"editions": selectors.editions(), "form": EditionForm(), "restock_form": form, "restock_pk": pk}
    return render(request, "staff/outreach/editions.html", context, status=400)


# --- seminars and on-site visits ---


def _event_data(data: dict[str, Any]) -> services.EventData:
    return services.EventData(
        topic=data["topic"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        venue=data["venue"],
        online=data["online"],
        organiser=data["organiser"],
        co_organisers=data["co_organisers"],
        speakers=data["speakers"],
        participants=data["participants"],
        satisfied=data["satisfied"],
        rather_satisfied=data["rather_satisfied"],
        rather_dissatisfied=data["rather_dissatisfied"],
        dissatisfied=data["dissatisfied"],
        notes=data["notes"],
    )


def _versions(data: dict[str, Any]) -> list[MaterialVersion]:
    return list(MaterialVersion.objects.filter(pk__in=[int(v) for v in data.get("materials") or []]))


@require_GET
@require_action(Action.OUTREACH_VIEW)
def event_list(request: StaffRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    rows = selectors.events_for(user=request.user, kind=kind if kind in EventKind.values else "")
    return render(request, "staff/outreach/event_list.html", {"rows": rows, "kind": kind, "kinds": EventKind.choices})


@require_http_methods(["GET", "POST"])
@require_action(Action.OUTREACH_EDIT)
def event_create(request: StaffRequest, kind: str) -> HttpResponse:
    if kind not in EventKind.values:
        raise Http404
    form_class = VisitForm if kind == EventKind.ONSITE else EventForm
    choices = selectors.material_version_choices()
    if request.method != "POST":
        form = form_class(material_choices=choices, initial={"organiser": _("当窓口")})
        return render(request, "staff/outreach/event_form.html", {"form": form, "kind": EventKind(kind)})
    form = form_class(request.POST, material_choices=choices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == EventKind.ONSITE:
                event = services.onsite_visit_record(
                    actor=request.user,
                    data=_event_data(data),
                    consultation=services.VisitConsultation(
                        subject=data["subject"],
                        body=data["body"],
                        org_name=data["org_name"],
                        person_name=data["person_name"],
                        phone=data["phone"],
                        email=data["email"],
                    ),
                    material_versions=_versions(data),
                )
            else:
                event = services.seminar_create(
                    actor=request.user, data=_event_data(data), material_versions=_versions(data)
                )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("登録しました。"))
            return redirect("outreach:event_detail", pk=event.pk)
    return render(request, "staff/outreach/event_form.html", {"form": form, "kind": EventKind(kind)}, status=400)


def _event_page(request: StaffRequest, event: OutreachEvent, *, link_form: LinkCaseForm, status: int) -> HttpResponse:
    context = {
        "event": event,
        "materials": event.materials.select_related("material"),
        "follow_ups": event.follow_up_cases.all(),
        "link_form": link_form,
    }
    return render(request, "staff/outreach/event_detail.html", context, status=status)


@require_GET
@require_action(Action.OUTREACH_VIEW)
def event_detail(request: StaffRequest, pk: int) -> HttpResponse:
    event = access.access_event(user=request.user, pk=pk)
    return _event_page(request, event, link_form=LinkCaseForm(), status=200)


@require_POST
@require_action(Action.OUTREACH_EDIT)
def event_link(request: StaffRequest, pk: int) -> HttpResponse:
    event = access.access_event(user=request.user, pk=pk)
    form = LinkCaseForm(request.POST)
    if form.is_valid():
        reference = nfkc(form.cleaned_data["reference"]).strip()
        try:
            case = access_case(user=request.user, reference=reference)
        except Http404:
            form.add_error("reference", _("この受付番号の案件は見つかりません。"))
        else:
            try:
                services.event_link_case(actor=request.user, event=event, case=case)
            except DomainError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, _("相談を関連付けました。"))
                return redirect("outreach:event_detail", pk=pk)
    return _event_page(request, event, link_form=form, status=400)


# --- materials library ---


def _material_list_page(request: StaffRequest, form: MaterialForm, *, status: int) -> HttpResponse:
    context = {"rows": selectors.materials_for(user=request.user), "form": form}
    return render(request, "staff/outreach/material_list.html", context, status=status)


@require_GET
@require_action(Action.OUTREACH_VIEW)
def material_list(request: StaffRequest) -> HttpResponse:
    return _material_list_page(request, MaterialForm(), status=200)


def _too_large(form: MaterialForm | MaterialVersionForm) -> bool:
    # Judged by the size the upload handler already knows, before a byte is read into memory.
    upload = form.cleaned_data["file"]
    if (upload.size or 0) > services.MAX_MATERIAL_BYTES:
        form.add_error("file", _("「%(name)s」は大きすぎます（50MBまで）。") % {"name": storage_name(upload.name)})
        return True
    return False


def storage_name(name: str | None) -> str:
    return sanitize_filename(name=name or "", fallback="資料")


@require_POST
@require_action(Action.OUTREACH_EDIT)
def material_create(request: StaffRequest) -> HttpResponse:
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid() and not _too_large(form):
        data = form.cleaned_data
        upload = data["file"]
        try:
            material = services.material_create(
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                description=data["description"],
                tags=data["tags"],
                filename=storage_name(upload.name),
                data=upload.read(),
                change_note=data["change_note"],
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("資料を登録しました。"))
            return redirect("outreach:material_detail", pk=material.pk)
    return _material_list_page(request, form, status=400)


def _material_page(request: StaffRequest, pk: int, form: MaterialVersionForm, *, status: int) -> HttpResponse:
    material = access.access_material(user=request.user, pk=pk)
    versions = material.versions.select_related("author").prefetch_related("events")
    context = {
        "material": material,
        "versions": versions,
        "form": form,
        "terms": taxonomy_selectors.terms_for(obj=material),
        "term_choices": taxonomy_selectors.term_choices(),
    }
    return render(request, "staff/outreach/material_detail.html", context, status=status)


@require_GET
@require_action(Action.OUTREACH_VIEW)
def material_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return _material_page(request, pk, MaterialVersionForm(), status=200)


@require_POST
@require_action(Action.OUTREACH_EDIT)
def material_version_create(request: StaffRequest, pk: int) -> HttpResponse:
    material = access.access_material(user=request.user, pk=pk)
    form = MaterialVersionForm(request.POST, request.FILES)
    if form.is_valid() and not _too_large(form):
        upload = form.cleaned_data["file"]
        try:
            services.material_version_add(
                actor=request.user,
                material=material,
                filename=storage_name(upload.name),
                data=upload.read(),
                change_note=form.cleaned_data["change_note"],
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("新しい版を登録しました。"))
            return redirect("outreach:material_detail", pk=pk)
    return _material_page(request, pk, form, status=400)


@require_POST
@require_action(Action.OUTREACH_EDIT)
def material_classify(request: StaffRequest, pk: int) -> HttpResponse:
    material = access.access_material(user=request.user, pk=pk)
    term = (
        Term.objects.filter(pk=request.POST.get("term") or 0).first()
        if (request.POST.get("term") or "").isdigit()
        else None
    )
    if term is None:
        messages.error(request, _("分類項目を選んでください。"))
        return redirect("outreach:material_detail", pk=pk)
    services.material_classify(
        actor=request.user, material=material, term=term, remove=bool(request.POST.get("remove"))
    )
    return redirect("outreach:material_detail", pk=pk)


@require_http_methods(["GET", "POST"])
@require_action(Action.OUTREACH_EDIT)
def event_edit(request: StaffRequest, pk: int) -> HttpResponse:
    """Numbers come in after the event (participants, questionnaire): the same form, filled in."""
    event = access.access_event(user=request.user, pk=pk)
    choices = selectors.material_version_choices()
    kind = EventKind(event.kind)
    if request.method != "POST":
        fields = [name for name in EventForm.base_fields if name != "materials"]
        initial: dict[str, Any] = {name: getattr(event, name) for name in fields}
        initial["starts_at"] = timezone.localtime(event.starts_at)
        initial["ends_at"] = timezone.localtime(event.ends_at) if event.ends_at else None
        initial["materials"] = [str(pk) for pk in event.materials.values_list("pk", flat=True)]
        form = EventForm(initial=initial, material_choices=choices)
        return render(request, "staff/outreach/event_form.html", {"form": form, "kind": kind, "event": event})
    form = EventForm(request.POST, material_choices=choices)
    if form.is_valid():
        try:
            services.event_update(
                actor=request.user,
                event=event,
                data=_event_data(form.cleaned_data),
                material_versions=_versions(form.cleaned_data),
            )
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("更新しました。"))
            return redirect("outreach:event_detail", pk=pk)
    context = {"form": form, "kind": kind, "event": event}
    return render(request, "staff/outreach/event_form.html", context, status=400)


@require_GET
@require_action(Action.OUTREACH_VIEW)
def material_download(request: StaffRequest, pk: int) -> FileResponse:
    version = access.access_material_version(user=request.user, pk=pk)
    try:
        path = storage.open_attachment(relative=version.stored_path)
        handle = path.open("rb")
    except OSError as exc:
        raise Http404 from exc
    # Always a download, never rendered by the browser: the type was checked on upload, but a stored
    # file is still someone's document.
    response = FileResponse(handle, content_type=version.content_type)
    response["Content-Disposition"] = content_disposition(filename=version.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    audit.record(action=AuditAction.DOWNLOAD, request=request, target=version, detail={"sha256": version.sha256})
    return response
