"""The public form on a full data dir (a real filled tmpfs): the consulter gets the Japanese message next to the
file field with everything typed kept, no case, no row and no file is left, and the same submission succeeds once
when space returns. Needs root for `mount -t tmpfs`."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from madoguchi.cases.models import Case
from madoguchi.intake.models import Attachment
from madoguchi.intake.tests._form_helpers import VALID, pdf
from madoguchi.intake.tests.fixtures.make_eml import tiny_pdf

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = "保存領域が不足しているため、ファイルを保存できませんでした。入力内容は消えていません。"


def _tokens(html: str) -> list[str]:
    return re.findall(r'name="pending" value="([^"]+)"', html)


def _big_pdf(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf() + b"%" + b"0" * size + b"\n", content_type="application/pdf")


def _assert_typing_kept(page: str) -> None:
    for field in ("org_name", "person_name", "email", "municipality"):
        assert VALID[field] in page, field
    assert "取引先を装ったメールの添付ファイルを開いてしまいました。" in page


def test_an_attachment_on_a_full_disk_is_refused_next_to_the_file_field_and_the_typing_is_kept(
    client, full_data_dir, desk_settings
):
    refused = client.post("/consult/", {**VALID, "step": "input", "attachments": [pdf()]})

    assert refused.status_code == 400
    page = refused.content.decode()
    assert MESSAGE in page
    assert 'id="error-summary"' in page and "添付ファイル" in page
    attachment_errors = refused.context["form"].errors["attachments"]
    assert any(MESSAGE in error for error in attachment_errors), "the message is next to the file field"
    _assert_typing_kept(page)
    assert _tokens(page) == []
    assert full_data_dir.visible_files() == [], "no pending file, not even a temporary one"
    assert Case.objects.count() == 0

    full_data_dir.free()
    confirm = client.post("/consult/", {**VALID, "step": "input", "attachments": [pdf()]})
    tokens = _tokens(confirm.content.decode())
    assert confirm.status_code == 200 and len(tokens) == 1
    done = client.post("/consult/", {**VALID, "step": "confirm", "pending": tokens})
    assert done.status_code == 302
    case = Case.objects.get()
    assert [a.filename for a in Attachment.objects.filter(case=case)] == ["請求書.pdf"]


def test_a_disk_that_fills_before_the_confirmation_rolls_everything_back_and_removes_the_files_written(
    client, full_data_dir, desk_settings
):
    full_data_dir.free()
    files = [_big_pdf("小さい.pdf", 8 * 1024), _big_pdf("大きい.pdf", 300 * 1024)]
    confirm = client.post("/consult/", {**VALID, "step": "input", "attachments": files})
    tokens = _tokens(confirm.content.decode())
    assert len(tokens) == 2
    pending_files = full_data_dir.visible_files()
    # Room for the small file only: the first attachment is written, the second fails for lack of space.
    full_data_dir.fill(leave_bytes=64 * 1024)

    refused = client.post("/consult/", {**VALID, "step": "confirm", "pending": tokens})

    assert refused.status_code == 507
    page = refused.content.decode()
    assert MESSAGE in page
    _assert_typing_kept(page)
    assert _tokens(page) == tokens, "the attached files wait for the next try"
    assert (Case.objects.count(), Attachment.objects.count()) == (0, 0), "the transaction was rolled back"
    assert full_data_dir.visible_files() == pending_files, "the small file written before the failure is removed"

    full_data_dir.free()
    done = client.post("/consult/", {**VALID, "step": "confirm", "pending": tokens})
    assert done.status_code == 302
    case = Case.objects.get()
    assert sorted(a.filename for a in Attachment.objects.filter(case=case)) == ["大きい.pdf", "小さい.pdf"]


def test_a_pending_upload_whose_description_no_longer_fits_leaves_no_half_written_folder(
    client, full_data_dir, desk_settings
):
    data = tiny_pdf() + b"%"
    data += b"0" * (8192 - len(data))
    # Exactly the file's two pages are free: its bytes are written, its meta.json (one more page) is not.
    full_data_dir.fill(leave_bytes=8192)

    refused = client.post(
        "/consult/",
        {**VALID, "step": "input", "attachments": [SimpleUploadedFile("請求書.pdf", data, "application/pdf")]},
    )

    assert refused.status_code == 400 and MESSAGE in refused.content.decode()
    assert full_data_dir.visible_files() == [], "the bytes written before the failure are removed with their folder"
