"""Outreach write path: guidebook mailing requests and stock, seminars and on-site visits, the materials library."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, require
from madoguchi.answers import mailtext, outbox
from madoguchi.answers.models import MailTemplateCode, OutboundKind
from madoguchi.cases import events as case_events
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import PREFECTURES, Channel, EventKind
from madoguchi.cases.models import Case
from madoguchi.core import datadir
from madoguchi.core.errors import DomainError, TransitionNotAllowed
from madoguchi.intake import storage
from madoguchi.intake.mail import sniff_type
from madoguchi.outreach.models import (
    ALLOWED_TRANSITIONS,
    GuidebookEdition,
    GuidebookRequest,
    Material,
    MaterialKind,
    MaterialVersion,
    OutreachEvent,
    RequestCounter,
    RequestSource,
    RequestStatus,
    RequestStatusChange,
    ShippingMethod,
)
from madoguchi.taxonomy import services as taxonomy_services
from madoguchi.taxonomy.models import Term

REFERENCE_PREFIX = "GB"


def max_copies() -> int:
    return int(settings.MADOGUCHI_GUIDEBOOK_MAX_COPIES)


def next_request_reference(*, year: int) -> str:
    """Issue the next request number (GB-2026-00001); must run inside the caller's transaction."""
    counter, _created = RequestCounter.objects.select_for_update().get_or_create(year=year)
    RequestCounter.objects.filter(year=year).update(last_value=F("last_value") + 1)
    counter.refresh_from_db()
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_value:05d}"


@dataclass(frozen=True)
class RequestData:
    """What a request says, already normalised by the form (postal code 123-4567, NFKC text)."""

    edition: GuidebookEdition
    copies: int
    organization: str
    person_name: str
    postal_code: str
    prefecture: str
    address: str
    department: str = ""
    phone: str = ""
    email: str = ""
    purpose: str = ""


def _check(data: RequestData) -> None:
    # The form says the same next to each field; the service refuses whatever path the data took.
    if data.copies < 1 or data.copies > max_copies():
        raise DomainError(
            _("部数は1〜%(max)d部の範囲で入力してください。") % {"max": max_copies()},
            field="copies",
        )
    if data.prefecture not in PREFECTURES:
        raise DomainError(_("都道府県を選んでください。"), field="prefecture")
    if not re.fullmatch(r"[0-9]{3}-[0-9]{4}", data.postal_code):
        raise DomainError(_("郵便番号は7桁の数字で入力してください。"), field="postal_code")
    if not data.edition.is_active:
        raise DomainError(_("この版は現在受け付けていません。"), field="edition")


def _record(request: GuidebookRequest, *, actor: User | None, from_status: str, note: str = "") -> None:
    RequestStatusChange.objects.create(
        request=request,
        from_status=from_status,
        to_status=request.status,
        at=timezone.now(),
        actor=actor,
        note=note[:500],
    )


@transaction.atomic
def guidebook_request_create(
    *,
    actor: User | None,
    source: RequestSource,
    data: RequestData,
    case: Case | None = None,
    received_at: dt.datetime | None = None,
) -> GuidebookRequest:
    """One request, from the public form (actor None), a consultation, or staff entry."""
    require(actor, Action.GUIDEBOOK_MANAGE, system=source == RequestSource.PUBLIC_FORM)
    if source == RequestSource.PUBLIC_FORM and actor is not None:
        raise DomainError(_("Webの申込は職員の操作として記録できません。"))
    if source == RequestSource.CASE and case is None:
        raise DomainError(_("相談案件を指定してください。"))
    _check(data)
    received_at = received_at or timezone.now()
    request = GuidebookRequest.objects.create(
        reference=next_request_reference(year=timezone.localtime(received_at).year),
        source=source,
        status=RequestStatus.RECEIVED,
        edition=data.edition,
        copies=data.copies,
        organization=data.organization,
        department=data.department,
        person_name=data.person_name,
        postal_code=data.postal_code,
        prefecture=data.prefecture,
        address=data.address,
        phone=data.phone,
        email=data.email,
        purpose=data.purpose,
        case=case,
        received_at=received_at,
        created_by=actor,
    )
    _record(request, actor=actor, from_status="")
    if case is not None:
        case_events.generic(
            case=case,
            actor=actor,
            kind=EventKind.GUIDEBOOK_REQUEST,
            text=_("ガイドブック送付依頼 %(ref)s を作成しました（%(copies)d部）。")
            % {"ref": request.reference, "copies": request.copies},
            request=request.reference,
        )
    return request


