from email.message import EmailMessage

import pytest

from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind
from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import Case
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml
from madoguchi.testing.factories import make_case


def _mail(*, subject: str, message_id: str, in_reply_to: str = "", body: str = "追加の情報です。\n") -> bytes:
    msg = EmailMessage()
    msg["From"] = "架空 太郎 <taro.kaku@example.jp>"
    msg["To"] = "soudan@madoguchi.example.jp"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = "Fri, 04 Dec 2026 15:30:00 +0900"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body)
    return msg.as_bytes()


@pytest.mark.django_db
def test_reply_with_references_to_a_stored_message_joins_its_case(desk_settings):
    original = mail_intake.ingest_raw(raw=eml("thread_original.eml"), transport="pipe")
    reply = mail_intake.ingest_raw(raw=eml("thread_reply.eml"), transport="pipe")
    assert reply.outcome == mail_intake.IngestOutcome.THREADED
    assert reply.case == original.case
    assert Case.objects.count() == 1
    event = original.case.events.filter(kind=EventKind.EMAIL_IN).order_by("-id").first()
    assert event.data["message_id"] == "<thread-reply-0002@example.jp>"
    assert reply.message.text_body.startswith("ご回答ありがとうございます。")


@pytest.mark.django_db
def test_reply_to_our_outbound_message_id_joins_that_case(desk_settings, tier1_staff):
    case = make_case(actor=tier1_staff, email="taro.kaku@example.jp")
    sent = outbox.enqueue(
        kind=OutboundKind.OTHER, case=case, to=["taro.kaku@example.jp"], subject="回答", body_text="…"
    )
    result = mail_intake.ingest_raw(
        raw=_mail(subject="Re: 回答", message_id="<r1@example.jp>", in_reply_to=sent.message_id), transport="pipe"
    )
    assert result.outcome == mail_intake.IngestOutcome.THREADED
    assert result.case == case
    assert case.events.filter(kind=EventKind.EMAIL_IN, data__message_id="<r1@example.jp>").exists()


@pytest.mark.django_db
def test_reference_number_in_the_subject_joins_that_case(desk_settings, tier1_staff):
    case = make_case(actor=tier1_staff, email="taro.kaku@example.jp")
    # Full-width digits and dash, as a Japanese IME types them.
    full_width = case.reference.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    result = mail_intake.ingest_raw(
        raw=_mail(subject=f"【{full_width}】追加の資料", message_id="<r2@example.jp>"), transport="pipe"
    )
    assert result.outcome == mail_intake.IngestOutcome.THREADED
    assert result.case == case
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_unknown_reference_number_opens_a_new_case(desk_settings, tier1_staff):
    make_case(actor=tier1_staff)
    result = mail_intake.ingest_raw(
        raw=_mail(subject="[2019-99999] 古い番号", message_id="<r3@example.jp>"), transport="pipe"
    )
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_threaded_message_opens_no_case_and_sends_no_acknowledgement(desk_settings, tier1_staff):
    case = make_case(actor=tier1_staff, email="taro.kaku@example.jp")
    before = case.outbound_emails.count()
    mail_intake.ingest_raw(raw=_mail(subject=f"Re: [{case.reference}]", message_id="<r4@example.jp>"), transport="pipe")
    assert case.outbound_emails.count() == before
