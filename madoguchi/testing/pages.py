"""Pages as the desk's browser assembles them, for test-client tests."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from madoguchi.cases.models import Case


def deferred_panel_html(client: Client, case: Case, key: str) -> str:
    """What static/js/deferred-panels.js puts in place of the deferred panel `key` of the case screen."""
    response = client.get(
        reverse("cases:panel", kwargs={"reference": case.reference, "key": key}), HTTP_X_MADOGUCHI_FRAGMENT="1"
    )
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def similar_panel_html(client: Client, case: Case) -> str:
    return deferred_panel_html(client, case, "similar")
