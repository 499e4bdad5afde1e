"""Data retention (個人情報の保存期間): after its period a finished record loses its personal data, its statistics stay.

What is removed and what is kept is written in ADR 0027 (docs/adr/). Rows are anonymised with
queryset updates because the timeline and answer revisions are otherwise append-only: retention is the one
sanctioned exception, and every run is audit-logged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.answers.models import AnswerDraft, AnswerRevision, OutboundEmail
from madoguchi.cases.extensions import CaseSaved
from madoguchi.cases.models import Callback, Case, CaseEvent, ExternalInquiry, Organization, Person
from madoguchi.cases.workflow import Status
from madoguchi.intake import storage
from madoguchi.intake.models import Attachment, InboundMessage
from madoguchi.knowledge.case_index import index_case
from madoguchi.reports.models import AnonymisedRecord, RetentionPolicy
from madoguchi.reports.registry import RetentionType, retention_types

REMOVED = "（保存期間経過のため削除）"
CONSULTATION = "consultation"
INBOUND_MAIL = "inbound_mail"
# Timeline events whose `data` holds only codes (statuses, categories), which the timeline still shows.
_CODE_ONLY_EVENTS = {"status", "triage", "dispatch", "assign", "police_flag", "merged"}


def _not_anonymised(queryset: QuerySet[Case] | QuerySet[InboundMessage], record_type: str) -> QuerySet:  # type: ignore[type-arg]
    done = AnonymisedRecord.objects.filter(record_type=record_type).values_list("object_id", flat=True)
    return queryset.exclude(pk__in=[int(x) for x in done])


def due_consultations(cutoff: dt.datetime) -> QuerySet[Case]:
    finished = Q(status=Status.CLOSED, closed_at__lt=cutoff) | Q(status=Status.MERGED, updated_at__lt=cutoff)
    return _not_anonymised(Case.objects.filter(finished), CONSULTATION).order_by("pk")


def due_mails(cutoff: dt.datetime) -> QuerySet[InboundMessage]:
    """Mail never filed on a consultation (dismissed, quarantined, auto-replies); filed mail goes with its case."""
    return _not_anonymised(
        InboundMessage.objects.filter(case__isnull=True, received_at__lt=cutoff), INBOUND_MAIL
    ).order_by("pk")


def _remove_attachment_files(attachments: QuerySet[Attachment]) -> None:
    rows = list(attachments.values_list("pk", "stored_path"))
    attachments.delete()
    for _pk, stored in rows:
        # Content-addressed: the same bytes may belong to another, still kept attachment.
        if stored and not Attachment.objects.filter(stored_path=stored).exists():
            Path(settings.MEDIA_ROOT, stored).unlink(missing_ok=True)


def anonymise_mail(message: InboundMessage) -> None:
    _remove_attachment_files(Attachment.objects.filter(inbound_message=message))
    InboundMessage.objects.filter(pk=message.pk).update(
        subject=REMOVED,
        from_name="",
        from_address="",
        to="",
        cc="",
        in_reply_to="",
        references="",
        text_body="",
        html_body="",
        skipped_parts=[],
        auto_reply_reason="",
        quarantine_reason="",
        quarantine_params={},
        dismiss_reason="",
    )
    if (
        message.raw_sha256
        and not (
            InboundMessage.objects.filter(raw_sha256=message.raw_sha256).exclude(pk=message.pk).exclude(subject=REMOVED)
        ).exists()
    ):
        storage.discard_raw(sha256=message.raw_sha256)
    AnonymisedRecord.objects.get_or_create(
        record_type=INBOUND_MAIL, object_id=str(message.pk), defaults={"anonymised_at": timezone.now()}
    )


def _others_keep(person_or_org: str, pk: int, case: Case) -> bool:
    anonymised = AnonymisedRecord.objects.filter(record_type=CONSULTATION).values_list("object_id", flat=True)
    others = Case.objects.filter(**{person_or_org: pk}).exclude(pk=case.pk)
    return others.exclude(pk__in=[int(x) for x in anonymised]).exists()


def anonymise_case(case: Case) -> None:
    person_id, organization_id = case.person_id, case.organization_id
    Case.objects.filter(pk=case.pk).update(subject=REMOVED, body="", assessment="", resolution="", person=None)
    CaseEvent.objects.filter(case=case).exclude(kind__in=_CODE_ONLY_EVENTS).update(text="", data={})
    CaseEvent.objects.filter(case=case, kind__in=_CODE_ONLY_EVENTS).update(text="")
    Callback.objects.filter(case=case).update(phone="", note="", outcome="")
    ExternalInquiry.objects.filter(case=case).update(contact_person="", question=REMOVED, response="")
    AnswerRevision.objects.filter(draft__case=case).update(measures="", referrals="")
    AnswerDraft.objects.filter(case=case).update(measures="", referrals="", review_comment="")
    OutboundEmail.objects.filter(case=case).update(to=[], cc=[], subject=REMOVED, body_text="", body_html="")
    for message in InboundMessage.objects.filter(case=case):
        anonymise_mail(message)
    _remove_attachment_files(Attachment.objects.filter(case=case))
    AnonymisedRecord.objects.get_or_create(
        record_type=CONSULTATION, object_id=str(case.pk), defaults={"anonymised_at": timezone.now()}
    )
    if person_id and not _others_keep("person", person_id, case):
        Person.objects.filter(pk=person_id).update(
            name=REMOVED, name_kana="", role_title="", phone="", phone_key="", email="", email_key=""
        )
    if organization_id and not _others_keep("organization", organization_id, case):
        # Industry, size and area stay: the statistics count by them.
        Organization.objects.filter(pk=organization_id).update(name=REMOVED, name_key="", phone="", notes="")
    case.refresh_from_db()
    # The search index held the consultation's words.
    index_case(CaseSaved(case=case, actor=None, changed=frozenset({"subject", "body"})))


BUILTIN = [
    RetentionType(
        key=CONSULTATION,
        label=_("相談案件（完了後）"),
        default_months=60,
        due=due_consultations,
        anonymise=anonymise_case,
    ),
    RetentionType(
        key=INBOUND_MAIL,
        label=_("案件に紐付かない受信メール（受信後）"),
        default_months=12,
        due=due_mails,
        anonymise=anonymise_mail,
    ),
]


def record_types() -> list[RetentionType]:
    return retention_types(BUILTIN)


def policies() -> list[tuple[RetentionType, int]]:
    """Every record type with its period in months: the stored one, else the type's default."""
    stored = dict(RetentionPolicy.objects.values_list("record_type", "months"))
    return [(t, stored.get(t.key, t.default_months)) for t in record_types()]


def cutoff_for(*, months: int, now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    year, month = divmod(local.year * 12 + local.month - 1 - months, 12)
    day = min(local.day, 28)
    return local.replace(year=year, month=month + 1, day=day)


def due_records(record_type: RetentionType, cutoff: dt.datetime) -> list[Any]:
    """The type's records past `cutoff` that no earlier run anonymised (contributed types need not track that)."""
    done = set(AnonymisedRecord.objects.filter(record_type=record_type.key).values_list("object_id", flat=True))
    return [obj for obj in record_type.due(cutoff) if str(obj.pk) not in done]


def anonymise_record(record_type: RetentionType, obj: Any) -> None:
    record_type.anonymise(obj)
    AnonymisedRecord.objects.get_or_create(
        record_type=record_type.key, object_id=str(obj.pk), defaults={"anonymised_at": timezone.now()}
    )
