"""In the English UI, mail problems, skipped parts and quarantine reasons are rendered in English from code + params."""

import html

import pytest
from django.urls import reverse

from madoguchi.intake import mail
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


def _english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("intake_staff:inbound")})
    assert response.status_code == 302
    return client


def _text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_charset_problem_is_shown_in_english(tier1_staff, client_for, desk_settings):
    message = mail_intake.ingest_raw(raw=eml("wrong_label_latin1.eml"), transport="pipe").message
    page = _text(_english(client_for(tier1_staff)).get(reverse("intake_staff:message", args=[message.pk])))

    assert (
        "The content does not match the declared character encoding (iso-8859-1), "
        "so cp932 was determined from the content."
    ) in page
    assert "宣言された文字コード" not in page


@pytest.mark.django_db
def test_skipped_attachment_is_shown_in_english(settings, tier1_staff, client_for, desk_settings):
    settings.MAIL_MAX_ATTACHMENT_BYTES = 200_000
    message = mail_intake.ingest_raw(raw=eml("over_limit_attachment.eml"), transport="pipe").message
    page = _text(_english(client_for(tier1_staff)).get(reverse("intake_staff:message", args=[message.pk])))

    assert "The attachment “サーバーログ.bin” (0.3 MB) was not saved because it exceeds the limit (0.2 MB)." in page
    assert "保存していません" not in page


@pytest.mark.django_db
def test_quarantine_reason_is_shown_in_english_on_list_and_detail(tier1_staff, client_for):
    message = mail_intake.ingest_raw(raw=eml("garbage_no_from.eml"), transport="pipe").message
    client = _english(client_for(tier1_staff))

    listing = _text(client.get(reverse("intake_staff:quarantine")))
    detail = _text(client.get(reverse("intake_staff:message", args=[message.pk])))

    for page in (listing, detail):
        assert "There is no sender address." in page
        assert "送信者アドレスがありません。" not in page


@pytest.mark.django_db
def test_oversized_mail_reason_keeps_its_sizes_in_english(settings, tier1_staff, client_for):
    settings.MAIL_MAX_MESSAGE_BYTES = 10_000
    message = mail_intake.ingest_raw(raw=eml("over_limit_attachment.eml"), transport="pipe").message
    page = _text(_english(client_for(tier1_staff)).get(reverse("intake_staff:message", args=[message.pk])))

    assert "The email cannot be imported because its size (0.4 MB) exceeds the limit (0.0 MB)." in page


@pytest.mark.django_db
def test_failed_reprocess_flash_is_english(tier1_staff, client_for):
    message = mail_intake.ingest_raw(raw=eml("garbage_random.eml"), transport="pipe").message
    client = _english(client_for(tier1_staff))

    response = client.post(reverse("intake_staff:reprocess", args=[message.pk]), follow=True)
    page = _text(response)

    assert "Reprocessed, but the email still cannot be imported: This is not an email" in page
    assert "メールの形式ではありません" not in page


@pytest.mark.django_db
def test_parser_crash_reason_is_english(tier1_staff, client_for, monkeypatch):
    def broken(*, raw, limits):
        raise RuntimeError("decoder bug")

    monkeypatch.setattr(mail, "parse_message", broken)
    message = mail_intake.ingest_raw(raw=eml("iso2022jp_outlook.eml"), transport="pipe").message
    page = _text(_english(client_for(tier1_staff)).get(reverse("intake_staff:quarantine")))

    assert message.quarantine_params == {"error": "RuntimeError"}
    assert "An error occurred while parsing the email (RuntimeError)." in page