def _shipped_mail(request: GuidebookRequest, *, actor: User) -> None:
    if not request.email:
        return
    text = mailtext.render(
        code=MailTemplateCode.GUIDEBOOK_SHIPPED,
        context={
            "reference": request.reference,
            "person_name": request.person_name,
            "organization_name": request.organization,
            "edition": request.edition.name,
            "copies": request.copies,
            "shipped_on": f"{request.shipped_on:%Y年%m月%d日}" if request.shipped_on else "",
            "shipping_method": request.get_shipping_method_display(),
        },
    )
    # The outbox is a table: the mail is queued in this transaction and leaves only if the shipment commits.
    outbox.enqueue(kind=OutboundKind.OTHER, to=[request.email], subject=text.subject, body_text=text.body, actor=actor)


@transaction.atomic
def guidebook_request_transition(
    *,
    actor: User,
    request: GuidebookRequest,
    to: str,
    note: str = "",
    shipped_on: dt.date | None = None,
    shipping_method: str = "",
) -> GuidebookRequest:
    """Move a request along ALLOWED_TRANSITIONS; shipping takes the copies from the edition's stock."""
    require(actor, Action.GUIDEBOOK_MANAGE)
    locked = GuidebookRequest.objects.select_for_update().select_related("edition").get(pk=request.pk)
    if to not in ALLOWED_TRANSITIONS.get(locked.status, frozenset()):
        raise TransitionNotAllowed(
            _("「%(from)s」から「%(to)s」には変更できません。")
            % {"from": locked.get_status_display(), "to": RequestStatus(to).label if to in RequestStatus else to}
        )
    if to == RequestStatus.CANCELLED and not note.strip():
        raise DomainError(_("取消の理由を入力してください。"), field="note")
    from_status = locked.status
    if to == RequestStatus.SHIPPED:
        if shipped_on is None:
            raise DomainError(_("発送日を入力してください。"), field="shipped_on")
        if shipping_method not in ShippingMethod.values:
            raise DomainError(_("発送方法を選んでください。"), field="shipping_method")
        # The conditional UPDATE is the stock check: two shipments can never both take the last copies.
        taken = GuidebookEdition.objects.filter(pk=locked.edition_id, stock__gte=locked.copies).update(
            stock=F("stock") - locked.copies
        )
        if not taken:
            locked.edition.refresh_from_db()
            raise DomainError(
                _("在庫が足りません（%(edition)s: 在庫%(stock)d部、必要%(copies)d部）。")
                % {"edition": locked.edition.name, "stock": locked.edition.stock, "copies": locked.copies}
                + _("在庫を補充してから発送してください。"),
                field="copies",
            )
        locked.shipped_on = shipped_on
        locked.shipping_method = shipping_method
    locked.status = to
    locked.save(update_fields=["status", "shipped_on", "shipping_method", "updated_at"])
    _record(locked, actor=actor, from_status=from_status, note=note)
    if to == RequestStatus.SHIPPED:
        locked.edition.refresh_from_db()
        _shipped_mail(locked, actor=actor)
    return locked


@dataclass
class BulkResult:
    done: list[str]
    refused: list[tuple[str, str]]


def guidebook_requests_transition(
    *,
    actor: User,
    requests: Iterable[GuidebookRequest],
    to: str,
    shipped_on: dt.date | None = None,
    shipping_method: str = "",
) -> BulkResult:
    """The shipping list's bulk action: each request on its own, so one refusal does not undo the others."""
    require(actor, Action.GUIDEBOOK_MANAGE)
    result = BulkResult(done=[], refused=[])
    for request in requests:
        try:
            guidebook_request_transition(
                actor=actor, request=request, to=to, shipped_on=shipped_on, shipping_method=shipping_method
            )
        except DomainError as exc:
            result.refused.append((request.reference, exc.message))
        else:
            result.done.append(request.reference)
    return result


@transaction.atomic
def edition_create(
    *, actor: User, name: str, published_on: dt.date, stock: int, low_stock_threshold: int
) -> GuidebookEdition:
    require(actor, Action.GUIDEBOOK_STOCK)
    if GuidebookEdition.objects.filter(name=name).exists():
        raise DomainError(_("同じ名称の版があります。"), field="name")
    return GuidebookEdition.objects.create(
        name=name, published_on=published_on, stock=stock, low_stock_threshold=low_stock_threshold
    )


