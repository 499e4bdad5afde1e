"""Security headers on staff, public and API responses."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _assert_common(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.parametrize("url", ["/", "/directory/", "/staff/accounts/login/"])
def test_public_pages_carry_the_headers(url):
    response = Client().get(url)
    assert response.status_code == 200
    _assert_common(response)


@pytest.mark.parametrize("name", ["cases:dashboard", "cases:list", "knowledge:search"])
def test_staff_pages_carry_the_headers_and_are_not_cached(client_for, tier2_staff, name):
    response = client_for(tier2_staff).get(reverse(name))
    assert response.status_code == 200
    _assert_common(response)
    assert "no-store" in response["Cache-Control"]


def test_api_responses_carry_the_headers(tier1_staff):
    from madoguchi.api import services

    _token, raw = services.token_issue(actor=None, user=tier1_staff, name="連携")
    response = Client(HTTP_AUTHORIZATION=f"Token {raw}").get(reverse("api:consultations"))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/json"
