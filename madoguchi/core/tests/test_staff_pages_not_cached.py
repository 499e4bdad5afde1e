"""Staff pages (personal data) are never stored by the browser or a proxy: Cache-Control: no-store."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_case_page_is_not_stored(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    response = client_for(tier1_staff).get(reverse("cases:detail", args=[case.reference]))

    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_staff_login_page_and_redirects_are_not_stored():
    client = Client()
    assert "no-store" in client.get(reverse("accounts:login"))["Cache-Control"]
    # The redirect to the login page is made by a decorator, not a view template: still no-store.
    assert "no-store" in client.get(reverse("cases:dashboard"))["Cache-Control"]


def test_public_pages_are_left_to_normal_caching():
    response = Client().get(reverse("intake:privacy"))

    assert "no-store" not in response.get("Cache-Control", "")


def test_public_form_answer_to_a_post_is_not_stored():
    # The confirmation (or the refused form) echoes the consulter's name, address and story.
    response = Client().post(reverse("intake:form"), {"step": "input", "person_name": "架空 太郎"})

    assert "架空 太郎" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
