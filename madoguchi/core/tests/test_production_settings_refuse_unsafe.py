"""Settings fail closed: an unknown MADOGUCHI_ENV and, in production, a weak SECRET_KEY refuse to start."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = secrets.token_urlsafe(48)  # 64 characters, many distinct


def _load_settings(tmp_path: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "MADOGUCHI_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "desk.example.jp",
        **env_vars,
    }
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
        "from django.conf import settings as s; print(s.PRODUCTION, s.SESSION_COOKIE_SECURE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("value", ["prod", "Production", "production ", "staging", "live"])
def test_unknown_environment_name_refuses_to_start(tmp_path, value):
    result = _load_settings(tmp_path, MADOGUCHI_ENV=value, SECRET_KEY=GOOD_KEY)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "MADOGUCHI_ENV" in result.stderr
    assert "development, test, production" in result.stderr


@pytest.mark.parametrize(
    ("value", "production"),
    [("", "False"), ("development", "False"), ("test", "False"), ("production", "True")],
)
def test_known_environment_names_start(tmp_path, value, production):
    result = _load_settings(tmp_path, MADOGUCHI_ENV=value, SECRET_KEY=GOOD_KEY)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [production, production]


@pytest.mark.parametrize(
    "key",
    [
        "ab" * 30,  # 60 characters, 2 distinct
        secrets.token_urlsafe(30),  # 40 characters
        "django-insecure-" + secrets.token_urlsafe(48),
    ],
    ids=["few-distinct", "short", "django-insecure"],
)
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    result = _load_settings(tmp_path, MADOGUCHI_ENV="production", SECRET_KEY=key)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_accepts_the_shortest_strong_key(tmp_path):
    # Django's own rule (security.W009): at least 50 characters and 5 distinct ones.
    result = _load_settings(tmp_path, MADOGUCHI_ENV="production", SECRET_KEY="abcde" * 10)

    assert result.returncode == 0, result.stderr


def test_development_keeps_accepting_a_short_key(tmp_path):
    result = _load_settings(tmp_path, MADOGUCHI_ENV="development", SECRET_KEY="short")

    assert result.returncode == 0, result.stderr
