"""next= parameters never send a user to another site."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOSTILE = [
    "https://evil.example.com/",
    "//evil.example.com/",
    "/\\evil.example.com/",
    "\\\\evil.example.com",
    "https:evil.example.com",
    "javascript:alert(1)",
    " //evil.example.com",
]


def _location_is_local(response) -> bool:
    location = response.get("Location", "")
    return location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", HOSTILE)
def test_login_next_stays_on_the_site(tier1_staff, target):
    response = Client().post(
        reverse("accounts:login") + "?next=" + target,
        {"username": "tier1", "password": "correct-horse-battery", "next": target},
    )
    assert response.status_code == 302
    assert _location_is_local(response), response["Location"]
    assert "evil.example.com" not in response["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_logout_next_stays_on_the_site(client_for, tier1_staff, target):
    response = client_for(tier1_staff).post(reverse("accounts:logout") + "?next=" + target, {"next": target})
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_language_switch_next_stays_on_the_site(target):
    response = Client().post(reverse("set_language"), {"language": "en", "next": target})
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]
    assert not response["Location"].startswith("javascript:")


def test_a_local_next_is_followed(tier1_staff):
    # Proves the checks above are not passing because next= is ignored altogether.
    response = Client().post(
        reverse("accounts:login") + "?next=/staff/cases/",
        {"username": "tier1", "password": "correct-horse-battery", "next": "/staff/cases/"},
    )
    assert response["Location"] == "/staff/cases/"
