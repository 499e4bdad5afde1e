from __future__ import annotations

import pytest
from django.test import Client

from madoguchi.accounts.models import User
from madoguchi.api import services


@pytest.fixture
def api_client_for(db):
    """A client that sends a freshly issued token for `user` (and no session)."""

    def make(user: User) -> Client:
        _token, raw = services.token_issue(actor=None, user=user, name="テスト連携")
        return Client(HTTP_AUTHORIZATION=f"Token {raw}", enforce_csrf_checks=True)

    return make
