from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.accounts import audit
from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Action
from madoguchi.answers import outbox, services
from madoguchi.answers.forms import AnswerDraftForm, ReviewForm
from madoguchi.answers.models import AnswerChannel, AnswerDraft, OutboundEmail, OutboundStatus
from madoguchi.cases.access import access_case, visible_cases
from madoguchi.cases.models import Case
from madoguchi.cases.rendering import render_detail
from madoguchi.core.errors import ConcurrentEditError, DomainError
from madoguchi.knowledge import faq_selectors, faq_services
from madoguchi.knowledge import selectors as knowledge_selectors
from madoguchi.referrals.formatting import referrals_text, stale_warning
from madoguchi.referrals.forms import InsertReferralsForm
from madoguchi.referrals.models import ReferralOrganization


def _draft_for(request: StaffRequest, reference: str, action: Action) -> AnswerDraft:
    case = access_case(user=request.user, reference=reference, action=action)
    draft = services.open_draft(case=case)
    if draft is None:
        raise Http404
    return draft


def _typed_form(data: QueryDict, *, version: int | None = None) -> AnswerDraftForm:
    """The editor's texts as a bound form; `version` replaces the posted one (after a conflict)."""
    posted = data.copy()
    if version is not None:
        posted[f"{AnswerDraftForm.prefix}-version"] = str(version)
    form = AnswerDraftForm(posted)
    form.is_valid()
    return form


def _refused(request: StaffRequest, case: Case, form: AnswerDraftForm, exc: DomainError) -> HttpResponse:
    """Show the typed text back with the reason; on a conflict also what is stored now.

    After a conflict the form carries the current version, so saving again is a deliberate decision taken
    with the other change in view; nothing the staff member typed is dropped.
    """
    stored = services.open_draft(case=case)
    if isinstance(exc, ConcurrentEditError):
        # With no stored draft (e.g. it was sent meanwhile) the form says "no draft yet" explicitly.
        current = stored.version if stored else services.NO_DRAFT_VERSION
        form = _typed_form(form.data, version=current)  # type: ignore[arg-type]
        form.add_error(None, exc.message)
        bound = {"answer_form": form, "open_tab": "answer_form", "answer_stored": stored}
        return render_detail(request, case, bound=bound, status=409)
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render_detail(request, case, bound={"answer_form": form, "open_tab": "answer_form"}, status=400)


def _save(request: StaffRequest, case: Case, form: AnswerDraftForm, *, before_action: bool = False) -> AnswerDraft:
    """Save the editor's texts under the optimistic lock.

    Before acting (or autosaving) an approved draft whose text is unchanged keeps its approval
    (answer_save_screen_text); the save button itself always saves, which withdraws an approval.
    """
    d = form.cleaned_data
    save = services.answer_save_screen_text if before_action else services.answer_save_draft
    return save(
        actor=request.user,
        case=case,
        measures=d["measures"],
        referrals=d["referrals"],
        channel=d["channel"],
        expected_version=d["version"],
    )


@require_POST
@require_action(Action.ANSWER_DRAFT)
def save_draft(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_DRAFT)
    form = AnswerDraftForm(request.POST)
    if not form.is_valid():
        return render_detail(request, case, bound={"answer_form": form, "open_tab": "answer_form"}, status=400)
    try:
        _save(request, case, form)
    except DomainError as exc:
        return _refused(request, case, form, exc)
    messages.success(request, _("回答案を保存しました。"))
    return redirect("cases:detail", reference=case.reference)


@require_POST
@require_action(Action.ANSWER_DRAFT)
def autosave(request: StaffRequest, reference: str) -> HttpResponse:
    """The editor saves itself a few seconds after typing stops: same service, same optimistic lock."""
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_DRAFT)
    form = AnswerDraftForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return JsonResponse({"ok": False, "error": " ".join(errors)}, status=400)
    try:
        draft = _save(request, case, form, before_action=True)
    except ConcurrentEditError as exc:
        return JsonResponse({"ok": False, "conflict": True, "error": exc.message}, status=409)
    except DomainError as exc:
        return JsonResponse({"ok": False, "error": exc.message}, status=400)
    saved_at = timezone.localtime(draft.updated_at).strftime("%H:%M")
    return JsonResponse(
        {
            "ok": True,
            "version": draft.version,
            "saved_at": saved_at,
            "message": _("自動保存しました %(time)s") % {"time": saved_at},
        }
    )


