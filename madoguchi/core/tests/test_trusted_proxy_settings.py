"""MADOGUCHI_TRUSTED_PROXY_COUNT configures the proxies; the obsolete trust flag maps to one proxy with a warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CODE = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
    "from django.conf import settings as s; from django.core import checks;"
    "ids = [m.id for m in checks.run_checks(tags=['security'])];"
    "print(s.MADOGUCHI_TRUSTED_PROXY_COUNT, 'madoguchi.W001' in ids, s.AXES_CLIENT_IP_CALLABLE)"
)


def _run(tmp_path: Path, **variables: str) -> list[str]:
    env = {"PATH": "/usr/bin:/bin", "MADOGUCHI_DATA_DIR": str(tmp_path), **variables}
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True)
    return out.stdout.split() if out.returncode == 0 else ["error", out.stderr]


def test_default_is_no_proxy_and_axes_uses_the_shared_function(tmp_path):
    assert _run(tmp_path) == ["0", "False", "madoguchi.core.client_address.client_address"]


def test_the_count_is_read_from_the_environment(tmp_path):
    assert _run(tmp_path, MADOGUCHI_TRUSTED_PROXY_COUNT="2")[:2] == ["2", "False"]


def test_the_obsolete_flag_means_one_proxy_and_warns(tmp_path):
    assert _run(tmp_path, MADOGUCHI_TRUST_X_FORWARDED_FOR="1")[:2] == ["1", "True"]


def test_an_explicit_count_wins_over_the_obsolete_flag(tmp_path):
    assert _run(tmp_path, MADOGUCHI_TRUST_X_FORWARDED_FOR="1", MADOGUCHI_TRUSTED_PROXY_COUNT="2")[:2] == ["2", "True"]


def test_a_negative_count_refuses_to_start(tmp_path):
    result = _run(tmp_path, MADOGUCHI_TRUSTED_PROXY_COUNT="-1")
    assert result[0] == "error"
    assert "MADOGUCHI_TRUSTED_PROXY_COUNT must be 0 or more" in result[1]
