"""A PostgreSQL database without a UTF-8 ctype is refused at connection time; SQLite is not affected."""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madoguchi.accounts.tests.test_deploy_check import _manage
from madoguchi.core.db_checks import check_database_encoding, ctype_is_utf8
from madoguchi.testing.production import production_env


@pytest.mark.parametrize(
    ("ctype", "expected"),
    [
        ("C.UTF-8", True),
        ("ja_JP.UTF-8", True),
        ("en_US.utf8", True),
        ("C", False),
        ("POSIX", False),
        ("ja_JP.eucJP", False),
        ("", False),
    ],
)
def test_ctype_is_utf8(ctype, expected):
    assert ctype_is_utf8(ctype) is expected


class _FakeCursor:
    def __init__(self, row: tuple[str, str]) -> None:
        self.row = row

    def __enter__(self) -> _FakeCursor:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def execute(self, sql: str) -> None:
        assert "pg_database" in sql

    def fetchone(self) -> tuple[str, str]:
        return self.row


class _FakePostgres:
    vendor = "postgresql"
    settings_dict = {"NAME": "madoguchi_kakuu"}

    def __init__(self, encoding: str, ctype: str) -> None:
        self.row = (encoding, ctype)

    def cursor(self) -> _FakeCursor:
        return _FakeCursor(self.row)


@pytest.mark.parametrize(
    ("encoding", "ctype", "refused"),
    [("UTF8", "C.UTF-8", False), ("UTF8", "ja_JP.UTF-8", False), ("UTF8", "C", True), ("SQL_ASCII", "C.UTF-8", True)],
)
def test_the_check_decides_on_encoding_and_ctype(encoding, ctype, refused):
    fake = _FakePostgres(encoding, ctype)
    if refused:
        with pytest.raises(ImproperlyConfigured, match="UTF-8 LC_CTYPE"):
            check_database_encoding(sender=None, connection=fake)
    else:
        check_database_encoding(sender=None, connection=fake)


def _database_url(name: str) -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="") + (":" + quote(s["PASSWORD"], safe="") if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@contextmanager
def _c_ctype_database():
    name = f"madoguchi_ctype_c_{secrets.token_hex(4)}"
    # CREATE/DROP DATABASE cannot run inside the test's transaction: use a separate maintenance connection.
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name} TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' ENCODING 'UTF8'")
    try:
        yield name
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.mark.django_db
def test_the_check_against_the_database_in_use(tmp_path):
    if connection.vendor == "sqlite":
        # SQLite has no ctype to get wrong: the check must not even query.
        connection.ensure_connection()
        with CaptureQueriesContext(connection) as queries:
            check_database_encoding(sender=None, connection=connection)
        assert len(queries) == 0
    elif connection.vendor == "postgresql":
        # The test database itself was created UTF-8, so it passes.
        with CaptureQueriesContext(connection) as queries:
            check_database_encoding(sender=None, connection=connection)
        assert len(queries) == 1

        with _c_ctype_database() as name:
            env = production_env(tmp_path, MADOGUCHI_ENV=None, DATABASE_URL=_database_url(name))
            # `check --database default` opens no connection on PostgreSQL; `migrate --plan` has to read the schema.
            result = _manage("migrate", "--plan", env=env)
            assert result.returncode != 0, result.stdout
            assert "ctype=C" in result.stderr
            assert "UTF-8 LC_CTYPE" in result.stderr
            assert name in result.stderr
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
            assert cursor.fetchone() == (0,)
    else:
        pytest.fail(f"no expectation written for database vendor {connection.vendor!r}")
