import pytest

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.models import Case, CaseEvent
from madoguchi.intake.models import Attachment, InboundMessage
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


def _row_counts():
    return (
        InboundMessage.objects.count(),
        Attachment.objects.count(),
        Case.objects.count(),
        CaseEvent.objects.count(),
        OutboundEmail.objects.count(),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("step", ["_store_attachments", "acknowledge", "_record_on_case"])
def test_a_crash_in_the_middle_leaves_no_rows_and_a_reingest_succeeds(step, monkeypatch, desk_settings):
    raw = eml("rfc2231_filenames.eml")

    def crash(**kwargs):
        raise OSError("disk went away")

    original = getattr(mail_intake, step)
    monkeypatch.setattr(mail_intake, step, crash)
    with pytest.raises(OSError):
        mail_intake.ingest_raw(raw=raw, transport="pipe")
    assert _row_counts() == (0, 0, 0, 0, 0)

    monkeypatch.setattr(mail_intake, step, original)
    result = mail_intake.ingest_raw(raw=raw, transport="pipe")
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert Attachment.objects.filter(case=result.case).count() == 5
    assert OutboundEmail.objects.filter(case=result.case, kind="ack").count() == 1
