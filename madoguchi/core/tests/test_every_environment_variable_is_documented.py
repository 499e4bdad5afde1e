"""Every environment variable config/settings.py reads is in .env.example, and the test-only switches stay out."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")

# env_str("X", ...), env_int(\n "X", ...), os.environ.get("X"), os.environ["X"], os.getenv("X")
_READS = re.compile(
    r"""(?:\benv_\w+|os\.environ\.get|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ\[["']([A-Z][A-Z0-9_]*)["']\]"""
)


def read_names(source: str) -> set[str]:
    return {a or b for a, b in _READS.findall(source)}


def documented_names(example: str) -> set[str]:
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))


def test_the_scan_finds_every_way_settings_read_the_environment():
    sample = (
        'A = env_str("ONE", "")\nB = env_int(\n    "TWO", 5\n)\nC = os.environ.get("THREE")\nD = os.environ["FOUR"]\n'
    )
    assert read_names(sample) == {"ONE", "TWO", "THREE", "FOUR"}
    assert len(read_names(SETTINGS)) > 40, "the scan must see the real settings file"


def test_every_variable_read_by_settings_is_in_env_example():
    missing = read_names(SETTINGS) - documented_names(EXAMPLE)
    assert missing == set(), f"add to .env.example: {sorted(missing)}"


def test_the_fast_test_hasher_is_set_by_conftest_not_by_settings():
    from django.contrib.auth.hashers import get_hasher

    assert "PASSWORD_HASHERS" not in SETTINGS
    assert get_hasher().algorithm == "md5"
