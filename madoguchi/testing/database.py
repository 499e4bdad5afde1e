"""Test helper: lose this process's database connection the way a database restart loses it."""

from __future__ import annotations

from django.db import connection


def cut_our_database_connection() -> None:
    """PostgreSQL: `pg_terminate_backend` on our own backend (what a restart does to every client); SQLite has no
    server, so the connection is closed underneath Django."""
    if connection.vendor == "postgresql":
        import psycopg

        pid = connection.connection.info.backend_pid
        db = connection.settings_dict
        with psycopg.connect(
            dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432, autocommit=True
        ) as admin:
            terminated = admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()
            assert terminated == (True,)
    else:
        connection.connection.close()
