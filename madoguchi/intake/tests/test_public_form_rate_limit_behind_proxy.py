"""Behind a proxy the public form counts per real client: invented left-most X-Forwarded-For entries change nothing."""

import pytest

from madoguchi.cases.models import Case
from madoguchi.intake.tests._form_helpers import VALID

PROXY = "10.0.0.5"


@pytest.mark.django_db
def test_spoofed_left_most_entries_do_not_reset_the_limit(client, settings, desk_settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    settings.MADOGUCHI_PUBLIC_FORM_RATE = "2/3600"
    statuses = [
        client.post(
            "/consult/",
            {**VALID, "step": "confirm"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.23",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_different_clients_behind_the_same_proxy_have_their_own_limit(client, settings, desk_settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    settings.MADOGUCHI_PUBLIC_FORM_RATE = "1/3600"
    first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.23"}
    second = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.24"}
    assert client.post("/consult/", {**VALID, "step": "confirm"}, **first).status_code == 302
    assert client.post("/consult/", {**VALID, "step": "confirm"}, **first).status_code == 429
    assert client.post("/consult/", {**VALID, "step": "confirm"}, **second).status_code == 302
