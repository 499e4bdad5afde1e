"""400/403/404/500 are our own Japanese pages: the staff layout under /staff/, the public layout elsewhere."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("madoguchi.core.tests.error_urls")]

DJANGO_DEFAULTS = ["Bad Request (400)", "403 Forbidden", "Not Found", "Server Error (500)", "CSRF verification"]
TITLES = {
    400: "リクエストを処理できませんでした",
    403: "この操作は許可されていません",
    404: "ページが見つかりません",
    500: "システムエラーが発生しました",
}


def _get(client: Client, url: str) -> tuple[int, str, str]:
    response = client.get(url)
    return response.status_code, response.content.decode(), response.get("X-Request-Reference", "")


def _assert_own_page(status: int, html: str, reference: str, *, layout: str) -> None:
    assert TITLES[status] in html
    assert f'<body class="{layout}">' in html
    for default in DJANGO_DEFAULTS:
        assert default not in html
    assert reference and f"参照番号 {reference}" in html


@pytest.mark.parametrize("status", [400, 403, 404])
def test_staff_error_pages_use_the_staff_layout(settings, client_for, tier1_staff, status):
    assert settings.DEBUG is False
    url = "/staff/no-such-page/" if status == 404 else f"/staff/fail/{status}/"
    code, html, reference = _get(client_for(tier1_staff), url)

    assert code == status
    _assert_own_page(status, html, reference, layout="staff")
    assert "ログアウト" in html  # the staff navigation of a signed-in user


@pytest.mark.parametrize("status", [400, 403, 404])
def test_public_error_pages_use_the_public_layout(settings, status):
    assert settings.DEBUG is False
    url = "/no-such-page/" if status == 404 else f"/fail/{status}/"
    code, html, reference = _get(Client(), url)

    assert code == status
    _assert_own_page(status, html, reference, layout="public")


@pytest.mark.parametrize(("url", "layout"), [("/staff/fail/500/", "staff"), ("/fail/500/", "public")])
def test_server_error_page_is_ours_and_needs_no_database(settings, url, layout, django_assert_num_queries):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        code, html, reference = _get(client, url)

    assert code == 500
    _assert_own_page(500, html, reference, layout=layout)


def test_csrf_failure_is_the_japanese_403_page(tier1_staff):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/staff/accounts/login/", {"username": "tier1", "password": "x"})

    assert response.status_code == 403
    _assert_own_page(403, response.content.decode(), response["X-Request-Reference"], layout="staff")
