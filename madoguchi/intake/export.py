"""The portable JSON Lines export of every consultation (docs/export-format.md): streamed, constant memory."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.models import Case, CaseEvent, Organization, Person
from madoguchi.intake.models import Attachment, InboundMessage

FORMAT = "madoguchi-consultation/1"
CHUNK = 500


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _organization(org: Organization | None) -> dict[str, Any] | None:
    if org is None:
        return None
    return {
        "id": org.pk,
        "name": org.name,
        "industry": org.industry,
        "employee_band": org.employee_band,
        "prefecture": org.prefecture,
        "municipality": org.municipality,
        "phone": org.phone,
    }


def _person(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "id": person.pk,
        "name": person.name,
        "name_kana": person.name_kana,
        "role_title": person.role_title,
        "phone": person.phone,
        "email": person.email,
    }


def _event(event: CaseEvent) -> dict[str, Any]:
    return {
        "at": _iso(event.at),
        "kind": event.kind,
        "actor": event.actor.get_username() if event.actor else None,
        "text": event.text,
        "data": event.data,
    }


def _message(message: InboundMessage) -> dict[str, Any]:
    return {
        "message_id": message.message_id,
        "status": message.status,
        "transport": message.transport,
        "received_at": _iso(message.received_at),
        "sent_at": _iso(message.sent_at),
        "from_name": message.from_name,
        "from_address": message.from_address,
        "to": message.to,
        "cc": message.cc,
        "subject": message.subject,
        "text": message.text_body,
        "text_source": message.text_body_source,
        "in_reply_to": message.in_reply_to,
        "raw_sha256": message.raw_sha256,
        "raw_size": message.raw_size,
        "problems": message.problems,
        "skipped_parts": message.skipped_parts,
    }


def _attachment(attachment: Attachment) -> dict[str, Any]:
    return {
        "filename": attachment.filename,
        "source": attachment.source,
        "message_id": attachment.inbound_message.message_id if attachment.inbound_message else None,
        "content_type": attachment.content_type,
        "sniffed_type": attachment.sniffed_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "is_forwarded_message": attachment.is_forwarded_message,
    }


def _outbound(row: OutboundEmail) -> dict[str, Any]:
    return {
        "message_id": row.message_id,
        "kind": row.kind,
        "to": row.to,
        "subject": row.subject,
        "text": row.body_text,
        "status": row.status,
        "created_at": _iso(row.created_at),
        "sent_at": _iso(row.sent_at),
    }


def case_record(case: Case) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "reference": case.reference,
        "channel": case.channel,
        "received_at": _iso(case.received_at),
        "status": case.status,
        "tier": case.tier,
        "category": case.category,
        "urgency": case.urgency,
        "police_referral": case.police_referral,
        "subject": case.subject,
        "body": case.body,
        "assessment": case.assessment,
        "resolution": case.resolution,
        "aware_at": _iso(case.aware_at),
        "first_response_due_at": _iso(case.first_response_due_at),
        "first_contact_at": _iso(case.first_response_at),
        "closed_at": _iso(case.closed_at),
        "merged_into": case.merged_into.reference if case.merged_into else None,
        "assignee": case.assignee.get_username() if case.assignee else None,
        "created_by": case.created_by.get_username() if case.created_by else None,
        "tags": sorted(t.name for t in case.tags.all()),
        "organization": _organization(case.organization),
        "person": _person(case.person),
        "events": [_event(e) for e in case.events.all()],
        "messages": [_message(m) for m in case.inbound_messages.all()],
        "attachments": [_attachment(a) for a in case.attachments.all()],
        "outbound_emails": [_outbound(o) for o in case.outbound_emails.all()],
    }


def iter_records() -> Iterator[dict[str, Any]]:
    """Every case, oldest first, read in keyset-paginated chunks so memory stays flat at any size."""
    last_pk = 0
    base = Case.objects.select_related(
        "organization", "person", "assignee", "created_by", "merged_into"
    ).prefetch_related(
        "tags",
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor").order_by("at", "id")),
        Prefetch("inbound_messages", queryset=InboundMessage.objects.order_by("received_at", "id")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("inbound_message").order_by("id")),
        Prefetch("outbound_emails", queryset=OutboundEmail.objects.order_by("created_at", "id")),
    )
    while True:
        chunk = list(base.filter(pk__gt=last_pk).order_by("pk")[:CHUNK])
        if not chunk:
            return
        for case in chunk:
            yield case_record(case)
        last_pk = chunk[-1].pk


def iter_lines() -> Iterator[str]:
    for record in iter_records():
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
