"""The README production outline works: `gunicorn config.wsgi` starts with production settings and serves the login."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

from madoguchi.testing.migrated_db import migrated_sqlite
from madoguchi.testing.production import production_env, wait_for_port
from madoguchi.testing.servers import free_port

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def test_gunicorn_serves_the_staff_login_with_production_settings(tmp_path, tmp_path_factory):
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", BEHIND_TLS_PROXY="1")
    migrated_sqlite(tmp_path / "madoguchi.sqlite3", tmp_path_factory)
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, server)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/staff/accounts/login/",
            headers={"X-Forwarded-Proto": "https"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            status, body, headers = response.status, response.read().decode(), response.headers
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    assert status == 200, (tmp_path / "gunicorn.log").read_text()
    assert "ログイン" in body
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "no-store" in [d.strip() for d in headers["Cache-Control"].split(",")]
    assert "Content-Security-Policy" in headers
