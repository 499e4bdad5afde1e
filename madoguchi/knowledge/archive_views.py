"""Staff pages of the information archive (情報アーカイブ): items, feeds and the feed inbox."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
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
from madoguchi.knowledge import archive_files, archive_selectors, archive_services
from madoguchi.knowledge.archive_forms import (
    ArchiveFilterForm,
    ArchiveItemForm,
    AttachmentForm,
    FeedForm,
    LinkCaseForm,
    LinkFaqForm,
)
from madoguchi.knowledge.models import ArchiveAttachment, ArchiveItem, FeedItem
from madoguchi.taxonomy.selectors import terms_for

PAGE_SIZE = 50


def _item_or_404(pk: int) -> ArchiveItem:
    item = archive_selectors.archive_item(pk=pk)
    if item is None:
        raise Http404
    return item


def _form_error(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# --- items ---


@require_GET
@require_action(Action.ARCHIVE_VIEW)
def archive_list(request: StaffRequest) -> HttpResponse:
    form = ArchiveFilterForm(request.GET or None)
    items = None
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        filters = archive_selectors.ArchiveFilters(
            q=data.get("q", ""),
            kind=data.get("kind", ""),
            importance=data.get("importance"),
            tag=data.get("tag", "").strip(),
            source=data.get("source", "").strip(),
        )
        items = list(archive_selectors.archive_items(filters=filters)[:PAGE_SIZE])
    status = 200 if items is not None else 400
    context = {"form": form, "items": items or [], "page_size": PAGE_SIZE}
    return render(request, "staff/knowledge/archive/item_list.html", context, status=status)


def _item_form_page(
    request: StaffRequest, form: ArchiveItemForm, *, item: ArchiveItem | None, status: int, **extra: Any
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "item": item, **extra}
    return render(request, "staff/knowledge/archive/item_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@require_action(Action.ARCHIVE_EDIT)
def archive_create(request: StaffRequest) -> HttpResponse:
    if request.method != "POST":
        return _item_form_page(request, ArchiveItemForm(), item=None, status=200)
    form = ArchiveItemForm(request.POST)
    duplicate = None
    if form.is_valid():
        try:
            item = archive_services.archive_item_create(actor=request.user, data=form.item_data())
        except archive_services.DuplicateArchiveURL as exc:
            duplicate = exc.existing
            _form_error(form, exc)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("アーカイブに登録しました。"))
            return redirect(item.get_absolute_url())
    return _item_form_page(request, form, item=None, status=400, duplicate=duplicate)


def _detail_page(request: StaffRequest, item: ArchiveItem, *, status: int = 200, **forms: Any) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "item": item,
        "terms": terms_for(obj=item),
        "cases": archive_selectors.linked_cases(item=item, user=user),
        "faq_links": archive_selectors.linked_faqs(item=item, user=user),
        "attachments": list(item.attachments.all()),
        "feed_items": list(item.feed_items.select_related("feed")),
        "can_edit": user.can(Action.ARCHIVE_EDIT),
        "case_form": forms.get("case_form") or LinkCaseForm(prefix="case"),
        "faq_form": forms.get("faq_form") or LinkFaqForm(prefix="faq"),
        "file_form": forms.get("file_form") or AttachmentForm(prefix="file"),
    }
    return render(request, "staff/knowledge/archive/item_detail.html", context, status=status)


@require_GET
@require_action(Action.ARCHIVE_VIEW)
def archive_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _item_or_404(pk))


@require_http_methods(["GET", "POST"])
@require_action(Action.ARCHIVE_EDIT)
def archive_edit(request: StaffRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    if request.method != "POST":
        initial = {
            "url": item.url,
            "title": item.title,
            "source_organization": item.source_organization,
            "kind": item.kind,
            "published_on": item.published_on,
            "collected_on": item.collected_on,
            "importance": item.importance,
            "summary": item.summary,
            "tags": "、".join(item.tags),
            "terms": [t.pk for t in terms_for(obj=item)],
            "version": item.version,
        }
        return _item_form_page(request, ArchiveItemForm(initial=initial, editing=True), item=item, status=200)
    form = ArchiveItemForm(request.POST, editing=True)
    duplicate = None
    if form.is_valid():
        try:
            archive_services.archive_item_update(
                actor=request.user,
                item=item,
                expected_version=form.cleaned_data["version"] or 0,
                data=form.item_data(),
            )
        except ConcurrentEditError as exc:
            # Keep the typing; carry the current version so that saving again is a deliberate overwrite.
            item.refresh_from_db()
            posted = request.POST.copy()
            posted["version"] = str(item.version)
            form = ArchiveItemForm(posted, editing=True)
            form.is_valid()
            form.add_error(None, exc.message)
        except archive_services.DuplicateArchiveURL as exc:
            duplicate = exc.existing
            _form_error(form, exc)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("アーカイブの項目を更新しました。"))
            return redirect(item.get_absolute_url())
    return _item_form_page(request, form, item=item, status=400, duplicate=duplicate)


@require_POST
@require_action(Action.ARCHIVE_EDIT)
def archive_link_case(request: StaffRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    form = LinkCaseForm(request.POST, prefix="case")
    if form.is_valid():
        try:
            # Same 404 for a missing case and one this user may not see: both are "not found" here.
            case = access_case(user=request.user, reference=form.cleaned_data["reference"].strip())
        except Http404:
            form.add_error("reference", _("その受付番号の相談案件は見つかりません。"))
        else:
            try:
                archive_services.archive_item_link_case(actor=request.user, item=item, case=case)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("相談案件 %(ref)s とリンクしました。") % {"ref": case.reference})
                return redirect(item.get_absolute_url())
    return _detail_page(request, item, status=400, case_form=form)


@require_POST
@require_action(Action.ARCHIVE_EDIT)
def archive_unlink_case(request: StaffRequest, pk: int, reference: str) -> HttpResponse:
    item = _item_or_404(pk)
    case = access_case(user=request.user, reference=reference)
    archive_services.archive_item_unlink_case(actor=request.user, item=item, case=case)
    messages.success(request, _("相談案件 %(ref)s とのリンクを外しました。") % {"ref": case.reference})
    return redirect(item.get_absolute_url())


@require_POST
@require_action(Action.ARCHIVE_EDIT)
def archive_link_faq(request: StaffRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    form = LinkFaqForm(request.POST, prefix="faq")
    if form.is_valid():
        try:
            archive_services.archive_item_link_target(
                actor=request.user, item=item, target_kind="faq", target_id=form.cleaned_data["target_id"]
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("よくある質問とリンクしました。"))
            return redirect(item.get_absolute_url())
    return _detail_page(request, item, status=400, faq_form=form)


@require_POST
@require_action(Action.ARCHIVE_EDIT)
def archive_attachment_add(request: StaffRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    form = AttachmentForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > archive_files.MAX_ATTACHMENT_BYTES:
            form.add_error("file", _("ファイルが大きすぎます（上限 20 MB）。"))
        else:
            try:
                archive_services.archive_attachment_add(
                    actor=request.user, item=item, filename=upload.name or "", data=upload.read()
                )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("PDF を添付しました。"))
                return redirect(item.get_absolute_url())
    return _detail_page(request, item, status=400, file_form=form)


def _content_disposition(filename: str) -> str:
    """attachment with an ASCII fallback and the exact name as RFC 5987 filename*."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in filename)
    return f"attachment; filename=\"{fallback or 'document.pdf'}\"; filename*=UTF-8''{quote(filename, safe='')}"


