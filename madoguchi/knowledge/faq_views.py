"""Staff pages of the FAQ (よくある質問) and the useful links (Web掲載内容): thin views over faq_services."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import access_case
from madoguchi.core.errors import ConcurrentEditError, DomainError
from madoguchi.knowledge import archive_selectors, faq_masking, faq_selectors, faq_services
from madoguchi.knowledge.faq_access import access_faq, access_faq_originals, access_link
from madoguchi.knowledge.faq_forms import (
    FaqFilterForm,
    FaqForm,
    MaskTextForm,
    TransitionForm,
    UsefulLinkForm,
    read_more_text,
)
from madoguchi.knowledge.models import FaqEntry, FaqStatus, FaqVersion, FaqVisibility, UsefulLink
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.taxonomy.models import Term


def _content(data: dict[str, Any]) -> faq_services.FaqContent:
    return faq_services.FaqContent(
        title=data["title"],
        questions=data["questions"],
        measures=data["measures"],
        referrals=list(data["referrals"]),
        keywords=data["keywords"],
        sources=data["sources"],
        read_more=data["read_more"],
        visibility=data["visibility"],
        terms=data["terms"],
    )


def _add_error(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@require_GET
@require_action(Action.CASE_VIEW)
def faq_list(request: StaffRequest) -> HttpResponse:
    form = FaqFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    faqs = faq_selectors.faq_list(status=status)
    return render(request, "staff/knowledge/faq/list.html", {"faqs": faqs, "form": form})


def _form_page(request: StaffRequest, form: FaqForm, *, faq: FaqEntry | None, status: int) -> HttpResponse:
    return render(request, "staff/knowledge/faq/form.html", {"form": form, "faq": faq}, status=status)


@require_http_methods(["GET", "POST"])
@require_action(Action.FAQ_EDIT)
def faq_create(request: StaffRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, FaqForm(initial={"visibility": "internal"}), faq=None, status=200)
    form = FaqForm(request.POST)
    if form.is_valid():
        try:
            faq = faq_services.faq_create(actor=request.user, content=_content(form.cleaned_data))
        except DomainError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("よくある質問の下書きを作成しました。"))
            return redirect("knowledge:faq_detail", pk=faq.pk)
    return _form_page(request, form, faq=None, status=400)


@require_POST
@require_action(Action.FAQ_EDIT)
def faq_from_cases(request: StaffRequest) -> HttpResponse:
    """From the case screen: this closed consultation and the similar ones ticked in the panel."""
    references = [r for r in request.POST.getlist("cases") if r][:20]
    cases = [access_case(user=request.user, reference=r) for r in dict.fromkeys(references)]
    if not cases:
        messages.error(request, _("元にする相談を選んでください。"))
        return redirect("knowledge:faq_list")
    try:
        faq = faq_services.faq_create_from_cases(actor=request.user, cases=cases)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(cases[0].get_absolute_url())
    messages.success(request, _("相談からよくある質問の下書きを作りました。マスクした箇所を確認してください。"))
    return redirect("knowledge:faq_detail", pk=faq.pk)


def _field_label(name: str) -> str:
    if name == "title":
        return _("見出し")
    if name == "measures":
        return _("回答例 ① 具体的な対策")
    return _("質問の例 %(n)d") % {"n": int(name[1:]) + 1}


def _typing_key(pk: int) -> str:
    return f"faq-mask-typing:{pk}"


@require_GET
@require_action(Action.CASE_VIEW)
def faq_detail(request: StaffRequest, pk: int) -> HttpResponse:
    faq = access_faq(user=request.user, pk=pk)
    # What was typed into the mask field when a span was unmasked comes back once (the session ends at logout).
    typed = request.session.pop(_typing_key(faq.pk), None) or {}
    mask_form = MaskTextForm(
        initial={"version": faq.version, "text": typed.get("text", ""), "span_type": typed.get("span_type")}
    )
    return _detail_page(request, faq, mask_form=mask_form, status=200)


def _detail_page(request: StaffRequest, faq: FaqEntry, *, mask_form: MaskTextForm, status: int) -> HttpResponse:
    user = request.user
    spans = list(faq.mask_spans)
    names = ["title", *(f"q{i}" for i in range(len(faq.questions))), "measures"]
    texts = {"title": faq.title, "measures": faq.measures}
    texts.update({f"q{i}": q for i, q in enumerate(faq.questions)})
    fields = [
        {"name": n, "label": _field_label(n), "segments": faq_masking.segments(field=n, text=texts[n], spans=spans)}
        for n in names
    ]
    show_originals = any(s["original"] for s in spans) and faq_selectors.originals_visible(faq=faq, user=user)
    if show_originals:
        # The review screen shows what was masked (personal data of the source consultations).
        audit.record(action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=faq, detail={"masked_spans": True})
    use_count, usage = faq_selectors.faq_usage(faq=faq, user=user)
    context = {
        "faq": faq,
        "fields": fields,
        "spans": list(enumerate(spans)),
        "show_originals": show_originals,
        "terms": faq_selectors.faq_terms(faq=faq),
        "referrals": list(faq.referrals.order_by("name")),
        "source_cases": faq_selectors.source_cases_for(faq=faq, user=user) if user.can(Action.FAQ_EDIT) else [],
        "archive_items": archive_selectors.items_informing_faq(faq=faq, user=user),
        "use_count": use_count,
        "usage": usage,
        "versions": list(faq.versions.select_related("author").order_by("-number")),
        "mask_form": mask_form,
        "contributors": faq_services.contributors(faq),
        "can_edit": user.can(Action.FAQ_EDIT),
        "can_mask": user.can(Action.FAQ_EDIT) and faq.status in (FaqStatus.DRAFT, FaqStatus.IN_REVIEW),
        "can_review": user.can(Action.FAQ_REVIEW),
        "FaqStatus": FaqStatus,
    }
    return render(request, "staff/knowledge/faq/detail.html", context, status=status)


def _initial(faq: FaqEntry) -> dict[str, Any]:
    return {
        "title": faq.title,
        "questions": "\n\n".join(faq.questions),
        "measures": faq.measures,
        "referrals": list(faq.referrals.values_list("pk", flat=True)),
        "keywords": "、".join(faq.keywords),
        "terms": [t.pk for t in faq_selectors.faq_terms(faq=faq)],
        "sources": faq.sources,
        "read_more": read_more_text(list(faq.read_more)),
        "visibility": faq.visibility,
        "version": faq.version,
    }


@require_http_methods(["GET", "POST"])
@require_action(Action.FAQ_EDIT)
def faq_edit(request: StaffRequest, pk: int) -> HttpResponse:
    faq = access_faq(user=request.user, pk=pk, action=Action.FAQ_EDIT)
    if request.method != "POST":
        return _form_page(request, FaqForm(initial=_initial(faq)), faq=faq, status=200)
    form = FaqForm(request.POST)
    if form.is_valid():
        try:
            faq_services.faq_update(
                actor=request.user,
                faq=faq,
                expected_version=form.cleaned_data["version"] or 0,
                content=_content(form.cleaned_data),
            )
        except ConcurrentEditError as exc:
            faq.refresh_from_db()
            posted = request.POST.copy()
            posted["version"] = str(faq.version)
            form = FaqForm(posted)
            form.is_valid()
            form.add_error(None, exc.message)
        except DomainError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("よくある質問を保存しました。"))
            return redirect("knowledge:faq_detail", pk=faq.pk)
    return _form_page(request, form, faq=faq, status=400)


@require_POST
@require_action(Action.FAQ_EDIT)
def faq_unmask(request: StaffRequest, pk: int, index: int) -> HttpResponse:
    faq = access_faq_originals(user=request.user, pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        faq_services.faq_unmask_span(actor=request.user, faq=faq, expected_version=version, index=index)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("マスクを外しました。"))
    # The unmask buttons submit the mask form too: keep what was typed there for the page after the redirect.
    text = request.POST.get("text", "")[:200]
    if text:
        request.session[_typing_key(faq.pk)] = {"text": text, "span_type": request.POST.get("span_type", "")[:40]}
    return redirect(f"{faq.get_absolute_url()}#masking")


@require_POST
@require_action(Action.FAQ_EDIT)
def faq_mask(request: StaffRequest, pk: int) -> HttpResponse:
    faq = access_faq(user=request.user, pk=pk, action=Action.FAQ_EDIT)
    form = MaskTextForm(request.POST)
    if form.is_valid():
        try:
            count = faq_services.faq_mask_text(
                actor=request.user,
                faq=faq,
                expected_version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
                span_type=form.cleaned_data["span_type"],
            )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("%(n)d箇所をマスクしました。") % {"n": count})
            return redirect(f"{faq.get_absolute_url()}#masking")
    # The message goes next to the field and what was typed stays in it.
    faq.refresh_from_db()
    return _detail_page(request, faq, mask_form=form, status=400)


@require_POST
@require_action(Action.FAQ_EDIT)
def faq_transition(request: StaffRequest, pk: int) -> HttpResponse:
    faq = access_faq(user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("操作を選び直してください。"))
        return HttpResponse(status=400) if not request.POST else redirect(faq.get_absolute_url())
    try:
        faq = faq_services.faq_transition(
            actor=request.user, faq=faq, expected_version=form.cleaned_data["version"], to=form.cleaned_data["to"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("状態を「%(s)s」にしました。") % {"s": FaqStatus(faq.status).label})
    return redirect(faq.get_absolute_url())


def _lines(snapshot: dict[str, Any], names: dict[int, str]) -> list[str]:
    visibility = str(snapshot.get("visibility", ""))
    shown = FaqVisibility(visibility).label if visibility in FaqVisibility.values else visibility
    lines = [f"# {_('見出し')}: {snapshot.get('title', '')}", f"# {_('公開範囲')}: {shown}"]
    for i, q in enumerate(snapshot.get("questions", []), start=1):
        lines.append(f"# {_('質問の例')} {i}")
        lines.extend(str(q).splitlines())
    lines.append(f"# {_('回答例 ① 具体的な対策')}")
    lines.extend(str(snapshot.get("measures", "")).splitlines())
    lines.append(f"# {_('回答例 ② 相談・届出先')}")
    lines.extend(names.get(pk, str(pk)) for pk in snapshot.get("referrals", []))
    lines.append(f"# {_('キーワード')}: {'、'.join(snapshot.get('keywords', []))}")
    lines.append(f"# {_('分類')}")
    lines.extend(names.get(-pk, str(pk)) for pk in snapshot.get("terms", []))
    lines.append(f"# {_('参考にした情報')}")
    lines.extend(str(snapshot.get("sources", "")).splitlines())
    lines.append(f"# {_('詳しく読む')}")
    lines.extend(f"{link.get('label', '')} {link.get('url', '')}" for link in snapshot.get("read_more", []))
    return lines


@require_GET
@require_action(Action.CASE_VIEW)
def faq_version(request: StaffRequest, pk: int, number: int) -> HttpResponse:
    """One version and what it changed compared with the one before (a line diff)."""
    faq = access_faq(user=request.user, pk=pk)
    version = FaqVersion.objects.select_related("author").filter(faq=faq, number=number).first()
    if version is None:
        raise Http404
    previous = FaqVersion.objects.filter(faq=faq, number__lt=number).order_by("-number").first()
    org_ids = set(version.snapshot.get("referrals", [])) | set(
        (previous.snapshot if previous else {}).get("referrals", [])
    )
    term_ids = set(version.snapshot.get("terms", [])) | set((previous.snapshot if previous else {}).get("terms", []))
    names: dict[int, str] = {o.pk: o.name for o in ReferralOrganization.objects.filter(pk__in=org_ids)}
    names.update({-t.pk: str(t) for t in Term.objects.filter(pk__in=term_ids)})
    old = _lines(previous.snapshot, names) if previous else []
    new = _lines(version.snapshot, names)
    rows = []
    for line in difflib.ndiff(old, new):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        rows.append({"kind": {"+ ": "added", "- ": "removed"}.get(code, "same"), "text": text})
    context = {"faq": faq, "version": version, "previous": previous, "rows": rows}
    return render(request, "staff/knowledge/faq/version.html", context)


# --- useful links (Web掲載内容) ---


@require_GET
@require_action(Action.FAQ_EDIT)
def link_list(request: StaffRequest) -> HttpResponse:
    return render(request, "staff/knowledge/faq/links.html", {"links": faq_selectors.all_links()})


def _link_page(request: StaffRequest, form: UsefulLinkForm, link: UsefulLink | None, status: int) -> HttpResponse:
    return render(request, "staff/knowledge/faq/link_form.html", {"form": form, "link": link}, status=status)


@require_http_methods(["GET", "POST"])
@require_action(Action.FAQ_EDIT)
def link_create(request: StaffRequest) -> HttpResponse:
    return _link_save(request, None)


@require_http_methods(["GET", "POST"])
@require_action(Action.FAQ_EDIT)
def link_edit(request: StaffRequest, pk: int) -> HttpResponse:
    return _link_save(request, access_link(user=request.user, pk=pk))


def _link_save(request: StaffRequest, link: UsefulLink | None) -> HttpResponse:
    if request.method != "POST":
        form = UsefulLinkForm(instance=link, initial={"version": link.version if link else None})
        return _link_page(request, form, link, 200)
    form = UsefulLinkForm(request.POST, instance=None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            faq_services.useful_link_save(
                actor=request.user,
                link=link,
                expected_version=data.get("version"),
                title=data["title"],
                url=data["url"],
                publisher=data["publisher"],
                summary=data["summary"],
                checked_on=data["checked_on"],
                published=data["published"],
                order=data["order"] or 0,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("リンクを保存しました。"))
            return redirect("knowledge:link_list")
    return _link_page(request, form, link, 400)
