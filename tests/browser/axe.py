"""WCAG 2.1 AA check with axe-core (from the npm registry, installed once into .cache/axe, never committed)."""

from __future__ import annotations

import fcntl
import json
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_VERSION = "4.10.3"
AXE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    with (AXE_DIR / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not AXE_JS.exists():
            subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR), f"axe-core@{AXE_VERSION}"],
                check=True,
                capture_output=True,
            )
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Inject axe-core into the page as it is now and return the WCAG 2.1 A/AA violations.

    The caller waits for the page it means (`wait_for_url`, `expect`): run while a click's navigation replaces the
    document, axe finds no document (`documentElement` of null) or checks the page being left."""
    page.wait_for_load_state("load")
    # Evaluated through the DevTools protocol, so a strict Content-Security-Policy does not block it.
    page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, { runOnly: { type: 'tag', values: tags } })", WCAG_AA
    )
    return result["violations"]


def assert_no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    summary = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in violations]
    assert not violations, json.dumps(summary, ensure_ascii=False, indent=1)