def _wants_json(request: StaffRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@require_action(Action.ANSWER_DRAFT)
def insert_referrals(request: StaffRequest, reference: str) -> HttpResponse:
    """Put the chosen organisations, with contact details dated today, into part ② of the text being edited.

    The editor script asks for the text only and inserts it at the cursor. Without the script the button
    submits the whole answer form here, so the typed ① and ② come along and are kept (and saved when ① is
    filled in, under the same optimistic lock as a normal save).
    """
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_DRAFT)
    codes = list(ReferralOrganization.objects.values_list("code", flat=True))
    choice = InsertReferralsForm(request.POST, codes=codes)
    if not choice.is_valid():
        if _wants_json(request):
            errors = [str(e) for e in choice.errors.get("organizations", [])]
            return JsonResponse({"ok": False, "error": " ".join(errors)}, status=400)
        bound = {"referrals_insert_form": choice, "answer_form": AnswerDraftForm(initial=_typed_initial(request.POST))}
        return render_detail(request, case, bound=bound, status=400)
    chosen = {o.code: o for o in ReferralOrganization.objects.filter(code__in=choice.cleaned_data["organizations"])}
    # Keep the order staff ticked them in, which is the panel's ranking.
    ordered = [chosen[c] for c in choice.cleaned_data["organizations"] if c in chosen]
    text = referrals_text(organizations=ordered, today=timezone.localdate())
    # An entry overdue for re-checking (要確認) is named to the writer, who should confirm it before sending.
    warning = stale_warning(organizations=ordered, today=timezone.localdate())
    inserted = _("%(n)d件の紹介先を回答の「② 相談・届出先」に入れました。") % {"n": len(ordered)}
    if _wants_json(request):
        return JsonResponse({"ok": True, "text": text, "message": inserted, "warning": warning})
    if warning:
        messages.warning(request, warning)
    initial = _typed_initial(request.POST)
    initial["referrals"] = "\n\n".join(part for part in (initial.get("referrals", "").rstrip(), text) if part)
    form = _typed_form(_as_post(initial))
    if not form.is_valid():
        if set(form.errors) == {"measures"}:
            # ① is still empty: nothing can be saved yet, but nothing typed or inserted is lost either.
            messages.info(request, inserted + _("① を入力して回答案を保存してください。"))
            return render_detail(request, case, bound={"answer_form": AnswerDraftForm(initial=initial)})
        # Anything else (a stale screen without a version, a text over the limit): the reason, the text kept.
        return render_detail(request, case, bound={"answer_form": form, "open_tab": "answer_form"}, status=400)
    try:
        _save(request, case, form)
    except DomainError as exc:
        return _refused(request, case, form, exc)
    messages.success(request, inserted + _("回答案を保存しました。"))
    return redirect(f"{case.get_absolute_url()}#answer")


@require_POST
@require_action(Action.ANSWER_DRAFT)
def insert_canned(request: StaffRequest, reference: str) -> HttpResponse:
    """Append the chosen canned text (定型文) to part ① when the editor script is off.

    With the script the text is inserted at the cursor in the browser and this view is never called; without
    it the button submits the whole answer form here, so what was typed comes along and is kept.
    """
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_DRAFT)
    canned = None
    raw = request.POST.get("canned", "")
    if raw.isdigit():
        canned = knowledge_selectors.canned_text(pk=int(raw))
    initial = _typed_initial(request.POST)
    if canned is None or not canned.active:
        messages.error(request, _("挿入する定型文を選んでください。"))
        return render_detail(request, case, bound={"answer_form": AnswerDraftForm(initial=initial)}, status=400)
    initial["measures"] = "\n\n".join(part for part in (initial.get("measures", "").rstrip(), canned.body) if part)
    form = _typed_form(_as_post(initial))
    inserted = _("定型文「%(title)s」を回答の「① 具体的な対策」に入れました。") % {"title": canned.title}
    if not form.is_valid():
        return render_detail(request, case, bound={"answer_form": form, "open_tab": "answer_form"}, status=400)
    try:
        _save(request, case, form)
    except DomainError as exc:
        return _refused(request, case, form, exc)
    messages.success(request, inserted + _("回答案を保存しました。"))
    return redirect(f"{case.get_absolute_url()}#answer")


