"""SMTP server down while answers are sent: nothing is lost, everything is sent later exactly once."""

from __future__ import annotations

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundEmail, OutboundKind, OutboundStatus
from madoguchi.testing.factories import make_case
from madoguchi.testing.servers import Collector, free_port

pytestmark = pytest.mark.django_db


class RefusesAfterFirst(Collector):
    """Takes one mail, then answers every further one with 421 like a server shutting down."""

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.messages:
            return "421 4.3.2 Service shutting down"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp_port(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return port


def _answers(actor, n: int) -> list[OutboundEmail]:
    case = make_case(actor=actor)
    return [
        outbox.enqueue(
            kind=OutboundKind.OTHER,  # answer rows need an approved answer; the outbox path is the same
            case=case,
            to=[f"consulter{i}@sample-shoji.example.jp"],
            subject=f"ご相談への回答 {i}",
            body_text=f"回答本文 {i}",
        )
        for i in range(n)
    ]


def _make_due() -> None:
    # The backoff would wait minutes; the test moves the clock of the rows instead of sleeping.
    OutboundEmail.objects.filter(status=OutboundStatus.PENDING).update(next_attempt_at=timezone.now())


def _received_ids(collector: Collector) -> list[str]:
    return [email.message_from_bytes(raw, policy=policy.default)["Message-ID"] for _f, _r, raw in collector.messages]


def test_server_down_then_up_sends_every_answer_once(smtp_port, tier1_staff):
    rows = _answers(tier1_staff, 3)

    call_command("send_outbox")  # nobody listens on the port
    for row in rows:
        row.refresh_from_db()
        assert row.status == OutboundStatus.PENDING and row.attempts == 1 and row.last_error

    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        _make_due()
        call_command("send_outbox")
        _make_due()
        call_command("send_outbox")  # a second run finds nothing left to send
    finally:
        controller.stop()

    assert sorted(_received_ids(collector)) == sorted(r.message_id for r in rows)
    assert OutboundEmail.objects.filter(status=OutboundStatus.SENT).count() == 3


def test_server_failing_in_the_middle_of_a_batch_loses_nothing_and_repeats_nothing(smtp_port, tier1_staff):
    rows = _answers(tier1_staff, 3)
    failing = RefusesAfterFirst()
    controller = Controller(failing, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        call_command("send_outbox")
    finally:
        controller.stop()
    assert len(failing.messages) == 1
    sent_first = _received_ids(failing)[0]
    statuses = dict(OutboundEmail.objects.values_list("message_id", "status"))
    assert statuses[sent_first] == OutboundStatus.SENT
    assert sorted(s for m, s in statuses.items() if m != sent_first) == [OutboundStatus.PENDING] * 2

    healthy = Collector()
    controller = Controller(healthy, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        _make_due()
        call_command("send_outbox")
        _make_due()
        call_command("send_outbox")
    finally:
        controller.stop()
    assert sorted(_received_ids(healthy)) == sorted(r.message_id for r in rows if r.message_id != sent_first)
    assert OutboundEmail.objects.filter(status=OutboundStatus.SENT).count() == 3
