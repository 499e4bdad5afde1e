"""A production process for tests that start one (manage.py, gunicorn): its environment, and waiting for it."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from pathlib import Path


def production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    """A clean production environment, as a service manager would give: nothing inherited from the developer or
    from pytest. SQLite and the data dir live in `tmp_path`; an override of None removes the variable."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "MADOGUCHI_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),  # 64 characters
        "ALLOWED_HOSTS": "desk.example.jp",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'madoguchi.sqlite3'}",
        "MADOGUCHI_DATA_DIR": str(tmp_path / "data"),
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def wait_for_port(port: int, server: subprocess.Popen[bytes]) -> None:
    """Until `server` listens on `port` on loopback; fails if it exits first."""
    # Start-up, not a performance assertion: a generous deadline only so a broken server cannot hang the suite.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited during start-up"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start listening")
