"""Two outbox workers and two pollers against one database and real SMTP/IMAP servers: every mail exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from email.message import EmailMessage

import pytest
from django.db import connection

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundEmail, OutboundKind, OutboundStatus
from madoguchi.intake import imap
from madoguchi.intake.models import InboundMessage
from madoguchi.intake.tests.conftest import desk_settings, dovecot
from madoguchi.testing.servers import smtp_server

__all__ = ["desk_settings", "dovecot", "smtp_server"]

pytestmark = pytest.mark.django_db(transaction=True)

OUTGOING = 40
INCOMING = 12


def _run_in_threads(target, count: int = 2) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run() -> None:
        try:
            start.wait()
            target()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_two_outbox_workers_send_every_mail_exactly_once(smtp_server):
    for n in range(OUTGOING):
        outbox.enqueue(
            kind=OutboundKind.NOTIFICATION, to=[f"user{n}@example.jp"], subject=f"試験 {n}", body_text="本文"
        )
    claimed_by = Counter()

    def worker() -> None:
        name = threading.current_thread().name
        while OutboundEmail.objects.filter(status=OutboundStatus.PENDING).exists():
            claimed_by[name] += outbox.send_due(limit=3).sent

    assert _run_in_threads(worker) == []
    ids = [
        raw.split(b"Message-ID: ", 1)[1].split(b"\r\n", 1)[0].split(b"\n", 1)[0] for _f, _t, raw in smtp_server.messages
    ]
    assert len(ids) == OUTGOING
    assert len(set(ids)) == OUTGOING, "no mail sent twice"
    assert OutboundEmail.objects.filter(status=OutboundStatus.SENT).count() == OUTGOING
    assert sum(claimed_by.values()) == OUTGOING


def _mail(n: int) -> bytes:
    message = EmailMessage()
    message["From"] = f"架空 {n} <sender{n}@example.com>"
    message["To"] = "desk@madoguchi.example.jp"
    message["Subject"] = f"不審なメールについて（試験 {n}）"
    message["Message-ID"] = f"<two-pollers-{n}@example.com>"
    message["Date"] = "Sun, 06 Dec 2026 09:00:00 +0900"
    message.set_content(f"取引先を名乗るメールが届きました。試験 {n}。")
    return bytes(message)


def test_two_pollers_ingest_every_mail_exactly_once(settings, dovecot, desk_settings):
    dovecot.use_as_desk_mailbox(settings)
    for n in range(INCOMING):
        dovecot.append(_mail(n))
    config = imap.MailboxConfig.from_settings()
    fetched = Counter()

    def poller() -> None:
        for _ in range(200):
            report = imap.poll_once(config=config, limit=2)
            fetched[threading.current_thread().name] += report.fetched
            if sum(1 for f in dovecot.flags().values() if imap.STORED_KEYWORD in f) == INCOMING:
                return

    assert _run_in_threads(poller) == []
    message_ids = Counter(InboundMessage.objects.values_list("message_id", flat=True))
    assert len(message_ids) == INCOMING
    assert set(message_ids.values()) == {1}, "no mail ingested twice"
    # The mailbox lock: one poller at a time, so no mail is even downloaded and processed twice.
    assert sum(fetched.values()) == INCOMING
    assert all(imap.STORED_KEYWORD in f for f in dovecot.flags().values())


def test_a_second_poller_skips_while_the_first_holds_the_mailbox(settings):
    from madoguchi.core.joblock import job_lock

    with job_lock("poll_mailbox:imap.example.jp:993:desk:INBOX") as first:
        assert first is True
        results: list[bool] = []

        def other() -> None:
            with job_lock("poll_mailbox:imap.example.jp:993:desk:INBOX") as second:
                results.append(second)

        assert _run_in_threads(other, count=1) == []
        assert results == [False]
    with job_lock("poll_mailbox:imap.example.jp:993:desk:INBOX") as again:
        assert again is True
