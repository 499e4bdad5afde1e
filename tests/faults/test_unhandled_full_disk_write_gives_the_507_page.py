"""A write that fails for lack of space and that no form catches (an export written to disk, say) ends in the
Japanese 507 page, in the staff or public layout, with the request reference and what was typed (never a password),
instead of the generic 500 page. A real filled tmpfs; needs root for `mount -t tmpfs`."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

pytestmark = pytest.mark.django_db(transaction=True)


def _write_export(request: HttpRequest) -> HttpResponse:
    # Like a report written into the data dir before it is sent: plain open(), no StorageFull conversion.
    (Path(django_settings.DATA_DIR) / "export.csv").write_bytes(b"0" * 64 * 1024)
    return HttpResponse("written")


urlpatterns = [
    path("staff/test-export/", _write_export),
    path("test-public-write/", csrf_exempt(_write_export)),
    path("", include("config.urls")),
]


@pytest.fixture
def urls(settings):  # type: ignore[no-untyped-def]
    settings.ROOT_URLCONF = __name__


def test_a_staff_page_whose_write_fails_gets_the_staff_507_page(full_data_dir, urls, client_for, tier1_staff):
    response = client_for(tier1_staff).get("/staff/test-export/")

    assert response.status_code == 507
    page = response.content.decode()
    assert "保存領域が不足しているため、保存できませんでした。何も保存していません。" in page
    assert 'id="main"' in page and "ログアウト" in page, "the staff layout"
    assert f"参照番号 {response['X-Request-Reference']}" in page


def test_a_public_post_whose_write_fails_gets_the_public_507_page_with_the_typing_but_no_password(
    full_data_dir, urls, anonymous
):
    response = anonymous.post(
        "/test-public-write/", {"subject": "架空の相談の件名", "password": "s3cret-example", "step": "input"}
    )

    assert response.status_code == 507
    page = response.content.decode()
    assert "保存領域が不足しているため、保存できませんでした。" in page
    assert "ログアウト" not in page, "the public layout"
    assert "架空の相談の件名" in page
    assert "s3cret-example" not in page
    assert f"参照番号 {response['X-Request-Reference']}" in page
