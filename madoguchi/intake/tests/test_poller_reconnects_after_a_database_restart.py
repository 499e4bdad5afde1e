"""`poll_mailbox --loop` runs for weeks: after a database restart its next round connects afresh and stores mail."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command

from madoguchi.intake.management.commands import poll_mailbox
from madoguchi.intake.models import InboundMessage
from madoguchi.intake.tests.conftest import eml
from madoguchi.testing.database import cut_our_database_connection

pytestmark = pytest.mark.django_db(transaction=True)


class Stop(Exception):
    """Ends the endless loop after the rounds under test."""


@pytest.fixture
def mailbox(settings, dovecot, desk_settings):
    dovecot.use_as_desk_mailbox(settings)
    return dovecot


def test_the_round_after_a_restart_stores_the_new_mail(mailbox, monkeypatch):
    pauses = []

    def sleep(_seconds: float) -> None:
        pauses.append(_seconds)
        if len(pauses) == 1:
            # Between two rounds: a mail arrives, then the database restarts under the idle poller.
            mailbox.append(eml("utf8_base64_gmail.eml"))
            cut_our_database_connection()
            return
        raise Stop

    # Only the command's own pauses: the servers' fixtures sleep too.
    monkeypatch.setattr(poll_mailbox, "time", SimpleNamespace(sleep=sleep))
    with pytest.raises(Stop):
        call_command("poll_mailbox", "--loop", "--interval", "0")
    assert len(pauses) == 2
    assert InboundMessage.objects.count() == 1, "the round after the restart stored the mail"
