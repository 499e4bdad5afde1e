"""Production keeps each web worker's database connection across requests and replaces one that has died.

A new PostgreSQL connection per request costs a backend process, authentication and cold catalogue caches on every
page (docs/adr/0044); health checks make a kept connection safe across a database restart.
"""

from __future__ import annotations

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from madoguchi.accounts.tests.test_deploy_check import _manage
from madoguchi.testing.production import production_env

CODE = (
    "from django.conf import settings as s; d = s.DATABASES['default'];"
    " print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
)


@pytest.mark.parametrize(
    ("environment", "value", "expected"),
    [
        ("production", None, ["60", "True"]),
        ("production", "", ["60", "True"]),
        ("production", "0", ["0", "True"]),
        ("production", "300", ["300", "True"]),
        ("development", None, ["0", "True"]),
    ],
)
def test_connection_age_defaults_by_environment(tmp_path, environment, value, expected):
    env = production_env(tmp_path, MADOGUCHI_ENV=environment, DB_CONN_MAX_AGE=value)
    result = _manage("shell", "--no-imports", "-c", CODE, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected


@pytest.fixture
def kept_connections():
    """This process's connection configured as production configures it."""
    saved = {key: connection.settings_dict[key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.close()
    connection.settings_dict.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    try:
        yield
    finally:
        connection.settings_dict.update(saved)
        connection.close()


def _backend() -> object:
    if connection.vendor == "postgresql":
        return connection.connection.info.backend_pid
    return id(connection.connection)


def _request(client, path: str) -> int:
    # What the WSGI handler does at every request's start and end (the test client leaves both out, so that a
    # test's transaction survives its requests): drop a connection that is too old, failed or unhealthy.
    close_old_connections()
    status = client.get(path).status_code
    close_old_connections()
    return status


@pytest.mark.django_db(transaction=True)
def test_requests_reuse_the_connection_and_survive_a_database_restart(kept_connections, client_for, tier1_staff):
    client = client_for(tier1_staff)
    dashboard = reverse("cases:dashboard")
    assert _request(client, dashboard) == 200
    first = _backend()
    assert _request(client, dashboard) == 200
    assert _backend() == first, "the second request used the first request's connection"
    if connection.vendor != "postgresql":
        return  # SQLite has no server to restart.
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432, autocommit=True
    ) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [first]).fetchone() == (True,)
    # The kept connection is dead now; the health check at the start of the request replaces it.
    assert _request(client, dashboard) == 200
    assert _backend() != first
