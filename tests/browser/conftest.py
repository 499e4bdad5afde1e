"""Real headless Chromium from Debian, driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


def _live_server_requests() -> int:
    # The live server (socketserver.ThreadingMixIn) handles each request in a thread of this name.
    return sum(1 for t in threading.enumerate() if "process_request_thread" in t.name)


def _wait_for_the_live_server_to_finish(quiet_for: float = 0.3, at_most: float = 10.0) -> None:
    """Until no request has been in progress for `quiet_for` seconds (or `at_most` passed): the page's last
    autosave (sent on pagehide) must be answered before the test database is flushed, or the flush's table locks
    and the request's row locks deadlock."""
    deadline = time.monotonic() + at_most
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if _live_server_requests():
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_for:
            return
        time.sleep(0.02)


@pytest.fixture
def page(browser: Browser, transactional_db: None) -> Iterator[Page]:
    # After transactional_db, so torn down before it: the browser is closed and its requests answered before the
    # database is flushed.
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
    _wait_for_the_live_server_to_finish()


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(live_server):
    def do(page: Page, username: str, password: str = "correct-horse-battery") -> None:
        page.goto(f"{live_server.url}/staff/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/staff/")

    return do


@pytest.fixture
def logout():
    def do(page: Page) -> None:
        page.click("form.logout button")
        page.wait_for_url("**/accounts/login/**")

    return do
