import pytest

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.models import Case, CaseEvent
from madoguchi.intake import services
from madoguchi.intake.models import Attachment, InboundMessage
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
@pytest.mark.parametrize("step", ["_store_attachments", "_acknowledge", "_record_on_case"])
def test_a_crash_in_the_middle_leaves_no_rows_and_a_reingest_succeeds(step, monkeypatch, desk_settings):
    raw = eml("rfc2231_filenames.eml")

    def crash(**kwargs):
        raise OSError("disk went away")

    original = getattr(services, step)
    monkeypatch.setattr(services, step, crash)
    with pytest.raises(OSError):
        services.ingest_raw(raw=raw, transport="pipe")
    assert _row_counts() == (0, 0, 0, 0, 0)

    monkeypatch.setattr(services, step, original)
    result = services.ingest_raw(raw=raw, transport="pipe")
    assert result.outcome == services.NEW_CASE
    assert Attachment.objects.filter(case=result.case).count() == 5
    assert OutboundEmail.objects.filter(case=result.case, kind="ack").count() == 1
