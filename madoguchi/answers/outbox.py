"""The outbox: enqueue mail inside the caller's transaction; deliver later with retries and backoff."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.answers.models import AnswerDraft, OutboundEmail, OutboundKind, OutboundStatus
from madoguchi.cases.models import Case

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Minutes to wait after the n-th failure: quick first retries, then spread over about a day.
BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720]


def new_message_id(*, case: Case | None) -> str:
    local = f"{case.reference}." if case else ""
    return f"<{local}{secrets.token_hex(8)}@{settings.MADOGUCHI_MAIL_DOMAIN}>"


def subject_with_reference(*, case: Case | None, subject: str) -> str:
    if case is None or case.reference in subject:
        return subject
    return f"[{case.reference}] {subject}"


def enqueue(
    *,
    kind: OutboundKind,
    to: Sequence[str],
    subject: str,
    body_text: str,
    case: Case | None = None,
    body_html: str = "",
    in_reply_to: str = "",
    references: str = "",
    actor: User | None = None,
    headers: dict[str, str] | None = None,
    answer: AnswerDraft | None = None,
) -> OutboundEmail:
    # An answer mail names its draft (a database constraint insists), so only answer_send, which checks the
    # approval, can queue one.
    return OutboundEmail.objects.create(
        answer=answer,
        kind=kind,
        case=case,
        to=list(to),
        subject=subject_with_reference(case=case, subject=subject),
        body_text=body_text,
        body_html=body_html,
        message_id=new_message_id(case=case),
        in_reply_to=in_reply_to,
        references=references,
        extra_headers=dict(headers or {}),
        next_attempt_at=timezone.now(),
        created_by=actor,
    )


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0


def _claim_due(limit: int) -> list[OutboundEmail]:
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(status=OutboundStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")[:limit]
        )
        # Push the rows into the future so a parallel worker does not pick them up too: long enough for this worker
        # to try every claimed row even if each one runs into the SMTP timeout.
        lease = dt.timedelta(seconds=max(300, limit * (settings.EMAIL_TIMEOUT + 5)))
        OutboundEmail.objects.filter(pk__in=[r.pk for r in rows]).update(next_attempt_at=now + lease)
    return rows


def _to_message(row: OutboundEmail) -> EmailMultiAlternatives:
    headers = {**row.extra_headers, "Message-ID": row.message_id}
    if row.in_reply_to:
        headers["In-Reply-To"] = row.in_reply_to
    if row.references:
        headers["References"] = row.references
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=row.to,
        cc=row.cc,
        headers=headers,
    )
    message.encoding = "utf-8"
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def send_due(*, limit: int = 50) -> SendReport:
    report = SendReport()
    rows = _claim_due(limit)
    if not rows:
        return report
    connection = get_connection(fail_silently=False)
    for row in rows:
        row.attempts += 1
        try:
            connection.send_messages([_to_message(row)])
        except Exception as exc:  # noqa: BLE001 - any transport failure is retried, never lost
            row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if row.attempts >= MAX_ATTEMPTS:
                row.status = OutboundStatus.FAILED
                report.gave_up += 1
            else:
                delay = BACKOFF_MINUTES[min(row.attempts - 1, len(BACKOFF_MINUTES) - 1)]
                row.next_attempt_at = timezone.now() + dt.timedelta(minutes=delay)
                report.failed += 1
            logger.warning("outbox: sending %s failed (attempt %s): %s", row.pk, row.attempts, type(exc).__name__)
            row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            continue
        row.status = OutboundStatus.SENT
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        report.sent += 1
    connection.close()
    return report


def retry_now(*, row: OutboundEmail) -> OutboundEmail:
    row.status = OutboundStatus.PENDING
    row.next_attempt_at = timezone.now()
    row.save(update_fields=["status", "next_attempt_at"])
    return row
