"""A production process for tests that start one (manage.py, gunicorn): its environment, and waiting for it."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def run_django(code: str, env: dict[str, str], *, timeout: int = 300) -> str:
    """Run `code` in a fresh interpreter with Django set up on `env` (a `production_env`), from the checkout; its
    standard output. A non-zero exit fails the test with the end of its standard error."""
    done = subprocess.run(  # noqa: S603 - the test's own code, this interpreter
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@contextmanager
def running(argv: list[str], env: dict[str, str], *, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A process (gunicorn, a worker command, nginx) started from the checkout with its output in `log`;
    terminated and waited for when the block ends, however it ends."""
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - a test's own command line
            argv, cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=30)