@require_POST
@require_action(Action.ANSWER_DRAFT)
def insert_faq(request: StaffRequest, reference: str) -> HttpResponse:
    """Append a published FAQ entry's answer (① and its ② organisations from the directory) and record the use.

    Like the canned-text insert without the script: the whole answer form comes here, the typing is kept, and
    the draft is saved with the FAQ text under the optimistic lock, in one transaction with the usage record.
    """
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_DRAFT)
    faq = None
    raw = request.POST.get("faq", "")
    if raw.isdigit():
        faq = faq_selectors.usable_faqs().filter(pk=int(raw)).first()
    initial = _typed_initial(request.POST)
    if faq is None:
        messages.error(request, _("挿入するよくある質問を選んでください。"))
        return render_detail(request, case, bound={"answer_form": AnswerDraftForm(initial=initial)}, status=400)
    initial["measures"] = "\n\n".join(part for part in (initial.get("measures", "").rstrip(), faq.measures) if part)
    organizations = list(faq.referrals.order_by("name"))
    if organizations:
        text = referrals_text(organizations=organizations, today=timezone.localdate())
        initial["referrals"] = "\n\n".join(part for part in (initial.get("referrals", "").rstrip(), text) if part)
    form = _typed_form(_as_post(initial))
    if not form.is_valid():
        return render_detail(request, case, bound={"answer_form": form, "open_tab": "answer_form"}, status=400)
    try:
        with transaction.atomic():
            _save(request, case, form)
            faq_services.faq_record_use(actor=request.user, faq=faq, case=case)
    except DomainError as exc:
        return _refused(request, case, form, exc)
    messages.success(
        request, _("よくある質問「%(title)s」の回答例を回答に入れ、回答案を保存しました。") % {"title": faq.title}
    )
    return redirect(f"{case.get_absolute_url()}#answer")


def _typed_initial(data: QueryDict) -> dict[str, Any]:
    prefix = AnswerDraftForm.prefix
    return {name: data.get(f"{prefix}-{name}", "") for name in ("version", "measures", "referrals", "channel")}


def _as_post(initial: dict[str, Any]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in initial.items():
        data[f"{AnswerDraftForm.prefix}-{key}"] = "" if value is None else str(value)
    return data


@require_POST
@require_action(Action.ANSWER_DRAFT)
def submit(request: StaffRequest, reference: str) -> HttpResponse:
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_DRAFT)
    if AnswerDraftForm.prefix + "-measures" in request.POST:
        # The button belongs to the editor: what is on the screen is what the manager will review.
        form = AnswerDraftForm(request.POST)
        if not form.is_valid():
            return render_detail(request, case, bound={"answer_form": form, "open_tab": "answer_form"}, status=400)
        d = form.cleaned_data
        try:
            services.answer_save_and_submit(
                actor=request.user,
                case=case,
                measures=d["measures"],
                referrals=d["referrals"],
                channel=d["channel"],
                expected_version=d["version"],
            )
        except DomainError as exc:
            return _refused(request, case, form, exc)
        messages.success(request, _("回答案を保存し、承認を依頼しました。"))
        return redirect("cases:detail", reference=reference)
    return _simple(
        request,
        reference,
        Action.ANSWER_DRAFT,
        lambda d: services.answer_submit_for_approval(actor=request.user, draft=d),
        _("承認を依頼しました。"),
    )


def _simple(request: StaffRequest, reference: str, action: Action, run: Any, success: str) -> HttpResponse:
    draft = _draft_for(request, reference, action)
    try:
        run(draft)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("cases:detail", reference=reference)


@require_POST
@require_action(Action.ANSWER_APPROVE)
def review(request: StaffRequest, reference: str) -> HttpResponse:
    draft = _draft_for(request, reference, Action.ANSWER_APPROVE)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.answer_approve(actor=request.user, draft=draft, comment=form.cleaned_data["comment"])
                messages.success(request, _("回答案を承認しました。"))
            else:
                services.answer_reject(actor=request.user, draft=draft, comment=form.cleaned_data["comment"])
                messages.success(request, _("回答案を差し戻しました。"))
        except DomainError as exc:
            form.add_error("comment", exc.message)
        else:
            return redirect("cases:detail", reference=reference)
    return render_detail(request, draft.case, bound={"review_form": form, "open_tab": "review_form"}, status=400)


