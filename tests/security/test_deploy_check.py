"""`manage.py check --deploy` is clean under production settings, with the API installed (drf-spectacular's
deploy check generates the OpenAPI description and reports any warning in it)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "MADOGUCHI_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "desk.example.jp",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'madoguchi.sqlite3'}",
        "MADOGUCHI_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
