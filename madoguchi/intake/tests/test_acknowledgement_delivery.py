"""The acknowledgement and the desk notification reach a real SMTP server through the outbox worker."""

from email import message_from_bytes, policy

import pytest
from django.core.management import call_command

from madoguchi.cases.models import Case
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests._form_helpers import VALID
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_web_form_acknowledgement_and_notification_are_delivered(client, smtp_server, desk_settings):
    assert client.post("/consult/", {**VALID, "step": "confirm"}).status_code == 302
    assert smtp_server.messages == [], "the request itself sends nothing"
    call_command("send_outbox")
    case = Case.objects.get()
    by_rcpt = {rcpts[0]: message_from_bytes(raw, policy=policy.default) for _f, rcpts, raw in smtp_server.messages}
    ack = by_rcpt["taro@sample-shoji.example.jp"]
    assert case.reference in ack["Subject"]
    assert f"受付番号: {case.reference}" in ack.get_content()
    notify = by_rcpt["desk-notify@madoguchi.example.jp"]
    assert case.reference in notify["Subject"]
    assert case.get_absolute_url() in notify.get_content()


@pytest.mark.django_db
def test_email_acknowledgement_replies_to_the_consulters_message(smtp_server, desk_settings):
    result = mail_intake.ingest_raw(raw=eml("iso2022jp_outlook.eml"), transport="pipe")
    call_command("send_outbox")
    [(_from, rcpts, raw)] = smtp_server.messages
    ack = message_from_bytes(raw, policy=policy.default)
    assert rcpts == ["hanako.takahashi@sample-shoji.example.jp"]
    assert ack["In-Reply-To"] == "<000001db3f2a$1c2d3e40$54687980$@sample-shoji.example.jp>"
    assert result.case.reference in ack["Subject"]
    assert "①㈱サンプル商事でウイルス感染の疑い（髙橋）" in ack.get_content()