def _sent_message(draft: AnswerDraft) -> str:
    if draft.channel == AnswerChannel.EMAIL:
        return _("回答メールを送信待ちに入れました。送信状況は「送信メール」で確認できます。")
    return _("%(channel)sで回答したことを記録しました。") % {"channel": draft.get_channel_display()}


@require_POST
@require_action(Action.ANSWER_SEND)
def send(request: StaffRequest, reference: str) -> HttpResponse:
    """Record or send exactly what is on the screen.

    From the editor the texts come along and are saved first (optimistic lock). An e-mail answer then goes
    to the preview, and only the confirmation of that previewed version queues the mail.
    """
    case = access_case(user=request.user, reference=reference, action=Action.ANSWER_SEND)
    if AnswerDraftForm.prefix + "-measures" in request.POST:
        form = AnswerDraftForm(request.POST)
        if not form.is_valid():
            return render_detail(request, case, bound={"answer_form": form, "open_tab": "answer_form"}, status=400)
        d = form.cleaned_data
        try:
            if d["channel"] == AnswerChannel.EMAIL:
                _save(request, case, form, before_action=True)
                return redirect(_preview_url(reference))
            draft = services.answer_save_and_send(
                actor=request.user,
                case=case,
                measures=d["measures"],
                referrals=d["referrals"],
                channel=d["channel"],
                expected_version=d["version"],
            )
        except DomainError as exc:
            return _refused(request, case, form, exc)
        messages.success(request, _sent_message(draft))
        return redirect("cases:detail", reference=reference)
    draft = _draft_for(request, reference, Action.ANSWER_SEND)
    if draft.channel == AnswerChannel.EMAIL and request.POST.get("confirm") != "1":
        return redirect(_preview_url(reference))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, _("画面が古くなっています。読み込み直してから、もう一度操作してください。"))
        return redirect("cases:detail", reference=reference)
    try:
        services.answer_send_version(actor=request.user, draft=draft, expected_version=version)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("cases:detail", reference=reference)
    messages.success(request, _sent_message(draft))
    return redirect("cases:detail", reference=reference)


def _preview_url(reference: str) -> str:
    return reverse("answers:preview", kwargs={"reference": reference}) + "#answer-preview"


@require_GET
@require_action(Action.ANSWER_SEND)
def preview(request: StaffRequest, reference: str) -> HttpResponse:
    """The answer mail as the consulter will receive it, to confirm before it is queued."""
    draft = _draft_for(request, reference, Action.ANSWER_SEND)
    if draft.channel != AnswerChannel.EMAIL:
        return redirect("cases:detail", reference=reference)
    audit.record(action=AuditAction.VIEW_PERSONAL_DATA, request=request, target=draft.case)
    mail = services.answer_mail_preview(draft=draft)
    bound = {"answer_preview": mail, "preview_to": draft.case.person.email if draft.case.person else ""}
    return render_detail(request, draft.case, bound=bound)


@require_GET
@require_action(Action.ANSWER_SEND)
def outbox_list(request: StaffRequest) -> HttpResponse:
    rows = OutboundEmail.objects.filter(
        case__in=visible_cases(user=request.user).values("pk")
    ) | OutboundEmail.objects.filter(case__isnull=True)
    status = request.GET.get("status", "")
    if status in OutboundStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.select_related("case").order_by("-created_at"), 50).get_page(request.GET.get("page"))
    return render(request, "staff/answers/outbox.html", {"page": page, "status": status, "Statuses": OutboundStatus})


@require_POST
@require_action(Action.ANSWER_SEND)
def outbox_retry(request: StaffRequest, pk: int) -> HttpResponse:
    rows = OutboundEmail.objects.filter(case__in=visible_cases(user=request.user).values("pk"), pk=pk)
    row = rows.first()
    if row is None or row.status not in {OutboundStatus.FAILED, OutboundStatus.PENDING}:
        raise Http404
    outbox.retry_now(row=row)
    messages.success(request, _("再送信を予約しました。"))
    return redirect("answers:outbox")
