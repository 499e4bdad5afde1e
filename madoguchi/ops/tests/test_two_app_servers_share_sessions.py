"""Two app servers behind one load balancer share the desk's state (issue 15, docs/deployment.md "Sessions, cache
and files with several app servers"): two gunicorn processes with the production config, one database, one data
dir; every request of one desk worker goes to whichever server the balancer picks.

- a login form fetched from one server is accepted by the other (the CSRF secret is in the cookie, not in a
  process), and the second factor verified on the other again: the session lives in the database;
- the logged-in worker is known to both servers, and a logout on one ends the session on both;
- failed logins are counted across both servers: spreading guesses over the servers gains nothing (django-axes
  keeps its counts in the database).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import requests
from django_otp.oath import totp

from madoguchi.testing.migrated_db import migrated_sqlite
from madoguchi.testing.production import production_env, run_django, running, wait_for_port
from madoguchi.testing.servers import free_port

BIN = Path(sys.executable).parent
KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test secret, hex
PASSWORD = "shared-desk-pass-2026!"  # a test installation's password

SETUP = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
user = User.objects.create_user(username="back-shared", password={PASSWORD!r}, role=Role.BACK,
                                display_name="架空 共有太郎", email="back-shared@example.jp")
TOTPDevice.objects.create(user=user, name="default", confirmed=True, key={KEY!r})
User.objects.create_user(username="back-guessed", password={PASSWORD!r}, role=Role.BACK,
                         display_name="架空 推測次郎", email="back-guessed@example.jp")
"""


class Desk:
    """One browser: one cookie jar, whichever server answers. The cookies are Secure (__Host-) and the servers
    speak plain HTTP behind the "proxy" (X-Forwarded-Proto), so the jar is kept by hand, as a browser would keep it
    for https://desk.example.jp."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.cookies: dict[str, str] = {}

    def request(self, server: int, method: str, path: str, data: dict[str, str] | None = None) -> requests.Response:
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Accept-Language": "ja"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Referer"] = f"https://127.0.0.1{path}"
            headers["Origin"] = "https://127.0.0.1"
        response = requests.request(
            method,
            f"http://127.0.0.1:{self.ports[server]}{path}",
            data=data,
            headers=headers,
            allow_redirects=False,
            timeout=60,
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def form_token(self, server: int, path: str) -> str:
        page = self.request(server, "GET", path)
        assert page.status_code == 200, (path, page.status_code)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert found, path
        return found.group(1)


@contextmanager
def _servers(tmp_path: Path, count: int) -> Iterator[list[int]]:
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", BEHIND_TLS_PROXY="1")
    env["WEB_CONCURRENCY"] = "1"
    run_django(SETUP, env)
    ports = [free_port() for _ in range(count)]
    with ExitStack() as stack:
        servers = [
            stack.enter_context(
                running(
                    [str(BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.conf.py"],
                    {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    log=tmp_path / f"server{n}.log",
                )
            )
            for n, port in enumerate(ports)
        ]
        for port, server in zip(ports, servers, strict=True):
            wait_for_port(port, server)
        yield ports


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory) -> Iterator[list[int]]:
    tmp_path = tmp_path_factory.mktemp("two_app_servers")
    migrated_sqlite(tmp_path / "madoguchi.sqlite3", tmp_path_factory)
    with _servers(tmp_path, 2) as ports:
        yield ports


def test_a_desk_worker_moves_between_servers_from_login_to_logout(two_servers):
    desk = Desk(two_servers)
    # The login form from server 0, posted to server 1.
    token = desk.form_token(0, "/staff/accounts/login/")
    login = desk.request(
        1,
        "POST",
        "/staff/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": "back-shared", "password": PASSWORD},
    )
    assert login.status_code == 302, login.text[-2000:]
    # The second factor: the form from server 0 again, the code posted to server 1.
    token = desk.form_token(0, "/staff/accounts/2fa/verify/")
    verified = desk.request(
        1,
        "POST",
        "/staff/accounts/2fa/verify/",
        {"csrfmiddlewaretoken": token, "token": f"{totp(bytes.fromhex(KEY)):06d}"},
    )
    assert verified.status_code == 302, verified.text[-2000:]
    assert "/2fa/" not in verified.headers["Location"]
    # Both servers now know the worker, second factor included.
    for server in (0, 1):
        page = desk.request(server, "GET", "/staff/")
        assert page.status_code == 200, (server, page.status_code, page.headers.get("Location"))
        assert "架空 共有太郎" in page.text
    # Logging out on server 1 ends the session on server 0 too.
    token = desk.form_token(0, "/staff/")
    out = desk.request(1, "POST", "/staff/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert out.status_code == 302
    for server in (0, 1):
        page = desk.request(server, "GET", "/staff/")
        assert page.status_code == 302 and "/staff/accounts/login/" in page.headers["Location"], server


def test_failed_logins_spread_over_both_servers_lock_the_account_on_both(two_servers):
    desk = Desk(two_servers)
    limit = 5  # AXES_FAILURE_LIMIT's default, which production_env leaves alone
    for attempt in range(limit):
        server = attempt % 2
        token = desk.form_token(server, "/staff/accounts/login/")
        answer = desk.request(
            1 - server,
            "POST",
            "/staff/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": "back-guessed", "password": f"wrong-{attempt}"},
        )
        assert answer.status_code in (200, 403, 429), answer.status_code
    # Now even the right password is refused, on either server.
    for server in (0, 1):
        token = desk.form_token(server, "/staff/accounts/login/")
        answer = desk.request(
            server,
            "POST",
            "/staff/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": "back-guessed", "password": PASSWORD},
        )
        assert answer.status_code != 302, f"server {server} let a locked-out account in"
        assert "ログインを一時停止しています" in answer.text, (server, answer.status_code)
