"""Personas by role, shared by every test suite."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from django.test import Client

    from madoguchi.accounts.models import User

# Django modules are imported inside fixtures so that pure-Python suites (mail parsing, triage engine)
# also run with `-p no:django`.


def pytest_configure(config: pytest.Config) -> None:
    """Test-only settings that must hold before any test or fixture runs; production settings never see them."""
    if not config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings

    # Hashing thousands of factory passwords with PBKDF2 would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _settings_for_tests(request, tmp_path):
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.MAIL_STORE_DIR = tmp_path / "mail"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Each test its own cache (file-based, like production): nothing cached by one test (the operations banner's
    # figures) shows in another, nor in a parallel worker sharing the data dir.
    # Query-count tests compare pages over time: a banner cache expiring mid-test would make them depend on timing.
    # Off by default here; the tests about the cache (and the query budgets) set a TTL themselves.
    settings.MADOGUCHI_OPS_BANNER_CACHE_SECONDS = 0
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    # The data dir's health is cached per process: one test's full disk must not make the next one read-only.
    from madoguchi.core import datadir

    datadir.forget_storage_state()
    # The active language is per thread and outlives a test: a request in English (Accept-Language, the English UI
    # tests) must not turn the next test's Japanese messages English on the same xdist worker.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    datadir.forget_storage_state()


@pytest.fixture(scope="session", autouse=True)
def _triage_model(request):
    """Train the triage model from the seed corpus once; models are content-addressed, so runs share them."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    import fcntl
    from pathlib import Path

    from django.conf import settings

    from madoguchi.triage import services

    directory = Path(settings.TRIAGE_MODEL_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if services.current_version() != services.shipped_model_version():
            services.retrain(include_confirmed=False)


@pytest.fixture
def second_factor_optional(db):
    """Most tests are not about 2FA; the 2FA tests use the secure default (all roles) instead."""
    from madoguchi.accounts.models import SecurityPolicy

    policy = SecurityPolicy.current()
    policy.require_2fa_roles = []
    policy.save()
    return policy


@pytest.fixture
def tier1_staff(db, second_factor_optional) -> User:
    from madoguchi.accounts.roles import Role
    from madoguchi.testing.factories import UserFactory

    return UserFactory(username="tier1", role=Role.FRONT, display_name="一次 花子")


@pytest.fixture
def other_tier1_staff(db, second_factor_optional) -> User:
    from madoguchi.accounts.roles import Role
    from madoguchi.testing.factories import UserFactory

    return UserFactory(username="tier1b", role=Role.FRONT, display_name="一次 二郎")


@pytest.fixture
def tier2_staff(db, second_factor_optional) -> User:
    from madoguchi.accounts.roles import Role
    from madoguchi.testing.factories import UserFactory

    return UserFactory(username="tier2", role=Role.BACK, display_name="二次 次郎")


@pytest.fixture
def manager(db, second_factor_optional) -> User:
    from madoguchi.accounts.roles import Role
    from madoguchi.testing.factories import UserFactory

    return UserFactory(username="manager", role=Role.MANAGER, display_name="課長 三郎")


@pytest.fixture
def admin_user(db, second_factor_optional) -> User:
    from madoguchi.accounts.roles import Role
    from madoguchi.testing.factories import UserFactory

    return UserFactory(username="sysadmin", role=Role.ADMIN, display_name="管理 四郎")


@pytest.fixture
def anonymous() -> Client:
    from django.test import Client

    return Client()


@pytest.fixture
def client_for():
    from django.test import Client

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
