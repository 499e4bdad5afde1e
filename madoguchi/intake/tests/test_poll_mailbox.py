"""poll_mailbox against a real dovecot: UID-based, idempotent, and safe across a crash in the middle."""

import pytest
from django.core.management import call_command

from madoguchi.cases.models import Case
from madoguchi.intake import imap
from madoguchi.intake.models import InboundMessage, MailboxState
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml

MAILS = [
    "iso2022jp_outlook.eml",
    "eucjp_mutt.eml",
    "utf8_base64_gmail.eml",
    "windows31j_label.eml",
    "garbage_no_from.eml",
]


@pytest.fixture
def imap_settings(settings, dovecot, desk_settings):
    dovecot.use_as_desk_mailbox(settings)
    for name in MAILS:
        dovecot.append(eml(name))
    return settings


@pytest.mark.django_db(transaction=True)
def test_poll_stores_everything_and_flags_it(imap_settings, dovecot):
    call_command("poll_mailbox")
    assert InboundMessage.objects.count() == len(MAILS)
    assert InboundMessage.objects.filter(transport="imap").count() == len(MAILS)
    assert InboundMessage.objects.get(message_id="<20261126221100.GA4242@host.example.jp>").subject == (
        "①サーバーへの不審なアクセス"
    )
    flags = dovecot.flags()
    assert len(flags) == len(MAILS)
    assert all("\\Seen" in f and imap.STORED_KEYWORD in f for f in flags.values())
    state = MailboxState.objects.get()
    assert state.last_uid == max(flags)

    call_command("poll_mailbox")  # idempotent: nothing new, nothing twice
    assert InboundMessage.objects.count() == len(MAILS)


@pytest.mark.django_db(transaction=True)
def test_crash_after_commit_before_flag_neither_duplicates_nor_loses(imap_settings, dovecot, monkeypatch):
    real_mark = imap.mark_done
    calls = {"n": 0}

    def crash_on_third(conn, uid, config):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("killed between commit and flag")
        real_mark(conn, uid, config)

    monkeypatch.setattr(imap, "mark_done", crash_on_third)
    with pytest.raises(OSError):
        imap.poll_once(config=imap.MailboxConfig.from_settings())
    assert InboundMessage.objects.count() == 3, "the third mail was committed before the crash"
    assert sum(1 for f in dovecot.flags().values() if imap.STORED_KEYWORD in f) == 2

    monkeypatch.setattr(imap, "mark_done", real_mark)
    report = imap.poll_once(config=imap.MailboxConfig.from_settings())
    assert report.fetched == 2 and report.marked == 3
    assert InboundMessage.objects.count() == len(MAILS)
    assert Case.objects.count() == 4  # the garbage mail is quarantined, not a case
    assert all(imap.STORED_KEYWORD in f for f in dovecot.flags().values())


@pytest.mark.django_db(transaction=True)
def test_crash_during_ingest_loses_nothing(imap_settings, dovecot, monkeypatch):
    real_ingest = mail_intake.ingest_raw
    calls = {"n": 0}

    def fail_on_second(*, raw, transport):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("database went away")
        return real_ingest(raw=raw, transport=transport)

    monkeypatch.setattr(mail_intake, "ingest_raw", fail_on_second)
    with pytest.raises(OSError):
        imap.poll_once(config=imap.MailboxConfig.from_settings())
    assert InboundMessage.objects.count() == 1
    assert MailboxState.objects.get().last_uid == 1, "a UID is remembered only after its record is committed"

    monkeypatch.setattr(mail_intake, "ingest_raw", real_ingest)
    imap.poll_once(config=imap.MailboxConfig.from_settings())
    assert InboundMessage.objects.count() == len(MAILS)
    assert all(imap.STORED_KEYWORD in f for f in dovecot.flags().values())


@pytest.mark.django_db(transaction=True)
def test_uidvalidity_change_refetches_without_duplicates(imap_settings, dovecot):
    imap.poll_once(config=imap.MailboxConfig.from_settings())
    MailboxState.objects.update(uidvalidity=1, last_uid=0)
    # As after a mailbox rebuild: the same mails unflagged again.
    conn = dovecot.client()
    conn.select("INBOX")
    conn.uid("STORE", "1:*", "-FLAGS", f"({imap.STORED_KEYWORD})")
    conn.logout()
    report = imap.poll_once(config=imap.MailboxConfig.from_settings())
    assert report.duplicates == len(MAILS)
    assert InboundMessage.objects.count() == len(MAILS)


@pytest.mark.django_db(transaction=True)
def test_done_folder_moves_stored_mail_and_never_deletes_before_commit(imap_settings, dovecot, monkeypatch):
    imap_settings.IMAP_DONE_FOLDER = "Madoguchi-Done"

    def broken(*, raw, transport):
        raise OSError("database went away")

    monkeypatch.setattr(mail_intake, "ingest_raw", broken)
    with pytest.raises(OSError):
        imap.poll_once(config=imap.MailboxConfig.from_settings())
    assert dovecot.count("INBOX") == len(MAILS), "nothing left the inbox before being stored"
    monkeypatch.undo()
    imap_settings.IMAP_DONE_FOLDER = "Madoguchi-Done"
    imap.poll_once(config=imap.MailboxConfig.from_settings())
    assert dovecot.count("INBOX") == 0
    assert dovecot.count("Madoguchi-Done") == len(MAILS)
    assert InboundMessage.objects.count() == len(MAILS)
