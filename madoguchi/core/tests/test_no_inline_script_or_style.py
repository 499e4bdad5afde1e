"""No template has inline scripts, inline styles or on* handlers: the Content-Security-Policy would block them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "madoguchi").glob("*/templates"))]

FORBIDDEN = {
    "inline <script> (no src)": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL),
    "on* event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def _templates() -> list[Path]:
    return [p for d in TEMPLATE_DIRS if d.is_dir() for p in sorted(d.rglob("*.html"))]


def test_the_scan_sees_the_templates():
    assert len(_templates()) > 50


def test_the_patterns_catch_what_they_are_meant_to_catch():
    samples = {
        "inline <script> (no src)": "<script>alert(1)</script>",
        "<style> element": "<style>p{}</style>",
        "style attribute": '<li class="x" style="margin-left: 1rem">',
        "on* event handler attribute": '<select id="s"\n  onchange="this.form.submit()">',
        "javascript: URL": '<a href="javascript:void(0)">',
    }
    for name, sample in samples.items():
        assert FORBIDDEN[name].search(sample), name
    assert not FORBIDDEN["inline <script> (no src)"].search("<script src=\"{% static 'js/desk.js' %}\" defer></script>")
    assert not FORBIDDEN["on* event handler attribute"].search('<a data-action="x" href="/">')


def test_no_template_has_inline_script_or_style():
    found = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for name, pattern in FORBIDDEN.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert found == []
