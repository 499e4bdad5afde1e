"""Archive PDFs: type sniffed from the bytes, stored in the data dir, downloaded safely and audited."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.knowledge import archive_services
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import ArchiveAttachment, ArchiveItem

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def item(tier2_staff) -> ArchiveItem:
    return archive_services.archive_item_create(
        actor=tier2_staff,
        data=ArchiveItemData(title="架空の手引き", kind="document", collected_on=dt.date(2026, 12, 1)),
    )


def upload(client, item, name: str, data: bytes):
    return client.post(
        reverse("knowledge:archive_attachment_add", args=[item.pk]),
        {"file-file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_a_pdf_is_stored_in_the_data_dir_and_listed(client_for, tier2_staff, item, settings):
    response = upload(client_for(tier2_staff), item, "手引き.pdf", PDF)
    assert response.status_code == 302
    attachment = ArchiveAttachment.objects.get()
    assert (Path(settings.MEDIA_ROOT) / attachment.stored_path).read_bytes() == PDF
    assert attachment.filename == "手引き.pdf"
    assert "手引き.pdf" in client_for(tier2_staff).get(item.get_absolute_url()).content.decode()


def test_something_that_is_not_a_pdf_is_refused_whatever_its_name(client_for, tier2_staff, item):
    response = upload(client_for(tier2_staff), item, "請求書.pdf", b"MZ\x90\x00 this is an executable")
    assert response.status_code == 400
    assert "PDF ファイルだけ添付できます" in response.content.decode()
    assert not ArchiveAttachment.objects.exists()


def test_download_is_an_attachment_with_safe_headers_and_audited(client_for, tier1_staff, tier2_staff, item):
    upload(client_for(tier2_staff), item, "手引き.pdf", PDF)
    attachment = ArchiveAttachment.objects.get()
    response = client_for(tier1_staff).get(reverse("knowledge:archive_attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E6%89%8B%E5%BC%95%E3%81%8D.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    event = AuditEvent.objects.get(action="download")
    assert (event.actor, event.target_id) == (tier1_staff, str(attachment.pk))


def test_tier1_may_not_attach(client_for, tier1_staff, item):
    assert upload(client_for(tier1_staff), item, "a.pdf", PDF).status_code == 403
    assert not ArchiveAttachment.objects.exists()


def test_a_missing_attachment_is_404(client_for, tier2_staff):
    assert client_for(tier2_staff).get(reverse("knowledge:archive_attachment_download", args=[5])).status_code == 404
