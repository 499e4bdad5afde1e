"""A 受付番号 in the subject threads a mail only when it comes from someone on that case (or replies to us).

Reference numbers are sequential, so anyone can guess one: a stranger's mail that names a case opens a new
consultation linked to it and flagged for staff, and its attachments stay on the new case.
"""

from email.message import EmailMessage

import pytest
from django.urls import reverse

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind
from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import Case
from madoguchi.intake.models import Attachment, InboundStatus
from madoguchi.intake.services import mail as mail_intake
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

CONSULTER = "taro.kaku@example.jp"
STRANGER = "mallory@example.com"
FLAG = "受付番号を含むが送信者が一致しないため新しい相談として受け付けました"


def _mail(
    *, sender: str, subject: str, message_id: str, in_reply_to: str = "", attachment: bytes | None = None
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "soudan@madoguchi.example.jp"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = "Mon, 07 Dec 2026 10:00:00 +0900"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content("追加の資料をお送りします。\n")
    if attachment is not None:
        msg.add_attachment(attachment, maintype="application", subtype="octet-stream", filename="資料.bin")
    return msg.as_bytes()


@pytest.fixture
def case(desk_settings, tier1_staff):
    return make_case(actor=tier1_staff, email=CONSULTER)


def test_the_consulter_threads_by_reference_number(case):
    result = mail_intake.ingest_raw(
        raw=_mail(
            sender=f"架空 太郎 <{CONSULTER}>", subject=f"受付番号 {case.reference} 追加", message_id="<a1@example.jp>"
        ),
        transport="pipe",
    )
    assert result.outcome == mail_intake.IngestOutcome.THREADED and result.case == case


def test_sender_match_ignores_letter_case(case):
    result = mail_intake.ingest_raw(
        raw=_mail(
            sender="架空 太郎 <Taro.KAKU@EXAMPLE.JP>", subject=f"[{case.reference}]", message_id="<a2@example.jp>"
        ),
        transport="pipe",
    )
    assert result.outcome == mail_intake.IngestOutcome.THREADED and result.case == case


def test_sender_match_applies_nfkc_to_stored_addresses(case):
    from madoguchi.cases.models import Person

    # An address typed with full-width letters on the phone-intake screen still matches the plain one.
    Person.objects.filter(pk=case.person_id).update(email="ｔａｒｏ．ｋａｋｕ@ｅｘａｍｐｌｅ．ｊｐ")
    result = mail_intake.ingest_raw(
        raw=_mail(sender=CONSULTER, subject=f"[{case.reference}]", message_id="<a5@example.jp>"), transport="pipe"
    )
    assert result.outcome == mail_intake.IngestOutcome.THREADED and result.case == case


def test_someone_whose_mail_is_already_filed_on_the_case_threads(case):
    sent = outbox.enqueue(kind=OutboundKind.OTHER, case=case, to=[CONSULTER], subject="回答", body_text="…")
    # The consulter's IT vendor answered our mail (filed on the case), then writes again citing the number.
    mail_intake.ingest_raw(
        raw=_mail(
            sender="it-vendor@example.net",
            subject="Re: 回答",
            message_id="<v1@example.net>",
            in_reply_to=sent.message_id,
        ),
        transport="pipe",
    )
    result = mail_intake.ingest_raw(
        raw=_mail(sender="it-vendor@example.net", subject=f"[{case.reference}] ログ", message_id="<v2@example.net>"),
        transport="pipe",
    )
    assert result.outcome == mail_intake.IngestOutcome.THREADED and result.case == case


def test_claiming_the_consulters_organisation_name_does_not_make_a_stranger_part_of_the_case(case):
    # The first mail files the stranger as a person of 「株式会社サンプル商事」 (organisations match by name).
    mail_intake.ingest_raw(
        raw=_mail(
            sender=f"株式会社サンプル商事 悪田 <{STRANGER}>", subject="はじめまして", message_id="<m0@example.com>"
        ),
        transport="pipe",
    )
    result = mail_intake.ingest_raw(
        raw=_mail(
            sender=f"株式会社サンプル商事 悪田 <{STRANGER}>",
            subject=f"[{case.reference}]",
            message_id="<m9@example.com>",
        ),
        transport="pipe",
    )
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE and result.case != case


def test_a_reply_to_a_message_id_we_sent_for_the_case_threads_from_any_sender(case):
    sent = outbox.enqueue(kind=OutboundKind.OTHER, case=case, to=[CONSULTER], subject="回答", body_text="…")
    result = mail_intake.ingest_raw(
        raw=_mail(
            sender="it-vendor@example.net",
            subject=f"Re: [{case.reference}] 回答",
            message_id="<a4@example.net>",
            in_reply_to=sent.message_id,
        ),
        transport="pipe",
    )
    assert result.outcome == mail_intake.IngestOutcome.THREADED and result.case == case


def test_a_stranger_naming_the_reference_number_opens_a_new_linked_case(case, client_for, tier1_staff):
    result = mail_intake.ingest_raw(
        raw=_mail(sender=STRANGER, subject=f"受付番号 {case.reference} の件", message_id="<m1@example.com>"),
        transport="pipe",
    )
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert result.case != case and Case.objects.count() == 2
    assert result.message.status == InboundStatus.STORED
    assert result.message.referenced_case == case
    assert not case.inbound_messages.exists()
    assert not case.events.filter(kind=EventKind.EMAIL_IN).exists()
    # Both cases say what happened, in their timelines.
    new_note = result.case.events.get(kind=EventKind.NOTE)
    assert FLAG in new_note.text and case.reference in new_note.text
    old_note = case.events.get(kind=EventKind.NOTE)
    assert result.case.reference in old_note.text and STRANGER in old_note.text
    # And the new case shows it prominently.
    html = client_for(tier1_staff).get(result.case.get_absolute_url()).content.decode()
    assert FLAG in html and f'href="{case.get_absolute_url()}"' in html
    detail = client_for(tier1_staff).get(reverse("intake_staff:message", args=[result.message.pk])).content.decode()
    assert "差出人がこの案件の関係者と一致しないため" in detail and case.reference in detail


def test_a_stranger_replying_to_the_consulters_message_id_does_not_thread(case):
    first = mail_intake.ingest_raw(
        raw=_mail(sender=CONSULTER, subject="最初の相談", message_id="<c1@example.jp>"), transport="pipe"
    )
    result = mail_intake.ingest_raw(
        raw=_mail(
            sender=STRANGER, subject="Re: 最初の相談", message_id="<m2@example.com>", in_reply_to="<c1@example.jp>"
        ),
        transport="pipe",
    )
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert result.case != first.case and result.message.referenced_case == first.case


def test_a_strangers_attachment_stays_on_the_new_case_only(case):
    result = mail_intake.ingest_raw(
        raw=_mail(
            sender=STRANGER,
            subject=f"Re: [{case.reference}] 請求書",
            message_id="<m3@example.com>",
            attachment=b"MZ\x90\x00not really a program",
        ),
        transport="pipe",
    )
    [attachment] = Attachment.objects.all()
    assert attachment.case == result.case != case
    assert not case.attachments.exists()
    assert not case.events.filter(kind=EventKind.ATTACHMENT).exists()
