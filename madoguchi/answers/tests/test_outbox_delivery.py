"""The outbox hands mail to a real SMTP server; failures are retried with backoff and shown, never lost."""

import datetime as dt
import email
from email import policy

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundEmail, OutboundKind, OutboundStatus
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_queued_mail_reaches_the_smtp_server_with_reference_and_message_id(smtp_server, tier1_staff):
    case = make_case(actor=tier1_staff)
    row = outbox.enqueue(
        kind=OutboundKind.OTHER,
        case=case,
        to=["taro@sample-shoji.example.jp"],
        subject="ご相談への回答①",
        body_text="㈱サンプル商事 髙橋様\n対策は次のとおりです。",
        in_reply_to="<orig@example.jp>",
        references="<orig@example.jp>",
    )
    assert smtp_server.messages == [], "enqueueing sends nothing by itself"
    report = outbox.send_due()
    assert report.sent == 1
    _from, rcpts, raw = smtp_server.messages[0]
    assert rcpts == ["taro@sample-shoji.example.jp"]
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == f"[{case.reference}] ご相談への回答①"
    assert msg["Message-ID"] == row.message_id
    assert msg["In-Reply-To"] == "<orig@example.jp>"
    assert "㈱サンプル商事 髙橋様" in msg.get_body(("plain",)).get_content()
    row.refresh_from_db()
    assert row.status == OutboundStatus.SENT and row.sent_at is not None
    assert outbox.send_due().sent == 0, "a sent row is not sent twice"


def test_failure_is_retried_with_growing_backoff_then_marked_failed(closed_smtp_port, tier1_staff):
    case = make_case(actor=tier1_staff)
    row = outbox.enqueue(kind=OutboundKind.OTHER, case=case, to=["a@example.jp"], subject="件名", body_text="本文")
    before = timezone.now()
    report = outbox.send_due()
    assert (report.sent, report.failed) == (0, 1)
    row.refresh_from_db()
    assert row.status == OutboundStatus.PENDING and row.attempts == 1
    assert row.last_error and "Error" in row.last_error
    assert row.next_attempt_at >= before + dt.timedelta(minutes=1)
    assert outbox.send_due().sent == 0, "not retried before its time"

    for _ in range(outbox.MAX_ATTEMPTS - 1):
        OutboundEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        outbox.send_due()
    row.refresh_from_db()
    assert row.status == OutboundStatus.FAILED and row.attempts == outbox.MAX_ATTEMPTS


def test_failed_mail_is_visible_on_the_dashboard_and_the_case_and_can_be_retried(client_for, tier1_staff, tier2_staff):
    from madoguchi.testing.factories import dispatched_case

    case = dispatched_case(tier1=tier1_staff)
    row = outbox.enqueue(kind=OutboundKind.OTHER, case=case, to=["a@example.jp"], subject="件名", body_text="本文")
    OutboundEmail.objects.filter(pk=row.pk).update(
        status=OutboundStatus.FAILED, last_error="SMTPConnectError: 接続不可"
    )
    client = client_for(tier2_staff)
    board = client.get(reverse("cases:dashboard")).content.decode()
    assert "送信に失敗したメール" in board and case.reference in board
    detail = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert "送信に失敗したメールがあります" in detail
    response = client.post(reverse("answers:outbox_retry", kwargs={"pk": row.pk}))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == OutboundStatus.PENDING


def test_send_outbox_command_runs_once(smtp_server, tier1_staff):
    from django.core.management import call_command

    outbox.enqueue(kind=OutboundKind.NOTIFICATION, to=["desk@example.jp"], subject="通知", body_text="新しい相談")
    call_command("send_outbox")
    assert len(smtp_server.messages) == 1
