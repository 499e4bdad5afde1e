"""Every error under /api/ is JSON in one shape ({"detail", "code"}, a reference on 500), whether DRF, a parser or
Django's own handlers (a URL no view matched, a crash) answered: an integration never gets an HTML page."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import include, path, reverse
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


@api_view(["GET"])
def _crash(request: Request) -> Response:
    raise RuntimeError("boom")


urlpatterns = [
    path("api/v1/test-crash/", _crash),
    path("", include("config.urls")),
]
handler400 = "madoguchi.core.error_views.bad_request"
handler403 = "madoguchi.core.error_views.permission_denied"
handler404 = "madoguchi.core.error_views.page_not_found"
handler500 = "madoguchi.core.error_views.server_error"


def _assert_json_error(response, status: int, code: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"].strip()
    assert "<html" not in response.content.decode().lower()
    return body


def test_unknown_url_under_the_api_is_a_json_404(api_client_for, tier1_staff):
    body = _assert_json_error(api_client_for(tier1_staff).get("/api/v1/no-such-endpoint/"), 404, "not_found")
    assert body["detail"] == "見つかりませんでした。"
    _assert_json_error(Client().get("/api/v2/consultations/"), 404, "not_found")


def test_unknown_consultation_is_a_json_404(api_client_for, tier1_staff):
    response = api_client_for(tier1_staff).get(reverse("api:consultation", kwargs={"reference": "2099-999999"}))
    _assert_json_error(response, 404, "not_found")


def test_unknown_faq_id_is_a_json_404(api_client_for, tier1_staff):
    response = api_client_for(tier1_staff).get(reverse("api:faq_entry", kwargs={"id": 999999}))
    _assert_json_error(response, 404, "not_found")


def test_wrong_method_is_a_json_405(api_client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    url = reverse("api:consultation_note", kwargs={"reference": case.reference})
    _assert_json_error(api_client_for(tier1_staff).get(url), 405, "method_not_allowed")
    _assert_json_error(api_client_for(tier1_staff).delete(reverse("api:directory")), 405, "method_not_allowed")


def test_no_token_and_a_wrong_token_are_json_401(tier1_staff):
    _assert_json_error(Client().get(reverse("api:consultations")), 401, "not_authenticated")
    wrong = Client(HTTP_AUTHORIZATION="Token not-a-real-token")
    _assert_json_error(wrong.get(reverse("api:consultations")), 401, "authentication_failed")


def test_the_desks_login_cookie_is_no_api_login_and_still_gets_json(client_for, tier1_staff):
    _assert_json_error(client_for(tier1_staff).get(reverse("api:consultations")), 401, "not_authenticated")


def test_wrong_role_is_a_json_403(api_client_for, admin_user):
    response = api_client_for(admin_user).post(
        reverse("api:triage"), json.dumps({"text": "テスト"}), content_type="application/json"
    )
    body = _assert_json_error(response, 403, "permission_denied")
    assert body["detail"] == "この操作を行う権限がありません。"


def test_a_body_over_the_upload_limit_is_a_json_413(api_client_for, tier1_staff, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    case = make_case(actor=tier1_staff)
    url = reverse("api:consultation_note", kwargs={"reference": case.reference})
    payload = json.dumps({"text": "あ" * 2000})
    _assert_json_error(
        api_client_for(tier1_staff).post(url, payload, content_type="application/json"), 413, "request_too_large"
    )
    small = json.dumps({"text": "メモ"})
    assert api_client_for(tier1_staff).post(url, small, content_type="application/json").status_code == 201


def test_over_the_rate_limit_is_a_json_429(api_client_for, tier1_staff, settings):
    settings.MADOGUCHI_API_RATE = "2/60"
    client = api_client_for(tier1_staff)
    assert client.get(reverse("api:directory")).status_code == 200
    assert client.get(reverse("api:directory")).status_code == 200
    _assert_json_error(client.get(reverse("api:directory")), 429, "throttled")


def test_a_crash_in_an_api_view_is_a_json_500_with_the_reference(api_client_for, tier1_staff, settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client = api_client_for(tier1_staff)
    client.raise_request_exception = False
    response = client.get("/api/v1/test-crash/")
    body = _assert_json_error(response, 500, "server_error")
    assert body["reference"] == response["X-Request-Reference"]


def test_staff_and_public_pages_keep_their_html_error_pages(client_for, tier1_staff):
    for response in (client_for(tier1_staff).get("/staff/no-such-page/"), Client().get("/no-such-page/")):
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
