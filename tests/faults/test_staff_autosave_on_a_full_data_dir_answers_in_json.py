"""The desk's scripts on a full data dir (a real filled tmpfs): the form-draft autosave and the answer editor's
autosave get a JSON 507 with a Japanese message their script shows next to the form (the typing stays in the
browser), not the HTML page; nothing is saved; a plain form post still gets the 507 page with the typing.
Needs root for `mount -t tmpfs`."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from madoguchi.answers.models import AnswerDraft
from madoguchi.cases import services as case_services
from madoguchi.core.models import FormDraft
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db(transaction=True)

NOTICE = "保存領域が不足しているため、読み取り専用モードです。下書きを保存できません。"
NOTE = "先方の総務担当から電話があった（架空の記録）。"


@pytest.fixture(autouse=True)
def _probe_every_request(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MADOGUCHI_STORAGE_CHECK_SECONDS = 0
    settings.MADOGUCHI_MIN_FREE_BYTES = 0


def _assert_json_507(response) -> dict[str, object]:  # type: ignore[no-untyped-def]
    assert response.status_code == 507
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["ok"] is False and body["read_only"] is True
    assert str(body["error"]).startswith(NOTICE)
    assert NOTE not in str(body), "the typing is not echoed: it is still in the browser"
    return body


def test_form_draft_autosave_gets_json_507_and_saves_nothing(full_data_dir, client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    client = client_for(tier1_staff)
    url = reverse("cases:form_draft", kwargs={"form_key": f"case:{case.reference}:note"})
    payload = json.dumps({"data": {"note-text": NOTE}})

    _assert_json_507(client.post(url, payload, content_type="application/json"))
    assert not FormDraft.objects.exists()

    full_data_dir.free()
    assert client.post(url, payload, content_type="application/json").json() == {"saved": True}
    assert FormDraft.objects.get().data == {"note-text": NOTE}


def test_answer_editor_autosave_gets_json_507_and_saves_nothing(full_data_dir, client_for, tier1_staff, tier2_staff):
    case = case_services.case_take(actor=tier2_staff, case=dispatched_case(tier1=tier1_staff))
    client = client_for(tier2_staff)
    url = reverse("answers:autosave", kwargs={"reference": case.reference})
    fields = {"answer-measures": NOTE, "answer-referrals": "", "answer-channel": "phone", "answer-version": "0"}

    _assert_json_507(client.post(url, fields, HTTP_ACCEPT="application/json"))
    assert not AnswerDraft.objects.filter(case=case).exists()

    full_data_dir.free()
    assert client.post(url, fields, HTTP_ACCEPT="application/json").json()["ok"] is True
    assert AnswerDraft.objects.filter(case=case).count() == 1


def test_a_plain_form_post_still_gets_the_html_page_with_the_typing(full_data_dir, client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    response = client_for(tier1_staff).post(
        reverse("cases:note", kwargs={"reference": case.reference}), {"note-kind": "note", "note-text": NOTE}
    )
    assert response.status_code == 507
    assert response["Content-Type"].startswith("text/html")
    assert NOTE in response.content.decode()
