"""The README production outline works: `gunicorn config.wsgi` starts with production settings and serves the login."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from madoguchi.testing.migrated_db import migrated_sqlite

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _production_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "MADOGUCHI_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_TLS_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'madoguchi.sqlite3'}",
        "MADOGUCHI_DATA_DIR": str(tmp_path / "data"),
    }


def _wait_for_port(port: int, server: subprocess.Popen[bytes]) -> None:
    # Start-up, not a performance assertion: a generous deadline only so a broken server cannot hang the suite.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited during start-up"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start listening")


def test_gunicorn_serves_the_staff_login_with_production_settings(tmp_path, tmp_path_factory):
    env = _production_env(tmp_path)
    migrated_sqlite(tmp_path / "madoguchi.sqlite3", tmp_path_factory)
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, server)
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
