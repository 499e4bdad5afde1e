"""The shipped reverse-proxy config (deploy/nginx/madoguchi.conf) in front of the app, with Debian's nginx and
gunicorn: what the proxy must pass on arrives, and what it answers itself is right (docs/deployment.md "Reverse
proxy and client addresses").

Only the machine-specific parts are replaced (ports, certificate, log path, the upstream's address); every
replacement is asserted, so an edit of the shipped file that the test no longer matches fails here."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from madoguchi.testing.migrated_db import migrated_sqlite
from madoguchi.testing.production import production_env, running, wait_for_port
from madoguchi.testing.servers import free_port

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "desk.example.jp"


def _site_config(tmp: Path, *, http_port: int, https_port: int, app_port: int) -> str:
    text = (ROOT / "deploy" / "nginx" / "madoguchi.conf").read_text()
    replacements = [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("/etc/letsencrypt/live/desk.example.jp/fullchain.pem", str(tmp / "cert.pem")),
        ("/etc/letsencrypt/live/desk.example.jp/privkey.pem", str(tmp / "key.pem")),
        ("/var/log/nginx/madoguchi.access.log", str(tmp / "access.log")),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, f"deploy/nginx/madoguchi.conf no longer has {old!r} once"
        text = text.replace(old, new)
    return text


def _main_config(tmp: Path) -> str:
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers write the body buffers under tmp (0700)
    temp = "\n".join(
        f"  {name}_temp_path {tmp / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'} warn;\n"
        f"events {{}}\nhttp {{\n{temp}\n  access_log off;\n  include {tmp / 'madoguchi.conf'};\n}}\n"
    )


@pytest.fixture(scope="module")
def proxied(tmp_path_factory) -> Iterator[dict]:
    assert Path(NGINX).exists(), "nginx is missing: `make system-deps` installs Debian's nginx-light"
    tmp = tmp_path_factory.mktemp("nginx")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
         "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
         "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port, app_port = free_port(), free_port(), free_port()
    (tmp / "madoguchi.conf").write_text(
        _site_config(tmp, http_port=http_port, https_port=https_port, app_port=app_port)
    )
    (tmp / "nginx.conf").write_text(_main_config(tmp))
    checked = subprocess.run([NGINX, "-t", "-c", str(tmp / "nginx.conf")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr

    env = production_env(
        tmp, ALLOWED_HOSTS=HOST, BEHIND_TLS_PROXY="1", MADOGUCHI_TRUSTED_PROXY_COUNT="1", LOG_FORMAT="json"
    )
    migrated_sqlite(tmp / "madoguchi.sqlite3", tmp_path_factory)
    gunicorn = [str(BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.conf.py"]
    app_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{app_port}", "WEB_CONCURRENCY": "1"}
    nginx = [NGINX, "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"]
    with (
        running(gunicorn, app_env, log=tmp / "app.log") as app,
        running(nginx, {"PATH": env["PATH"]}, log=tmp / "nginx.stderr") as proxy,
    ):
        wait_for_port(app_port, app)
        wait_for_port(https_port, proxy)
        yield {"tmp": tmp, "http": http_port, "https": https_port}


def _get(proxied: dict, path: str) -> requests.Response:
    return requests.get(
        f"https://127.0.0.1:{proxied['https']}{path}",
        headers={"Host": HOST},
        verify=str(proxied["tmp"] / "cert.pem"),  # the test's own certificate, for 127.0.0.1
        allow_redirects=False,
        timeout=60,
    )


def _logged(path: Path, needle: str) -> str:
    """The log once it holds `needle`: nginx writes its access line after the answer has left, so a test that reads
    the log at once may be early. A bound, not a timing assertion."""
    deadline = time.monotonic() + 10
    while needle not in (text := path.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return text


def _app_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_a_page_through_the_proxy_is_https_to_the_app_with_one_request_id_shared_by_both_logs(proxied):
    response = _get(proxied, "/staff/accounts/login/")
    assert response.status_code == 200, (response.status_code, response.headers.get("Location"))
    assert "ログイン" in response.text
    # The app saw https (X-Forwarded-Proto): no redirect, and it sent HSTS.
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    ids = response.raw.headers.getlist("X-Request-ID")
    assert len(ids) == 1, ids
    request_id = ids[0]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id), request_id
    lines = [
        line
        for line in _app_lines(_logged(proxied["tmp"] / "app.log", request_id))
        if line.get("message", "").startswith("GET /staff/accounts/login/ 200")
    ]
    assert [line["request_id"] for line in lines] == [request_id], "the app logged the proxy's id"
    assert f"id={request_id}" in _logged(proxied["tmp"] / "access.log", f"id={request_id}")


def test_readyz_through_the_proxy_answers_the_probe_instead_of_redirecting(proxied):
    response = _get(proxied, "/readyz")
    assert response.status_code == 200, (response.status_code, response.headers.get("Location"))
    assert response.json()["status"] == "ok"
    assert len(response.raw.headers.getlist("X-Request-ID")) == 1


def test_plain_http_is_sent_to_https(proxied):
    response = requests.get(
        f"http://127.0.0.1:{proxied['http']}/faq/", headers={"Host": HOST}, allow_redirects=False, timeout=30
    )
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://{HOST}/faq/"


def test_a_body_over_the_limit_is_refused_by_the_proxy_with_a_request_id(proxied):
    context = ssl.create_default_context(cafile=str(proxied["tmp"] / "cert.pem"))
    connection = http.client.HTTPSConnection("127.0.0.1", proxied["https"], context=context, timeout=30)
    try:
        connection.putrequest("POST", "/consult/", skip_host=True)
        connection.putheader("Host", HOST)
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(56 * 1024 * 1024))  # over client_max_body_size 55m
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert re.fullmatch(r"[0-9a-f]{32}", response.getheader("X-Request-ID") or "")
    finally:
        connection.close()