@transaction.atomic
def edition_restock(*, actor: User, edition: GuidebookEdition, added: int) -> GuidebookEdition:
    """Copies delivered by the printer are added (never set), so a shipment at the same moment is not lost."""
    require(actor, Action.GUIDEBOOK_STOCK)
    if added < 1:
        raise DomainError(_("追加する部数を1以上で入力してください。"), field="added")
    GuidebookEdition.objects.filter(pk=edition.pk).update(stock=F("stock") + added)
    edition.refresh_from_db()
    return edition


# --- seminars and on-site visits ---


@dataclass(frozen=True)
class EventData:
    topic: str
    starts_at: dt.datetime
    organiser: str
    ends_at: dt.datetime | None = None
    venue: str = ""
    online: bool = False
    co_organisers: str = ""
    speakers: str = ""
    participants: int | None = None
    satisfied: int = 0
    rather_satisfied: int = 0
    rather_dissatisfied: int = 0
    dissatisfied: int = 0
    notes: str = ""


def _check_event(data: EventData) -> None:
    if data.ends_at is not None and data.ends_at < data.starts_at:
        raise DomainError(_("終了日時は開始日時より後にしてください。"), field="ends_at")
    if not data.online and not data.venue.strip():
        raise DomainError(_("会場を入力するか、オンライン開催を選んでください。"), field="venue")
    answered = data.satisfied + data.rather_satisfied + data.rather_dissatisfied + data.dissatisfied
    if data.participants is not None and answered > data.participants:
        raise DomainError(_("アンケートの回答数が参加者数を超えています。"), field="satisfied")


def _event_fields(data: EventData) -> dict[str, object]:
    return {
        "topic": data.topic,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "venue": data.venue,
        "online": data.online,
        "organiser": data.organiser,
        "co_organisers": data.co_organisers,
        "speakers": data.speakers,
        "participants": data.participants,
        "satisfied": data.satisfied,
        "rather_satisfied": data.rather_satisfied,
        "rather_dissatisfied": data.rather_dissatisfied,
        "dissatisfied": data.dissatisfied,
        "notes": data.notes,
    }


@transaction.atomic
def seminar_create(*, actor: User, data: EventData, material_versions: Iterable[MaterialVersion] = ()) -> OutreachEvent:
    require(actor, Action.OUTREACH_EDIT)
    _check_event(data)
    event = OutreachEvent.objects.create(kind="seminar", created_by=actor, **_event_fields(data))
    event.materials.set(list(material_versions))
    return event


@transaction.atomic
def event_update(
    *, actor: User, event: OutreachEvent, data: EventData, material_versions: Iterable[MaterialVersion] = ()
) -> OutreachEvent:
    require(actor, Action.OUTREACH_EDIT)
    _check_event(data)
    OutreachEvent.objects.filter(pk=event.pk).update(**_event_fields(data))
    event.refresh_from_db()
    event.materials.set(list(material_versions))
    return event


@dataclass(frozen=True)
class VisitConsultation:
    """The consultation held on the visit, recorded like any other (channel 出張相談)."""

    subject: str
    body: str
    org_name: str
    person_name: str = ""
    phone: str = ""
    email: str = ""
    prefecture: str = "東京都"
    municipality: str = ""


@transaction.atomic
def onsite_visit_record(
    *,
    actor: User,
    data: EventData,
    consultation: VisitConsultation,
    material_versions: Iterable[MaterialVersion] = (),
) -> OutreachEvent:
    """出張相談・個別助言: the visit (date, place, numbers) and its consultation, created through cases."""
    require(actor, Action.OUTREACH_EDIT)
    _check_event(data)
    case = case_services.case_create(
        actor=actor,
        channel=Channel.VISIT,
        subject=consultation.subject,
        body=consultation.body,
        received_at=data.starts_at,
        organization=case_services.OrganizationData(
            name=consultation.org_name, prefecture=consultation.prefecture, municipality=consultation.municipality
        ),
        person=case_services.PersonData(
            name=consultation.person_name, phone=consultation.phone, email=consultation.email
        ),
    )
    case_events.generic(
        case=case,
        actor=actor,
        kind=EventKind.NOTE,
        text=_("出張相談（%(venue)s）で受け付けました。") % {"venue": data.venue or _("オンライン")},
    )
    event = OutreachEvent.objects.create(kind="onsite", created_by=actor, case=case, **_event_fields(data))
    event.materials.set(list(material_versions))
    return event


