"""The IMAP connection drops in the middle of a poll (the socket is cut under the poller): nothing is lost and
nothing is stored twice once the next poll runs."""

from __future__ import annotations

import socket
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from madoguchi.intake import imap
from madoguchi.intake.models import InboundMessage
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml

pytestmark = pytest.mark.django_db(transaction=True)

MAILS = ["iso2022jp_outlook.eml", "eucjp_mutt.eml", "utf8_base64_gmail.eml", "windows31j_label.eml"]


@pytest.fixture
def mailbox(settings, dovecot, desk_settings):
    dovecot.use_as_desk_mailbox(settings)
    for name in MAILS:
        dovecot.append(eml(name))
    return dovecot


def _cut(conn) -> None:  # type: ignore[no-untyped-def]
    conn.sock.shutdown(socket.SHUT_RDWR)


@pytest.mark.parametrize("where", ["after_store_before_flag", "before_fetch"])
def test_dropped_connection_loses_nothing_and_stores_nothing_twice(mailbox, monkeypatch, where):
    calls = Counter()
    live: list = []
    original_connect, original_fetch, original_ingest = imap.connect, imap._fetch, mail_intake.ingest_raw

    def connect(config):  # type: ignore[no-untyped-def]
        conn = original_connect(config)
        live.append(conn)
        return conn

    def fetch(conn, uid):  # type: ignore[no-untyped-def]
        calls["fetch"] += 1
        if where == "before_fetch" and calls["fetch"] == 3:
            _cut(conn)
        return original_fetch(conn, uid)

    def ingest(**kwargs):  # type: ignore[no-untyped-def]
        result = original_ingest(**kwargs)
        calls["ingest"] += 1
        if where == "after_store_before_flag" and calls["ingest"] == 2:
            _cut(live[-1])  # committed, but the STORE of the flag will hit a dead socket
        return result

    monkeypatch.setattr(imap, "connect", connect)
    monkeypatch.setattr(imap, "_fetch", fetch)
    monkeypatch.setattr(mail_intake, "ingest_raw", ingest)

    with pytest.raises(CommandError, match="poll failed"):
        call_command("poll_mailbox")
    stored_after_drop = InboundMessage.objects.count()
    assert stored_after_drop == 2

    call_command("poll_mailbox")  # the connection is back
    call_command("poll_mailbox")  # and a further round finds nothing new
    ids = Counter(InboundMessage.objects.values_list("message_id", flat=True))
    assert len(ids) == len(MAILS), "every mail stored"
    assert set(ids.values()) == {1}, "no mail stored twice"
    assert all(imap.STORED_KEYWORD in flags for flags in mailbox.flags().values())
