"""Uploads on the public form: the type is sniffed from the bytes (not the name or the declared type) and the
size is bounded; refused files never reach the pending area."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from madoguchi.intake import storage
from madoguchi.intake.tests._form_helpers import VALID, exe_as_pdf, png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MADOGUCHI_PUBLIC_FORM_RATE = "1000/3600"
    settings.MADOGUCHI_PUBLIC_FORM_POST_RATE = "1000/3600"


def _pending() -> list:
    root = storage.pending_dir()
    return sorted(root.rglob("data")) if root.exists() else []


def test_an_executable_named_pdf_is_refused(client):
    response = client.post("/consult/", {**VALID, "attachments": [exe_as_pdf()]})
    assert response.status_code == 400
    assert _pending() == []


def test_html_declared_as_an_image_is_refused(client):
    fake = SimpleUploadedFile("画面.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    response = client.post("/consult/", {**VALID, "attachments": [fake]})
    assert response.status_code == 400
    assert _pending() == []


def test_a_file_over_the_size_limit_is_refused(client, settings):
    settings.MADOGUCHI_PUBLIC_FORM_MAX_FILE_BYTES = 10
    response = client.post("/consult/", {**VALID, "attachments": [png()]})
    assert response.status_code == 400
    assert "は大きすぎます。" in response.content.decode()
    assert _pending() == []


def test_a_real_image_is_accepted(client):
    # Proves the refusals above are the checks at work, not a form that refuses every upload.
    response = client.post("/consult/", {**VALID, "attachments": [png()]})
    assert response.status_code == 200
    assert len(_pending()) == 1
