"""A staff upload on a data dir without room (a real filled tmpfs): the material form comes back with the Japanese
message next to the file field and everything typed, no row and no file remain; on a disk with no space at all
read-only mode refuses it before it starts, showing what was typed; once space returns the same upload succeeds
once. Needs root for `mount -t tmpfs`."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from madoguchi.intake.tests.fixtures.make_eml import tiny_pdf
from madoguchi.outreach.models import Material, MaterialVersion

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = "保存領域が不足しているため、ファイルを保存できませんでした。入力内容は消えていません。"
TITLE = "架空セミナー用 標的型メール対策スライド"
DESCRIPTION = "サンプル商事向け説明会（架空）で使う解説資料。"


def _post(client, size: int = 300 * 1024):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(
        "標的型メール対策.pdf", tiny_pdf() + b"%" + b"0" * size + b"\n", content_type="application/pdf"
    )
    return client.post(
        reverse("outreach:material_create"),
        {
            "title": TITLE,
            "kind": "pdf",
            "description": DESCRIPTION,
            "tags": "メール,セミナー",
            "file": upload,
            "change_note": "初版",
        },
    )


def test_an_upload_larger_than_the_space_left_comes_back_with_the_message_next_to_the_file_field(
    full_data_dir, client_for, tier2_staff, settings
):
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    full_data_dir.free()
    full_data_dir.fill(leave_bytes=64 * 1024)  # the probe fits, the 300 KB file does not
    client = client_for(tier2_staff)

    refused = _post(client)

    assert refused.status_code == 400
    form = refused.context["form"]
    assert form.errors["file"] == [MESSAGE + "しばらく時間をおいてからもう一度送信するか、お電話でご連絡ください。"]
    page = refused.content.decode()
    assert TITLE in page and DESCRIPTION in page and "メール,セミナー" in page
    assert (Material.objects.count(), MaterialVersion.objects.count()) == (0, 0), "rolled back"
    assert full_data_dir.visible_files() == [], "no file, not even a temporary one"

    full_data_dir.free()
    saved = _post(client)
    assert saved.status_code == 302
    material = Material.objects.get()
    assert material.title == TITLE and material.versions.count() == 1


def test_an_upload_on_a_disk_without_any_space_is_refused_by_read_only_mode_showing_what_was_typed(
    full_data_dir, client_for, tier2_staff, settings
):
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    client = client_for(tier2_staff)

    refused = _post(client, size=10)

    assert refused.status_code == 507
    page = refused.content.decode()
    assert "読み取り専用モードです。この操作は保存していません。" in page
    assert TITLE in page and DESCRIPTION in page
    assert Material.objects.count() == 0
    assert full_data_dir.visible_files() == []
