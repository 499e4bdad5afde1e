"""Staff and public pages carry a Content-Security-Policy that allows scripts and styles only from our own files."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in policy.split(";")) if d}


def _assert_strict(response) -> None:
    directives = _directives(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_staff_page_has_a_strict_policy(client_for, tier1_staff):
    response = client_for(tier1_staff).get(reverse("cases:dashboard"))

    assert response.status_code == 200
    _assert_strict(response)


def test_public_page_has_a_strict_policy():
    response = Client().get(reverse("intake:form"))

    assert response.status_code == 200
    _assert_strict(response)


def test_staff_login_page_has_a_strict_policy():
    _assert_strict(Client().get(reverse("accounts:login")))
