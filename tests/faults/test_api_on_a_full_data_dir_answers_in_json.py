"""The REST API on a full data dir (a real filled tmpfs): a write is refused with 507 in the API's JSON error shape
and writes nothing, reads keep answering, and the same write succeeds once space returns and the cached probe
expires. A full-disk failure inside an API view also answers in JSON. Needs root for `mount -t tmpfs`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import include, path, reverse
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from madoguchi.api import services as api_services
from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import CaseEvent
from madoguchi.core import datadir
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "電話で折り返し。ルーターの初期パスワード変更を案内した（架空の記録）。"
READ_ONLY = "保存領域が不足しているため、読み取り専用モードです。この操作は保存していません。"


@api_view(["POST"])
def _write_export(request: Request) -> Response:
    # An API view writing into the data dir with plain open(), no StorageFull conversion.
    (Path(django_settings.DATA_DIR) / "export.json").write_bytes(b"0" * 64 * 1024)
    return Response({"written": True})


urlpatterns = [
    path("api/v1/test-export/", _write_export),
    path("", include("config.urls")),
]


def _token_client(user) -> Client:  # type: ignore[no-untyped-def]
    _token, raw = api_services.token_issue(actor=None, user=user, name="テスト連携")
    return Client(HTTP_AUTHORIZATION=f"Token {raw}", enforce_csrf_checks=True)


def _post(client: Client, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(data), content_type="application/json")


def _notes(case) -> int:  # type: ignore[no-untyped-def]
    return CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).count()


def test_api_write_is_refused_in_json_on_a_full_disk_reads_answer_and_the_write_succeeds_once_space_returns(
    full_data_dir, clock, tier1_staff
):
    case = make_case(actor=tier1_staff)
    client = _token_client(tier1_staff)
    note_url = reverse("api:consultation_note", kwargs={"reference": case.reference})
    before = _notes(case)

    refused = _post(client, note_url, {"text": NOTE})
    assert refused.status_code == 507
    assert refused["Content-Type"] == "application/json"
    body = refused.json()
    assert body["code"] == "read_only"
    assert body["detail"].startswith(READ_ONLY)
    assert body["reference"] == refused["X-Request-Reference"]
    assert _notes(case) == before, "no row written"

    # Reads keep working: the consultation, the list, the directory; a triage suggestion writes nothing either.
    detail = client.get(reverse("api:consultation", kwargs={"reference": case.reference}))
    assert detail.status_code == 200 and detail.json()["reference"] == case.reference
    assert client.get(reverse("api:consultations")).status_code == 200
    assert client.get(reverse("api:directory")).status_code == 200
    assert _post(client, reverse("api:triage"), {"text": "ファイルが暗号化された"}).status_code == 200

    # No token: 401 before anything about the disk.
    anonymous = _post(Client(), note_url, {"text": NOTE})
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"

    full_data_dir.free()
    clock.now += 1
    assert _post(client, note_url, {"text": NOTE}).status_code == 507, "the answer is cached for 15 s"
    clock.now += 15
    saved = _post(client, note_url, {"text": NOTE})
    assert saved.status_code == 201, saved.content
    assert _notes(case) == before + 1, "the same write succeeds exactly once"


def test_a_full_disk_write_inside_an_api_view_answers_507_in_json(full_data_dir, settings, tier1_staff):
    settings.ROOT_URLCONF = __name__
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    settings.MADOGUCHI_STORAGE_CHECK_SECONDS = 3600
    client = _token_client(tier1_staff)
    # The disk was writable at the last probe (cached), so read-only mode lets the request through to the view,
    # and the disk fills up in between: the view's own write fails.
    full_data_dir.free()
    assert not datadir.refresh_storage_state().read_only
    full_data_dir.fill()

    response = client.post("/api/v1/test-export/", "{}", content_type="application/json")

    assert response.status_code == 507
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "storage_full"
    assert body["detail"].startswith("保存領域が不足しているため、保存できませんでした。")
    assert body["reference"] == response["X-Request-Reference"]
