"""A production configuration passes `check --deploy` cleanly and refuses unsafe settings at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings

from madoguchi.testing.production import production_env

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    result = _manage("check", "--deploy", env=production_env(tmp_path))

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS:" not in output
    assert "?: (security" not in output
    assert "System check identified no issues" in output


def test_the_deploy_check_would_notice_a_missing_hsts_header(tmp_path):
    # Proves the clean run above is not clean by accident: the same command does report a problem.
    # (A weak SECRET_KEY no longer gets this far: production settings refuse it before any check runs.)
    result = _manage("check", "--deploy", env=production_env(tmp_path, SECURE_HSTS_SECONDS="0"))

    assert "security.W004" in result.stdout + result.stderr


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = _manage("check", env=production_env(tmp_path, SECRET_KEY=None))

    assert result.returncode != 0
    assert "SECRET_KEY must be set when MADOGUCHI_ENV=production." in result.stderr
    # It must not have fallen back to generating a key file for itself.
    assert not (tmp_path / "data" / "secret_key").exists()


def test_production_with_debug_on_refuses_to_start(tmp_path):
    result = _manage("check", env=production_env(tmp_path, DEBUG="1"))

    assert result.returncode != 0
    assert "DEBUG must be off when MADOGUCHI_ENV=production." in result.stderr


def test_production_cookies_and_transport_are_locked_down(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.DEBUG)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env=production_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "__Host-sessionid", "__Host-csrftoken", "False"]
