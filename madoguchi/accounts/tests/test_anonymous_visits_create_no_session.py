"""A consulter reading the public pages gets no session: no row is written and no session cookie is set.

The idle-session middleware (madoguchi/accounts/sessions.py) touches only a session that holds something; were
it to touch an empty one, every anonymous page view would create a session row."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/faq/", "/consult/"])
def test_a_public_page_creates_no_session(path):
    client = Client()

    response = client.get(path)

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0
