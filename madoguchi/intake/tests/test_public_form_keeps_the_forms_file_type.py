"""The public form judges each file's type from its bytes once; the stored attachment keeps that judgement."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from madoguchi.intake.forms import OLE2_MAGIC
from madoguchi.intake.models import Attachment
from madoguchi.intake.tests._form_helpers import VALID, pdf


def _submit(client, upload: SimpleUploadedFile) -> Attachment:
    confirm = client.post("/consult/", {**VALID, "step": "input", "attachments": [upload]})
    tokens = re.findall(r'name="pending" value="([^"]+)"', confirm.content.decode())
    assert len(tokens) == 1
    client.post("/consult/", {**VALID, "step": "confirm", "pending": tokens})
    return Attachment.objects.get()


@pytest.mark.django_db
def test_pdf_is_stored_with_the_type_the_form_sniffed(client, desk_settings):
    attachment = _submit(client, pdf())
    assert attachment.sniffed_type == "application/pdf"


@pytest.mark.django_db
def test_outlook_msg_keeps_the_forms_ole_judgement(client, desk_settings):
    # filetype does not know OLE2 containers: a second sniff in the service stored "" here.
    data = OLE2_MAGIC + b"\0" * 1024
    attachment = _submit(client, SimpleUploadedFile("転送メール.msg", data, content_type="application/vnd.ms-outlook"))
    assert attachment.sniffed_type == "application/x-ole-storage"
    assert attachment.filename == "転送メール.msg"
