import pytest

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.models import Case
from madoguchi.intake.models import InboundStatus
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("autoreply_auto_submitted.eml", "auto_reply"),
        ("out_of_office_x_autoreply.eml", "auto_reply"),
        ("bounce_mailer_daemon.eml", "bounce"),
    ],
)
def test_machine_mail_is_recorded_but_opens_no_case_and_sends_nothing(name, kind, desk_settings):
    result = mail_intake.ingest_raw(raw=eml(name), transport="pipe")
    assert result.outcome == mail_intake.IngestOutcome.AUTO_REPLY
    assert result.message.status == InboundStatus.AUTO_REPLY
    assert result.message.auto_reply_kind == kind
    assert result.message.auto_reply_reason
    assert Case.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


@pytest.mark.django_db
def test_outlook_mail_a_person_wrote_is_not_taken_for_an_auto_reply(desk_settings):
    result = mail_intake.ingest_raw(raw=eml("outlook_suppress_human.eml"), transport="pipe")
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert OutboundEmail.objects.filter(kind="ack").count() == 1


@pytest.mark.django_db
def test_our_own_notification_coming_back_is_not_a_new_consultation(desk_settings, tier1_staff):
    from madoguchi.answers import outbox
    from madoguchi.answers.models import OutboundKind
    from madoguchi.testing.factories import make_case

    case = make_case(actor=tier1_staff)
    row = outbox.enqueue(
        kind=OutboundKind.NOTIFICATION, case=case, to=["desk@example.jp"], subject="通知", body_text="x"
    )
    raw = (
        f"From: soudan@madoguchi.example.jp\r\nTo: desk@example.jp\r\nSubject: [{case.reference}] 通知\r\n"
        f"Message-ID: {row.message_id}\r\nDate: Fri, 04 Dec 2026 15:30:00 +0900\r\n\r\nx\r\n"
    ).encode()
    result = mail_intake.ingest_raw(raw=raw, transport="imap")
    assert result.outcome == mail_intake.IngestOutcome.AUTO_REPLY
    assert result.message.auto_reply_kind == "own"
    assert not case.events.filter(kind="email_in").exists()