@transaction.atomic
def event_link_case(*, actor: User, event: OutreachEvent, case: Case) -> OutreachEvent:
    """A consultation that followed the event (the consulter heard of the desk there)."""
    require(actor, Action.OUTREACH_EDIT)
    if event.case_id == case.pk:
        raise DomainError(_("この出張相談の記録そのものです。"), field="reference")
    event.follow_up_cases.add(case)
    return event


# --- materials library ---

# Sniffed MIME type the bytes must have for each kind; Markdown is text, which has no magic number.
_EXPECTED_TYPE = {
    MaterialKind.PDF: ("application/pdf", {"pdf"}),
    MaterialKind.PPTX: ("application/vnd.openxmlformats-officedocument.presentationml.presentation", {"pptx"}),
    MaterialKind.DOCX: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}),
}
MAX_MATERIAL_BYTES = 50 * 1024 * 1024


def check_material_file(*, kind: str, filename: str, data: bytes) -> str:
    """The content type to store, judged by the bytes; raises DomainError naming the file otherwise."""
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    if not data:
        raise DomainError(_("「%(name)s」は空のファイルです。") % {"name": filename}, field="file")
    if len(data) > MAX_MATERIAL_BYTES:
        raise DomainError(_("「%(name)s」は大きすぎます（50MBまで）。") % {"name": filename}, field="file")
    sniffed, _ext = sniff_type(payload=data)
    if kind == MaterialKind.MARKDOWN:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            sniffed = sniffed or "application/octet-stream"
        if sniffed is not None or extension not in {"md", "markdown"}:
            raise DomainError(
                _("「%(name)s」はMarkdown（UTF-8のテキスト、拡張子 .md）ではありません。") % {"name": filename},
                field="file",
            )
        return "text/markdown"
    expected, extensions = _EXPECTED_TYPE[MaterialKind(kind)]
    if sniffed != expected or extension not in extensions:
        raise DomainError(
            _("「%(name)s」は、選んだ形式（%(kind)s）のファイルではありません。")
            % {"name": filename, "kind": MaterialKind(kind).label},
            field="file",
        )
    return expected


def _store_version(
    *, actor: User, material: Material, filename: str, data: bytes, change_note: str, number: int
) -> MaterialVersion:
    content_type = check_material_file(kind=material.kind, filename=filename, data=data)
    if not change_note.strip():
        raise DomainError(_("変更内容を入力してください。"), field="change_note")
    sha256, relative = storage.store_attachment(data=data)
    MaterialVersion.objects.filter(material=material, is_current=True).update(is_current=False)
    return MaterialVersion.objects.create(
        material=material,
        number=number,
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=sha256,
        stored_path=relative,
        change_note=change_note,
        author=actor,
        created_at=timezone.now(),
        is_current=True,
    )


@datadir.files_removed_on_error()
@transaction.atomic
def material_create(
    *,
    actor: User,
    title: str,
    kind: str,
    filename: str,
    data: bytes,
    change_note: str,
    description: str = "",
    tags: str = "",
) -> Material:
    require(actor, Action.OUTREACH_EDIT)
    if kind not in MaterialKind.values:
        raise DomainError(_("形式を選んでください。"), field="kind")
    material = Material.objects.create(
        title=title, kind=kind, description=description, tags=tags, created_at=timezone.now()
    )
    _store_version(actor=actor, material=material, filename=filename, data=data, change_note=change_note, number=1)
    return material


@datadir.files_removed_on_error()
@transaction.atomic
def material_version_add(
    *, actor: User, material: Material, filename: str, data: bytes, change_note: str
) -> MaterialVersion:
    """A new file becomes the current version; earlier versions stay, for the events that used them."""
    require(actor, Action.OUTREACH_EDIT)
    locked = Material.objects.select_for_update().get(pk=material.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return _store_version(
        actor=actor, material=locked, filename=filename, data=data, change_note=change_note, number=last + 1
    )


@transaction.atomic
def material_classify(*, actor: User, material: Material, term: Term, remove: bool = False) -> Material:
    """Classification terms (taxonomy) on a material, e.g. the guidebook MISSION or the NIST CSF function it covers."""
    require(actor, Action.OUTREACH_EDIT)
    if remove:
        taxonomy_services.unclassify(actor=actor, obj=material, term=term)
    else:
        taxonomy_services.classify(actor=actor, obj=material, term=term)
    return material
