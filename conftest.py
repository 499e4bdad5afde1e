"""Personas by role, shared by every test suite."""

from __future__ import annotations

import pytest
from django.test import Client

from madoguchi.accounts.models import SecurityPolicy, User
from madoguchi.accounts.roles import Role
from madoguchi.core.testing import UserFactory


@pytest.fixture(autouse=True)
def _settings_for_tests(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.MAIL_STORE_DIR = tmp_path / "mail"
    settings.TRIAGE_MODEL_DIR = tmp_path / "triage"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def second_factor_optional(db):
    """Most tests are not about 2FA; the 2FA tests use the secure default (all roles) instead."""
    policy = SecurityPolicy.current()
    policy.require_2fa_roles = []
    policy.save()
    return policy


@pytest.fixture
def tier1_staff(db, second_factor_optional) -> User:
    return UserFactory(username="tier1", role=Role.FRONT, display_name="一次 花子")


@pytest.fixture
def other_tier1_staff(db, second_factor_optional) -> User:
    return UserFactory(username="tier1b", role=Role.FRONT, display_name="一次 二郎")


@pytest.fixture
def tier2_staff(db, second_factor_optional) -> User:
    return UserFactory(username="tier2", role=Role.BACK, display_name="二次 次郎")


@pytest.fixture
def manager(db, second_factor_optional) -> User:
    return UserFactory(username="manager", role=Role.MANAGER, display_name="課長 三郎")


@pytest.fixture
def admin_user(db, second_factor_optional) -> User:
    return UserFactory(username="sysadmin", role=Role.ADMIN, display_name="管理 四郎")


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def client_for():
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
