import hashlib
from pathlib import Path

import pytest

from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import EML_DIR, eml


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(p.name for p in EML_DIR.glob("*.eml")))
def test_raw_file_is_kept_byte_exact_under_its_sha256(name, settings, desk_settings):
    raw = eml(name)
    result = mail_intake.ingest_raw(raw=raw, transport="pipe")
    digest = hashlib.sha256(raw).hexdigest()
    stored = Path(settings.MAIL_STORE_DIR) / f"{digest}.eml"
    assert result.message.raw_sha256 == digest
    assert result.message.raw_size == len(raw)
    assert stored.read_bytes() == raw
    assert not list(Path(settings.MAIL_STORE_DIR).glob(".tmp-*")), "no temporary files left behind"


@pytest.mark.django_db
def test_raw_file_is_written_before_the_database_is_touched(settings, monkeypatch):
    seen = {}

    def spy(row, parsed):
        seen["exists"] = (Path(settings.MAIL_STORE_DIR) / f"{row.raw_sha256}.eml").exists()
        raise RuntimeError("stop here")

    monkeypatch.setattr(mail_intake, "_apply", spy)
    with pytest.raises(RuntimeError):
        mail_intake.ingest_raw(raw=eml("thread_original.eml"), transport="pipe")
    assert seen == {"exists": True}


@pytest.mark.django_db
def test_staff_can_download_the_raw_mail_as_received(tier1_staff, client_for, desk_settings):
    result = mail_intake.ingest_raw(raw=eml("forwarded_phishing.eml"), transport="pipe")
    response = client_for(tier1_staff).get(f"/staff/intake/mail/{result.message.pk}/raw/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == eml("forwarded_phishing.eml")
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"].startswith("attachment;")
