"""Rows stored before findings had params show their stored Japanese when the sentence cannot be rebuilt."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from madoguchi.intake import problem_messages
from madoguchi.intake.models import InboundMessage, InboundStatus


def _old_row(**fields) -> InboundMessage:
    # As written before this change: problems without "params", quarantine_params left at its default.
    defaults = {
        "message_id": "<old.1@example.jp>",
        "raw_sha256": "0" * 64,
        "raw_size": 10,
        "transport": "pipe",
        "received_at": timezone.now(),
        "status": InboundStatus.THREADED,
        "subject": "テスト用の古い受信メール",
        "from_address": "sample@example.jp",
    }
    return InboundMessage.objects.create(**{**defaults, **fields})


def _english_page(client, message: InboundMessage) -> str:
    client.post(reverse("set_language"), {"language": "en", "next": reverse("intake_staff:inbound")})
    response = client.get(reverse("intake_staff:message", args=[message.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_old_problem_with_dynamic_parts_falls_back_to_its_stored_text(tier1_staff, client_for):
    stored = "宣言された文字コード（iso-8859-1）と内容が一致しないため、内容から cp932 と判定しました。"
    message = _old_row(problems=[{"code": "charset_mismatch", "message": stored}])

    assert stored in _english_page(client_for(tier1_staff), message)


@pytest.mark.django_db
def test_old_problem_whose_sentence_needs_a_variant_falls_back_to_its_stored_text(tier1_staff, client_for):
    stored = "Date ヘッダーがないため、送信日時は不明です。"
    message = _old_row(problems=[{"code": "date_missing", "message": stored}])

    assert stored in _english_page(client_for(tier1_staff), message)


@pytest.mark.django_db
def test_old_problem_without_dynamic_parts_is_translated(tier1_staff, client_for):
    message = _old_row(
        problems=[{"code": "message_id_missing", "message": "Message-ID がないため、内容から識別子を生成しました。"}]
    )
    page = _english_page(client_for(tier1_staff), message)

    assert "There is no Message-ID, so an identifier was generated from the content." in page
    assert "Message-ID がないため" not in page


@pytest.mark.django_db
def test_unknown_code_falls_back_to_its_stored_text(tier1_staff, client_for):
    message = _old_row(problems=[{"code": "retired_code", "params": {}, "message": "以前の版が記録した注意です。"}])

    assert "以前の版が記録した注意です。" in _english_page(client_for(tier1_staff), message)


@pytest.mark.django_db
def test_old_skipped_part_falls_back_to_its_stored_reason(tier1_staff, client_for):
    stored = "添付ファイル「見本.zip」（12.0 MB）は上限（10.0 MB）を超えているため保存していません。"
    message = _old_row(
        skipped_parts=[
            {
                "filename": "見本.zip",
                "content_type": "application/zip",
                "size": 1,
                "code": "too_large",
                "reason": stored,
            }
        ]
    )

    assert stored in _english_page(client_for(tier1_staff), message)


@pytest.mark.django_db
def test_old_quarantine_reason_falls_back_to_its_stored_text(tier1_staff, client_for):
    stored = "送信者アドレスを読み取れません（From: 見本）。"
    message = _old_row(status=InboundStatus.QUARANTINED, quarantine_code="bad_sender", quarantine_reason=stored)

    assert message.quarantine_params == {}
    assert stored in _english_page(client_for(tier1_staff), message)


def test_params_that_are_not_a_mapping_fall_back_to_the_stored_text():
    with translation.override("en"):
        text = problem_messages.quarantine_text(code="empty", params=["not", "a", "mapping"], stored="保存された理由")

    assert text == "保存された理由"
