"""Attachments are only ever downloaded: access through the case, safe headers, audited."""

from urllib.parse import quote

import pytest

from madoguchi.accounts.models import AuditEvent
from madoguchi.cases.services import case_dispatch
from madoguchi.intake.models import Attachment
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.fixture
def mixed(desk_settings):
    return mail_intake.ingest_raw(raw=eml("attachments_mixed.eml"), transport="pipe")


def _get(client, attachment):
    return client.get(f"/staff/intake/attachments/{attachment.pk}/")


@pytest.mark.django_db
def test_download_has_safe_headers_and_is_audited(mixed, tier1_staff, client_for):
    pdf = Attachment.objects.get(filename="report.pdf")
    response = _get(client_for(tier1_staff), pdf)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    audit = AuditEvent.objects.get(action="download")
    assert audit.actor == tier1_staff and audit.target_id == str(pdf.pk)


@pytest.mark.django_db
def test_exe_disguised_as_pdf_is_served_as_an_opaque_download(mixed, tier1_staff, client_for):
    fake = Attachment.objects.get(filename="請求書.pdf")
    response = _get(client_for(tier1_staff), fake)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"___.pdf\"; filename*=UTF-8''" + quote("請求書.pdf", safe="")
    )


@pytest.mark.django_db
def test_forwarded_message_downloads_whole_as_eml(tier1_staff, client_for, desk_settings):
    mail_intake.ingest_raw(raw=eml("forwarded_phishing.eml"), transport="pipe")
    forwarded = Attachment.objects.get(is_forwarded_message=True)
    response = _get(client_for(tier1_staff), forwarded)
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "message/rfc822"
    assert quote("【重要】お客様の口座が凍結されました.eml", safe="") in response["Content-Disposition"]
    assert b"Return-Path: <bounce@mailer.example.net>" in body
    assert b"Message-ID: <phish-7f3a@mailer.example.net>" in body


@pytest.mark.django_db
def test_someone_without_access_to_the_case_gets_the_same_404(
    mixed, tier1_staff, other_tier1_staff, tier2_staff, client_for
):
    case = mixed.case
    case_dispatch(
        actor=tier1_staff, case=case, expected_version=case.version, category="crime", urgency=1, police_referral=False
    )
    pdf = Attachment.objects.get(filename="report.pdf")
    assert _get(client_for(other_tier1_staff), pdf).status_code == 404, "tier 1 no longer sees a tier-2 case"
    assert client_for(other_tier1_staff).get("/staff/intake/attachments/999999/").status_code == 404
    assert _get(client_for(tier2_staff), pdf).status_code == 200
    assert not AuditEvent.objects.filter(action="download", actor=other_tier1_staff).exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(mixed, client):
    pdf = Attachment.objects.get(filename="report.pdf")
    response = _get(client, pdf)
    assert response.status_code == 302 and "/login/" in response["Location"]
