"""A different mail that reuses a stored Message-ID is kept as its own consultation, flagged for staff.

Only a mail with the same Message-ID *and* the same content (sender, subject, text body, attachments) is
a duplicate; see docs/mail-intake.md.
"""

import os
import sqlite3
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import Case
from madoguchi.intake import storage
from madoguchi.intake.models import InboundMessage, InboundStatus
from madoguchi.intake.services import mail as mail_intake
from madoguchi.testing.migrated_db import migrated_sqlite

ROOT = Path(__file__).resolve().parents[3]
REUSED = "<reused-0001@example.jp>"


def _mail(*, sender: str, body: str, subject: str = "ご相談", message_id: str = REUSED) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "soudan@madoguchi.example.jp"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = "Mon, 07 Dec 2026 10:00:00 +0900"
    msg.set_content(body)
    return msg.as_bytes()


FIRST = _mail(sender="架空 太郎 <taro.kaku@example.jp>", body="ランサムウェアに感染したかもしれません。\n")
SECOND = _mail(sender="見本 次郎 <jiro.mihon@example.com>", body="取引先を装った請求メールが届きました。\n")


def _assert_every_raw_file_is_referenced() -> None:
    on_disk = {p.stem for p in storage.mail_store_dir().glob("*.eml")}
    referenced = set(InboundMessage.objects.values_list("raw_sha256", flat=True))
    assert on_disk <= referenced, f"raw files nobody references: {on_disk - referenced}"


@pytest.mark.django_db
def test_other_mail_with_a_reused_message_id_opens_its_own_case(desk_settings):
    first = mail_intake.ingest_raw(raw=FIRST, transport="pipe")
    second = mail_intake.ingest_raw(raw=SECOND, transport="pipe")

    assert second.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert second.case is not None and second.case != first.case
    assert InboundMessage.objects.filter(message_id=REUSED).count() == 2
    assert second.message.text_body == "取引先を装った請求メールが届きました。\n"
    assert second.message.from_address == "jiro.mihon@example.com"
    assert second.message.message_id_reused and not first.message.message_id_reused
    _assert_every_raw_file_is_referenced()


@pytest.mark.django_db
def test_reused_message_id_is_shown_to_staff_on_the_new_case(desk_settings, client_for, tier1_staff):
    mail_intake.ingest_raw(raw=FIRST, transport="pipe")
    second = mail_intake.ingest_raw(raw=SECOND, transport="pipe")
    note = second.case.events.get(kind=EventKind.NOTE)
    assert "Message-ID" in note.text and REUSED in note.text
    html = client_for(tier1_staff).get(second.case.get_absolute_url()).content.decode()
    assert "Message-ID が再利用されています" in html
    listing = client_for(tier1_staff).get(reverse("intake_staff:inbound")).content.decode()
    assert listing.count('class="badge stale intake-flag"') == 1


@pytest.mark.django_db
def test_the_same_mail_again_is_still_a_duplicate_after_a_reuse(desk_settings):
    mail_intake.ingest_raw(raw=FIRST, transport="pipe")
    mail_intake.ingest_raw(raw=SECOND, transport="pipe")
    again = mail_intake.ingest_raw(raw=SECOND, transport="imap")
    assert again.outcome == mail_intake.IngestOutcome.DUPLICATE
    assert InboundMessage.objects.filter(message_id=REUSED).count() == 2
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_same_sender_with_a_different_body_is_not_a_duplicate(desk_settings):
    mail_intake.ingest_raw(raw=FIRST, transport="pipe")
    other = _mail(sender="架空 太郎 <taro.kaku@example.jp>", body="別の内容です。\n")
    assert mail_intake.ingest_raw(raw=other, transport="pipe").outcome == mail_intake.IngestOutcome.NEW_CASE


@pytest.mark.django_db(transaction=True)
def test_poll_mailbox_keeps_both_mails_with_one_message_id(settings, dovecot, desk_settings):
    settings.IMAP_HOST, settings.IMAP_PORT, settings.IMAP_TLS = dovecot.host, dovecot.port, "none"
    settings.IMAP_USER, settings.IMAP_PASSWORD = dovecot.user, dovecot.password
    settings.IMAP_FOLDER, settings.IMAP_DONE_FOLDER = "INBOX", ""
    dovecot.append(FIRST)
    dovecot.append(SECOND)
    call_command("poll_mailbox")
    rows = InboundMessage.objects.filter(message_id=REUSED).order_by("id")
    assert [r.from_address for r in rows] == ["taro.kaku@example.jp", "jiro.mihon@example.com"]
    assert [r.status for r in rows] == [InboundStatus.STORED, InboundStatus.STORED]
    assert Case.objects.count() == 2
    _assert_every_raw_file_is_referenced()


def test_ingest_email_command_stores_the_second_mail_as_a_new_case(tmp_path, tmp_path_factory):
    env = {
        **os.environ,
        "MADOGUCHI_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    migrated_sqlite(tmp_path / "db.sqlite3", tmp_path_factory)
    outputs = []
    for raw in (FIRST, SECOND):
        done = subprocess.run([*manage, "ingest_email"], input=raw, capture_output=True, env=env, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert b"new_case" in outputs[0] and b"new_case" in outputs[1], outputs
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        rows = db.execute(
            "SELECT from_address, case_id FROM intake_inboundmessage WHERE message_id = ? ORDER BY id", (REUSED,)
        ).fetchall()
    assert [r[0] for r in rows] == ["taro.kaku@example.jp", "jiro.mihon@example.com"]
    assert rows[0][1] != rows[1][1] and None not in {rows[0][1], rows[1][1]}
