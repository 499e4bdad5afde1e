import pytest

from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_html_mail_is_shown_sanitised_in_a_sandboxed_frame_only(tier1_staff, client_for, desk_settings):
    result = mail_intake.ingest_raw(raw=eml("html_only_script.eml"), transport="pipe")
    client = client_for(tier1_staff)
    page = client.get(f"/staff/intake/mail/{result.message.pk}/").content.decode()
    assert '<iframe sandbox=""' in page
    assert "steal()" not in page and "evil.example.net" not in page
    frame = client.get(f"/staff/intake/mail/{result.message.pk}/html/")
    body = frame.content.decode()
    assert "<script" not in body and "onclick" not in body and "track.example.net" not in body
    assert "sandbox" in frame["Content-Security-Policy"] and "default-src 'none'" in frame["Content-Security-Policy"]
    assert frame["X-Frame-Options"] == "SAMEORIGIN"
