"""Acknowledgements and the desk notification are plain text: names and subjects arrive unescaped.

They go through the outbox to the real SMTP server (aiosmtpd) and are compared after MIME decoding.
"""

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from django.core.management import call_command

from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests._form_helpers import VALID

pytestmark = pytest.mark.django_db

ORG = "K&K <テスト> 株式会社"
PERSON = 'O\'Brien "架空" 花子'


def _received(smtp_server, to: str):
    [raw] = [raw for _from, rcpts, raw in smtp_server.messages if to in rcpts]
    msg = message_from_bytes(raw, policy=policy.default)
    return msg, msg.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_web_acknowledgement_and_desk_notification_are_not_escaped(client, smtp_server, settings):
    settings.MADOGUCHI_DESK_NOTIFY = ["desk-notify@madoguchi.example.jp"]
    posted = {**VALID, "org_name": ORG, "person_name": PERSON, "step": "confirm"}
    assert client.post("/consult/", posted).status_code == 302
    call_command("send_outbox")

    _msg, ack = _received(smtp_server, VALID["email"])
    assert ack.startswith(f"{ORG}\n{PERSON} 様\n"), ack[:200]
    notify_msg, notify = _received(smtp_server, "desk-notify@madoguchi.example.jp")
    assert f"組織名: {ORG}\n" in notify and f"氏名: {PERSON}\n" in notify
    assert f"（{ORG}）" in str(notify_msg["Subject"])


def test_email_acknowledgement_repeats_the_subject_unescaped(smtp_server, settings):
    settings.DEFAULT_FROM_EMAIL = "窓口 <soudan@madoguchi.example.jp>"
    mail = EmailMessage()
    mail["From"] = f"{PERSON} <obrien@example.jp>"
    mail["To"] = "soudan@madoguchi.example.jp"
    mail["Subject"] = 'K&K の "請求書" <至急> https://www.example.jp/a?b=1&c=2'
    mail["Message-ID"] = "<plain-text-ack@example.jp>"
    mail.set_content("本文です。\n")
    mail_intake.ingest_raw(raw=mail.as_bytes(), transport="pipe")
    call_command("send_outbox")

    _msg, ack = _received(smtp_server, "obrien@example.jp")
    assert '「K&K の "請求書" <至急> https://www.example.jp/a?b=1&c=2」' in ack