@require_GET
@require_action(Action.ARCHIVE_VIEW)
def archive_attachment_download(request: StaffRequest, pk: int) -> FileResponse:
    attachment = ArchiveAttachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    try:
        handle = archive_files.open_path(relative=attachment.stored_path).open("rb")
    except OSError as exc:
        raise Http404 from exc
    audit.record(action=AuditAction.DOWNLOAD, request=request, target=attachment, detail={"sha256": attachment.sha256})
    # Always a download, never rendered in the desk's origin (a hostile PDF cannot script our pages).
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = _content_disposition(attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


# --- feeds and the inbox ---


@require_http_methods(["GET", "POST"])
@require_action(Action.ARCHIVE_EDIT)
def feed_list(request: StaffRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                archive_services.feed_create(
                    actor=request.user, url=form.cleaned_data["url"], title=form.cleaned_data["title"]
                )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("フィードを登録しました。次回の取得から記事が届きます。"))
                return redirect("knowledge:feed_list")
        status = 400
    context = {"form": form, "feeds": archive_selectors.feeds()}
    return render(request, "staff/knowledge/archive/feed_list.html", context, status=status)


@require_POST
@require_action(Action.ARCHIVE_EDIT)
def feed_toggle(request: StaffRequest, pk: int) -> HttpResponse:
    feed = archive_selectors.feeds().filter(pk=pk).first()
    if feed is None:
        raise Http404
    archive_services.feed_set_active(actor=request.user, feed=feed, active=not feed.active)
    return redirect("knowledge:feed_list")


@require_GET
@require_action(Action.ARCHIVE_EDIT)
def inbox(request: StaffRequest) -> HttpResponse:
    items = list(archive_selectors.inbox()[:PAGE_SIZE])
    total = archive_selectors.inbox().count()
    return render(request, "staff/knowledge/archive/inbox.html", {"items": items, "total": total})


def _feed_item_or_404(pk: int) -> FeedItem:
    item = archive_selectors.feed_item(pk=pk)
    if item is None:
        raise Http404
    return item


@require_http_methods(["GET", "POST"])
@require_action(Action.ARCHIVE_EDIT)
def inbox_keep(request: StaffRequest, pk: int) -> HttpResponse:
    feed_item = _feed_item_or_404(pk)
    if request.method != "POST":
        initial = {
            "url": feed_item.url,
            "title": feed_item.title,
            "source_organization": feed_item.feed.title,
            "published_on": feed_item.published_at.date() if feed_item.published_at else None,
        }
        form = ArchiveItemForm(initial=initial, summary_required=True)
        return render(
            request, "staff/knowledge/archive/inbox_keep.html", {"form": form, "feed_item": feed_item}, status=200
        )
    form = ArchiveItemForm(request.POST, summary_required=True)
    duplicate = None
    if form.is_valid():
        try:
            item = archive_services.feed_item_keep(actor=request.user, feed_item=feed_item, data=form.item_data())
        except archive_services.DuplicateArchiveURL as exc:
            duplicate = exc.existing
            _form_error(form, exc)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("要約を付けてアーカイブに保存しました。"))
            return redirect(item.get_absolute_url())
    context = {"form": form, "feed_item": feed_item, "duplicate": duplicate}
    return render(request, "staff/knowledge/archive/inbox_keep.html", context, status=400)


@require_POST
@require_action(Action.ARCHIVE_EDIT)
def inbox_dismiss(request: StaffRequest, pk: int) -> HttpResponse:
    feed_item = _feed_item_or_404(pk)
    try:
        archive_services.feed_item_dismiss(actor=request.user, feed_item=feed_item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("「%(title)s」を見送りました。") % {"title": feed_item.title})
    return redirect("knowledge:inbox")
