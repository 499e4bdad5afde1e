"""The database connection is cut in the middle of a web-form submission (the stand-in for a PostgreSQL restart
on a shared server: `pg_terminate_backend` on our own backend; on SQLite the connection is closed underneath
Django). The consulter sees a clear Japanese error page, no half-written case remains, and sending again works."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.models import Case
from madoguchi.intake.models import Attachment
from madoguchi.intake.services import web_form
from madoguchi.intake.tests._form_helpers import VALID, png
from madoguchi.testing.database import cut_our_database_connection

pytestmark = pytest.mark.django_db(transaction=True)


def _tokens(html: str) -> list[str]:
    return re.findall(r'name="pending" value="([^"]+)"', html)


def test_connection_lost_mid_submission_shows_an_error_and_leaves_no_half_written_case(
    client, monkeypatch, desk_settings
):
    confirm = client.post("/consult/", {**VALID, "step": "input", "attachments": [png()]})
    tokens = _tokens(confirm.content.decode())
    assert len(tokens) == 1

    original = web_form.storage.store_attachment
    cut = []

    def store_then_lose_the_database(*, data: bytes):  # type: ignore[no-untyped-def]
        # Runs inside the submission's transaction, after the case row was inserted.
        if not cut:
            cut.append(True)
            cut_our_database_connection()
        return original(data=data)

    monkeypatch.setattr(web_form.storage, "store_attachment", store_then_lose_the_database)
    client.raise_request_exception = False
    failed = client.post("/consult/", {**VALID, "step": "confirm", "pending": tokens})
    assert cut == [True], "the fault was injected in the middle of the submission"
    assert failed.status_code == 500
    page = failed.content.decode()
    assert "システムエラーが発生しました" in page and "時間をおいてもう一度お試しください" in page
    assert VALID["person_name"] not in page, "no personal data on the error page"

    connection.close()  # the server would do this at the end of the request
    assert (Case.objects.count(), Attachment.objects.count(), OutboundEmail.objects.count()) == (0, 0, 0)

    # Sending the same confirmation again (the pending file is still there) opens exactly one case.
    again = client.post("/consult/", {**VALID, "step": "confirm", "pending": tokens})
    assert again.status_code == 302
    case = Case.objects.get()
    assert [a.filename for a in Attachment.objects.filter(case=case)] == ["画面.png"]
    assert OutboundEmail.objects.filter(case=case, kind="ack").count() == 1
