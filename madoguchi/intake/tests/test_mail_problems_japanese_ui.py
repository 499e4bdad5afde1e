"""In the Japanese UI, mail problems and quarantine reasons read exactly as the parser's Japanese sentences."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from madoguchi.intake.models import InboundMessage
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


def _text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_problems_are_stored_with_params_and_shown_as_the_stored_japanese(tier1_staff, client_for, desk_settings):
    message = mail_intake.ingest_raw(raw=eml("attachments_mixed.eml"), transport="pipe").message
    stored = InboundMessage.objects.get(pk=message.pk)
    page = _text(client_for(tier1_staff).get(reverse("intake_staff:message", args=[message.pk])))

    assert stored.problems == [
        {
            "code": "attachment_type_mismatch",
            "params": {"filename": "請求書.pdf", "sniffed": "application/x-msdownload"},
            "message": (
                "添付ファイル「請求書.pdf」の中身は拡張子と異なる形式（application/x-msdownload）です。"
                "不用意に開かないでください。"
            ),
        }
    ]
    assert f"<li>{stored.problems[0]['message']}</li>" in page


@pytest.mark.django_db
def test_quarantine_reason_is_stored_with_params_and_shown_as_before(tier1_staff, client_for):
    raw = b"From: =?UTF-8?B?5L6L56S6?=\r\nSubject: test\r\n\r\nbody\r\n"
    message = mail_intake.ingest_raw(raw=raw, transport="pipe").message
    client = client_for(tier1_staff)

    assert message.quarantine_code == "bad_sender"
    assert message.quarantine_params == {"header": "From", "value": "=?UTF-8?B?5L6L56S6?="}
    assert message.quarantine_reason == "送信者アドレスを読み取れません（From: =?UTF-8?B?5L6L56S6?=）。"
    for url in (reverse("intake_staff:quarantine"), reverse("intake_staff:message", args=[message.pk])):
        assert message.quarantine_reason in _text(client.get(url))


@pytest.mark.django_db
def test_quarantine_reason_is_stored_in_japanese_whatever_the_request_language(tier1_staff, monkeypatch):
    monkeypatch.setattr(mail_intake.mail, "parse_message", lambda **kwargs: 1 / 0)
    with translation.override("en"):
        message = mail_intake.ingest_raw(raw=eml("iso2022jp_outlook.eml"), transport="pipe").message

    assert message.quarantine_reason == (
        "メールの解析中にエラーが発生しました（ZeroDivisionError）。修正後に再処理してください。"
    )


@pytest.mark.django_db
def test_failed_reprocess_flash_is_japanese(tier1_staff, client_for):
    message = mail_intake.ingest_raw(raw=eml("garbage_empty.eml"), transport="pipe").message
    response = client_for(tier1_staff).post(reverse("intake_staff:reprocess", args=[message.pk]), follow=True)

    assert "再処理しましたが、まだ取り込めません: メールの内容が空です。" in _text(response)
