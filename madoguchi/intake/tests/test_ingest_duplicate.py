import pytest

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.models import Case
from madoguchi.intake.models import InboundMessage
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_same_message_id_delivered_twice_is_recorded_once(desk_settings):
    first = mail_intake.ingest_raw(raw=eml("duplicate_first.eml"), transport="pipe")
    again = mail_intake.ingest_raw(raw=eml("duplicate_redelivered.eml"), transport="imap")
    assert first.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert again.outcome == mail_intake.IngestOutcome.DUPLICATE
    assert again.message.pk == first.message.pk
    assert InboundMessage.objects.filter(message_id="<dup-20261203-0001@example.jp>").count() == 1
    assert Case.objects.count() == 1
    assert OutboundEmail.objects.count() == 1, "one acknowledgement, not two"


@pytest.mark.django_db
def test_identical_bytes_without_message_id_are_a_duplicate_too(desk_settings):
    first = mail_intake.ingest_raw(raw=eml("missing_message_id.eml"), transport="pipe")
    again = mail_intake.ingest_raw(raw=eml("missing_message_id.eml"), transport="pipe")
    assert first.message.message_id_generated
    assert again.outcome == mail_intake.IngestOutcome.DUPLICATE
    assert InboundMessage.objects.count() == 1


@pytest.mark.django_db
def test_the_same_garbage_twice_is_quarantined_once():
    mail_intake.ingest_raw(raw=eml("garbage_random.eml"), transport="pipe")
    again = mail_intake.ingest_raw(raw=eml("garbage_random.eml"), transport="pipe")
    assert again.outcome == mail_intake.IngestOutcome.DUPLICATE
    assert InboundMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_redelivered_duplicate_leaves_no_unreferenced_raw_file(desk_settings):
    from madoguchi.intake import storage

    mail_intake.ingest_raw(raw=eml("duplicate_first.eml"), transport="pipe")
    mail_intake.ingest_raw(raw=eml("duplicate_redelivered.eml"), transport="imap")
    on_disk = {p.stem for p in storage.mail_store_dir().glob("*.eml")}
    assert on_disk == set(InboundMessage.objects.values_list("raw_sha256", flat=True))
