"""Manager reports, exports, the monthly PDF, the specialist handbook and the retention screen."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.accounts.roles import Action
from madoguchi.core.errors import NotPermitted
from madoguchi.reports import selectors, services
from madoguchi.reports.charts import bar_chart_svg
from madoguchi.reports.forms import HandbookSectionForm, MonthForm, PeriodForm, RetentionPolicyForm
from madoguchi.reports.handbook import build as build_handbook
from madoguchi.reports.handbook import handbook_pdf, procedure_texts
from madoguchi.reports.sections import default_period


def _period_form(request: HttpRequest) -> tuple[PeriodForm, selectors.Period]:
    form = PeriodForm(request.GET if ("start" in request.GET or "end" in request.GET) else None)
    return form, form.period(default_period())


@require_GET
@require_action(Action.REPORTS_VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, period = _period_form(request)
    tables = selectors.report(period=period)
    charts = [
        {
            "table": t,
            # Our own SVG: every label and number inside is escaped by bar_chart_svg.
            "svg": mark_safe(bar_chart_svg(t.chart, title=t.title, element_id=f"chart-{t.key}")) if t.chart else "",  # noqa: S308
        }
        for t in tables
    ]
    query = f"start={period.start:%Y-%m}&end={period.end:%Y-%m}"
    return render(
        request,
        "staff/reports/dashboard.html",
        {"form": form, "period": period, "charts": charts, "query": query, "month_form": MonthForm()},
    )


def _attachment(data: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@require_action(Action.REPORTS_VIEW)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, period = _period_form(request)
    section = request.GET.get("section") or None
    tables = selectors.report(period=period, only=section)
    if section and not tables:
        raise Http404
    audit.record(
        action=AuditAction.EXPORT,
        request=request,
        detail={
            "what": "report",
            "format": fmt,
            "section": section or "",
            "start": f"{period.start:%Y-%m}",
            "end": f"{period.end:%Y-%m}",
        },
    )
    name = f"report-{period.start:%Y%m}-{period.end:%Y%m}" + (f"-{section}" if section else "")
    if fmt == "csv":
        return _attachment(selectors.to_csv(tables), content_type="text/csv; charset=utf-8", filename=f"{name}.csv")
    return _attachment(
        selectors.to_xlsx(tables, title=_("相談の統計")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"{name}.xlsx",
    )


@require_GET
@require_action(Action.REPORTS_VIEW)
def monthly_pdf(request: HttpRequest) -> HttpResponse:
    form = MonthForm(request.GET)
    if not form.is_valid():
        return render(request, "staff/reports/month_invalid.html", {"form": form}, status=400)
    month = form.cleaned_data["month"]
    audit.record(
        action=AuditAction.EXPORT, request=request, detail={"what": "monthly_report", "month": f"{month:%Y-%m}"}
    )
    return _attachment(
        selectors.monthly_report_pdf(month=month),
        content_type="application/pdf",
        filename=f"monthly-report-{month:%Y-%m}.pdf",
    )


@require_GET
@require_action(Action.CASE_VIEW)
def handbook(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/reports/handbook.html", {"handbook": build_handbook()})


@require_GET
@require_action(Action.CASE_VIEW)
def handbook_download(request: HttpRequest) -> HttpResponse:
    book = build_handbook()
    audit.record(action=AuditAction.EXPORT, request=request, detail={"what": "handbook", "version": book.version})
    return _attachment(handbook_pdf(book), content_type="application/pdf", filename=f"handbook-{book.version}.pdf")


@require_GET
@require_action(Action.HANDBOOK_EDIT)
def handbook_sections(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/reports/handbook_sections.html", {"texts": procedure_texts().values()})


@require_http_methods(["GET", "POST"])
@require_action(Action.HANDBOOK_EDIT)
def handbook_section_edit(request: HttpRequest, key: str) -> HttpResponse:
    section = selectors.handbook_section(key=key)
    if section is None:
        raise Http404
    current = section.revisions.order_by("-number").first()
    form = HandbookSectionForm(request.POST or None, initial={"body": current.body if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.handbook_revision_save(actor=request.user, section=section, **form.cleaned_data)  # type: ignore[arg-type]
        except NotPermitted as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("「%(title)s」を保存しました。") % {"title": section.title})
            return redirect("reports:handbook_sections")
    revisions = section.revisions.select_related("author").order_by("-number")[:20]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "staff/reports/handbook_section_edit.html",
        {"section": section, "form": form, "revisions": revisions},
        status=status,
    )


def _retention_page(
    request: HttpRequest,
    *,
    forms: dict[str, RetentionPolicyForm] | None = None,
    confirm_error: str = "",
    status: int = 200,
) -> HttpResponse:
    preview = selectors.retention_preview()
    rows = []
    for item in preview:
        key = item["type"].key
        form = (forms or {}).get(key) or RetentionPolicyForm(
            initial={"record_type": key, "months": item["months"]}, prefix=key
        )
        rows.append({**item, "form": form})
    # The audit detail keeps the record types' keys; the screen says what they are.
    labels = {item["type"].key: str(item["type"].label) for item in preview}
    runs = [
        {
            "at": run.at,
            "actor": run.actor_username,
            "counts": [(labels.get(key, key), count) for key, count in (run.detail.get("counts") or {}).items()],
        }
        for run in AuditEvent.objects.filter(detail__what="retention_run").order_by("-at")[:10]
    ]
    context = {"rows": rows, "runs": runs, "confirm_error": confirm_error}
    return render(request, "staff/reports/retention.html", context, status=status)


@require_GET
@require_action(Action.RETENTION_MANAGE)
def retention(request: HttpRequest) -> HttpResponse:
    return _retention_page(request)


@require_POST
@require_action(Action.RETENTION_MANAGE)
def retention_policy(request: HttpRequest, record_type: str) -> HttpResponse:
    form = RetentionPolicyForm(request.POST, prefix=record_type)
    if not form.is_valid() or form.cleaned_data["record_type"] != record_type:
        return _retention_page(request, forms={record_type: form}, status=400)
    try:
        services.retention_policy_set(actor=request.user, record_type=record_type, months=form.cleaned_data["months"])  # type: ignore[arg-type]
    except ValueError as exc:
        raise Http404 from exc
    messages.success(request, _("保存期間を変更しました。"))
    return redirect("reports:retention")


@require_POST
@require_action(Action.RETENTION_MANAGE)
def retention_run(request: HttpRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        return _retention_page(request, confirm_error=_("実行するには確認欄にチェックを入れてください。"), status=400)
    result = services.apply_retention(actor=request.user, dry_run=False, now=timezone.now())  # type: ignore[arg-type]
    total = sum(result.counts.values())
    messages.success(request, _("%(count)s件の記録から個人情報を削除しました。") % {"count": total})
    return redirect("reports:retention")
