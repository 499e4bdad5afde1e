"""`send_outbox --loop` runs for weeks: after a database restart its next round connects afresh and sends."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command

from madoguchi.answers import outbox
from madoguchi.answers.management.commands import send_outbox
from madoguchi.answers.models import OutboundEmail, OutboundKind, OutboundStatus
from madoguchi.testing.database import cut_our_database_connection
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


class Stop(Exception):
    """Ends the endless loop after the rounds under test."""


def test_the_round_after_a_restart_sends_what_is_due(smtp_server, tier1_staff, monkeypatch):
    case = make_case(actor=tier1_staff)
    pauses = []

    def sleep(_seconds: float) -> None:
        pauses.append(_seconds)
        if len(pauses) == 1:
            # Between two rounds: mail becomes due, then the database restarts under the idle worker.
            outbox.enqueue(kind=OutboundKind.OTHER, case=case, to=["a@example.jp"], subject="回答", body_text="本文")
            cut_our_database_connection()
            return
        raise Stop

    # Only the command's own pauses: the servers' fixtures sleep too.
    monkeypatch.setattr(send_outbox, "time", SimpleNamespace(sleep=sleep))
    with pytest.raises(Stop):
        call_command("send_outbox", "--loop", "--interval", "0")
    assert len(pauses) == 2, "the second round ran to its end"
    assert OutboundEmail.objects.get().status == OutboundStatus.SENT
    assert len(smtp_server.messages) == 1
