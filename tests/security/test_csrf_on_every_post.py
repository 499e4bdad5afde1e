"""CSRF on every state-changing view: a POST without a token is refused (403) on every non-API URL."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.urls import all_routes

pytestmark = pytest.mark.django_db

# The API authenticates by token only (no session, no cookie), so there is no cross-site request to forge.
CSRF_FREE_PREFIXES = ("/api/",)
ROUTES = [r for r in all_routes() if not r.path.startswith(CSRF_FREE_PREFIXES)]


def test_every_url_is_enumerated():
    names = {r.name for r in ROUTES}
    assert {"cases:dashboard", "intake:form", "accounts:login", "cases:note", "set_language"} <= names
    # Token-only API endpoints (read-only ones too) are the only URLs left out.
    api = {r.name for r in all_routes() if r.path.startswith(CSRF_FREE_PREFIXES)}
    assert {"api:faq_list", "api:faq_entry", "api:directory"} <= api
    assert all(name.startswith("api:") for name in api)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_post_without_token_is_refused(route):
    response = Client(enforce_csrf_checks=True).post(route.path, {"x": "1"})
    assert response.status_code == 403, (route, response.status_code)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_staff_post_without_token_is_refused(route, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post(route.path, {"x": "1"})
    assert response.status_code == 403, (route, response.status_code)


def test_the_same_post_with_a_token_gets_through(manager):
    # Proves the refusals above are CSRF refusals, not something else answering 403.
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    client.get("/staff/")
    token = client.cookies["csrftoken"].value
    response = client.post("/staff/notifications/read-all/", {"csrfmiddlewaretoken": token})
    assert response.status_code != 403
