"""The poller's lock names one mailbox: host, port, account and folder; another mailbox never makes it skip."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from madoguchi.core.joblock import job_lock
from madoguchi.intake import imap
from madoguchi.intake.models import InboundMessage
from madoguchi.intake.tests.conftest import Dovecot, eml


@pytest.fixture
def mailbox(settings, dovecot: Dovecot, desk_settings) -> imap.MailboxConfig:
    dovecot.use_as_desk_mailbox(settings)
    dovecot.append(eml("utf8_base64_gmail.eml"))
    return imap.MailboxConfig.from_settings()


@contextmanager
def held_elsewhere(name: str) -> Iterator[None]:
    """Another runner (its own thread and database connection) holds the lock `name` for the duration."""
    holding, release = threading.Event(), threading.Event()
    got: list[bool] = []

    def hold() -> None:
        try:
            with job_lock(name) as acquired:
                got.append(acquired)
                holding.set()
                release.wait(20)
        finally:
            holding.set()
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(20)
        assert got == [True]
        yield
    finally:
        release.set()
        thread.join(20)


@pytest.mark.django_db(transaction=True)
def test_a_poller_of_the_same_server_on_another_port_does_not_make_this_one_skip(mailbox):
    other = dataclasses.replace(mailbox, port=mailbox.port + 1)
    assert other.lock_name != mailbox.lock_name
    with held_elsewhere(other.lock_name):
        report = imap.poll_once(config=mailbox)
    assert report.skipped is False
    assert report.fetched == 1
    assert InboundMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_poller_of_the_same_mailbox_makes_this_one_skip_and_leave_the_mail(mailbox, dovecot):
    with held_elsewhere(mailbox.lock_name):
        report = imap.poll_once(config=mailbox)
    assert report.skipped is True
    assert InboundMessage.objects.count() == 0
    assert not any(imap.STORED_KEYWORD in flags for flags in dovecot.flags().values())

    report = imap.poll_once(config=mailbox)
    assert (report.skipped, report.fetched) == (False, 1)


def test_the_lock_name_tells_apart_host_port_account_and_folder():
    base = imap.MailboxConfig(host="imap.example.jp", port=993, tls="ssl", user="desk", password="x")
    variants = [
        dataclasses.replace(base, host="imap2.example.jp"),
        dataclasses.replace(base, port=143),
        dataclasses.replace(base, user="soudan"),
        dataclasses.replace(base, folder="相談"),
    ]
    names = {base.lock_name, *(v.lock_name for v in variants)}
    assert len(names) == 5
    assert dataclasses.replace(base, password="other").lock_name == base.lock_name
