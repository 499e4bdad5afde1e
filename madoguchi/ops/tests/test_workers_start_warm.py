"""gunicorn workers start warm: the master preloads the application and runs ops.warmup before it forks, so no
worker spends its first request (at start, or after a max_requests restart) importing the URLconf and compiling
templates; and the master keeps no database connection a worker could inherit.

The first-request figures (0.8–1.4 s before, 6–42 ms after) are in docs/deployment.md, measured, not asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from madoguchi.testing.migrated_db import migrated_sqlite
from madoguchi.testing.production import production_env, run_django, wait_for_port
from madoguchi.testing.servers import free_port

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent

# Run in a fresh interpreter: this test process has long imported everything the warm-up would.
PROBE = """
import json, os, sys
from django.db import connection
from django.template import engines
connection.ensure_connection()
before = {
    "urls": "config.urls" in sys.modules,
    "masking": "madoguchi.privacy.masking.engine" in sys.modules,
    "sklearn": "sklearn" in sys.modules,
}
from madoguchi.ops.warmup import warm_up
result = warm_up()
loader = engines["django"].engine.template_loaders[0]
mail_loader = engines["mail"].engine.template_loaders[0]
print(json.dumps({
    "before": before,
    "urls": "config.urls" in sys.modules,
    "masking": "madoguchi.privacy.masking.engine" in sys.modules,
    "cached_templates": len(loader.get_template_cache),
    "html_engine_mail_templates": sorted(k for k in loader.get_template_cache if str(k).startswith("emails/")),
    "mail_engine_templates": len(mail_loader.get_template_cache),
    "sklearn": "sklearn" in sys.modules,
    "result": [result.url_patterns, result.templates, result.triage_model],
    "connection_open": connection.connection is not None,
}))
"""


def _probe(tmp_path: Path, tmp_path_factory, **overrides: str) -> dict:
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", BEHIND_TLS_PROXY="1", **overrides)
    migrated_sqlite(tmp_path / "madoguchi.sqlite3", tmp_path_factory)
    return json.loads(run_django(PROBE, env).strip().splitlines()[-1])


def test_warm_up_imports_and_compiles_what_a_first_request_would_and_closes_connections(tmp_path, tmp_path_factory):
    probe = _probe(tmp_path, tmp_path_factory)
    assert probe["before"] == {"urls": False, "masking": False, "sklearn": False}, (
        "django.setup() alone imports neither the views nor the triage engine"
    )
    assert probe["urls"] and probe["masking"]
    assert probe["sklearn"], "the triage engine is imported before the workers fork"
    assert probe["result"][2] is None, "no model has been trained in this installation: none is loaded"
    assert probe["cached_templates"] >= 100, "the project's templates are compiled into the cached loader"
    # templates/emails/ belongs to the mail engine (no HTML escaping); the HTML engine does not compile it too.
    assert probe["mail_engine_templates"] >= 1
    assert probe["html_engine_mail_templates"] == []
    assert probe["result"][0] > 0 and probe["result"][1] >= 100
    assert probe["connection_open"] is False, "a connection left open in the master would be shared by the workers"


def test_warm_up_loads_the_current_triage_model_so_no_worker_loads_it_on_a_first_intake(
    tmp_path, tmp_path_factory, settings
):
    from madoguchi.triage import services

    # The suite's model directory holds the model trained from the shipped corpus (conftest `_triage_model`).
    probe = _probe(tmp_path, tmp_path_factory, MADOGUCHI_TRIAGE_MODEL_DIR=str(settings.TRIAGE_MODEL_DIR))
    assert probe["result"][2] == services.current_version()
    assert probe["connection_open"] is False


def test_gunicorn_with_the_project_config_warms_up_once_in_the_master_and_serves(tmp_path, tmp_path_factory):
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", BEHIND_TLS_PROXY="1")
    env["LOG_FORMAT"] = "json"
    migrated_sqlite(tmp_path / "madoguchi.sqlite3", tmp_path_factory)
    port = free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env["WEB_CONCURRENCY"] = "2"
    log_path = tmp_path / "gunicorn.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, server)
        statuses = []
        for _ in range(4):  # both workers answer
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/staff/accounts/login/", headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                statuses.append(response.status)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    text = log_path.read_text()
    assert statuses == [200] * 4, text[-3000:]
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    warm = [line for line in lines if line.get("logger") == "madoguchi.ops.warmup"]
    assert len(warm) == 1, text[-3000:]
    assert warm[0]["process"] == server.pid, "the warm-up runs in the master, before the workers are forked"
    booted = [line for line in lines if "Booting worker" in line.get("message", "")]
    assert len(booted) == 2
    assert all(line["time"] >= warm[0]["time"] for line in booted)


def test_preloading_can_be_turned_off(tmp_path):
    env = {**os.environ, "GUNICORN_PRELOAD": "0", "PYTHONPATH": str(ROOT)}
    code = "import runpy; c = runpy.run_path('config/gunicorn.conf.py'); print(c['preload_app'])"
    off = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    on = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={k: v for k, v in env.items() if k != "GUNICORN_PRELOAD"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert (off.stdout.strip(), on.stdout.strip()) == ("False", "True")
