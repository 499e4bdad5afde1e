import pytest

from madoguchi.cases.choices import EventKind
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_over_limit_attachment_is_kept_out_with_a_visible_note_on_the_case(
    settings, desk_settings, tier1_staff, client_for
):
    settings.MAIL_MAX_ATTACHMENT_BYTES = 100_000
    result = mail_intake.ingest_raw(raw=eml("over_limit_attachment.eml"), transport="pipe")
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert [a.filename for a in result.message.attachments.all()] == ["summary.pdf"]
    assert result.message.skipped_parts[0]["filename"] == "サーバーログ.bin"
    note = result.case.events.get(kind=EventKind.NOTE)
    assert "サーバーログ.bin" in note.text and "保存していません" in note.text
    page = client_for(tier1_staff).get(result.case.get_absolute_url()).content.decode()
    assert "サーバーログ.bin" in page


@pytest.mark.django_db
def test_mail_over_the_message_limit_is_quarantined_not_dropped(settings):
    settings.MAIL_MAX_MESSAGE_BYTES = 10_000
    raw = eml("over_limit_attachment.eml")
    result = mail_intake.ingest_raw(raw=raw, transport="pipe")
    assert result.outcome == mail_intake.IngestOutcome.QUARANTINED
    assert result.message.quarantine_code == "too_large"
    assert result.message.raw_size == len(raw)
