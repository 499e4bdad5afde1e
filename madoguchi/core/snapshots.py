"""Per-process snapshots of small, read-mostly tables, rebuilt when the database says they changed.

The case screen shows suggestions from the referral directory (about 200 rows in seven tables) and a picker of
every classification term (about 300) on every request. Reading and building those rows per request cost more
than the rest of the page's queries together. A snapshot keeps them in the process and asks the database one
question per use: the change token of its tables (`ChangeToken`).

Why the token is trustworthy:
- Triggers replace it on every INSERT, UPDATE or DELETE (and TRUNCATE on PostgreSQL) of a watched table, so no
  write path can skip it (services, the reference loader, the admin, `QuerySet.update()`, raw SQL).
- It is random, not a counter: a transaction that changes a table and then rolls back leaves the old token; the
  next change draws a new one, so a snapshot built from rolled-back rows is never taken for a later state.
- The migration that installs the triggers writes a first token. No row (a test flush emptied the table): nothing
  is kept and every use reads the tables, until the next write draws a token.

Snapshots hold model instances shared by every request of the process: callers only read them.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import connection, migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from madoguchi.core.models import ChangeToken

T = TypeVar("T")


def change_token(name: str) -> str | None:
    """The current token of the watched table set `name`, or None when no write has recorded one yet."""
    row = ChangeToken.objects.filter(name=name).values_list("token", flat=True).first()
    return str(row) if row is not None else None


class ProcessSnapshot(Generic[T]):
    """`build()` once per change of the watched tables `name`, kept for this process."""

    def __init__(self, name: str, build: Callable[[], T]) -> None:
        self.name = name
        self._build = build
        self._kept: tuple[str, str, T] | None = None  # (database alias + name, token, value)
        self._lock = threading.Lock()
        self.builds = 0  # how often the tables were read (tests, benchmarks)

    def get(self) -> T:
        token = change_token(self.name)
        key = connection.settings_dict.get("NAME", "") or ""
        kept = self._kept
        if token is not None and kept is not None and kept[0] == str(key) and kept[1] == token:
            return kept[2]
        with self._lock:
            value = self._build()
            self.builds += 1
            if token is not None:
                self._kept = (str(key), token, value)
            else:
                self._kept = None
        return value

    def clear(self) -> None:
        self._kept = None


# --- triggers (used by the watched apps' migrations) ------------------------------------------------------

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION madoguchi_change_token() RETURNS trigger AS $$
BEGIN
    INSERT INTO core_changetoken (name, token) VALUES (TG_ARGV[0], md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""


_SAFE_NAME = re.compile(r"[a-z0-9_.]+")


def _trigger_name(table: str) -> str:
    return f"{table}_change_token"[:63]


def install_change_triggers(schema_editor: BaseDatabaseSchemaEditor, name: str, tables: list[str]) -> None:
    """Create the triggers that replace `name`'s token on every write to `tables` (a migration's RunPython)."""
    if not _SAFE_NAME.fullmatch(name):  # it is written into the trigger's SQL
        raise ValueError(f"change-token name {name!r}: lower-case letters, digits, '.' and '_' only")
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    quote = schema_editor.connection.ops.quote_name
    # A first token, so the tables are kept from the first request on, not only after their first change.
    execute(
        "INSERT INTO core_changetoken (name, token) SELECT %s, %s "
        "WHERE NOT EXISTS (SELECT 1 FROM core_changetoken WHERE name = %s)",
        [name, secrets.token_hex(16), name],
    )
    if vendor == "postgresql":
        execute(_PG_FUNCTION)
        for table in tables:
            execute(
                f"CREATE TRIGGER {quote(_trigger_name(table))} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION madoguchi_change_token('{name}')"
            )
        return
    if vendor == "sqlite":
        # Not INSERT OR REPLACE: SQLite applies the firing statement's conflict clause to the trigger's statements,
        # and Django adds many-to-many links with INSERT OR IGNORE, which would keep the old token. An UPDATE and
        # an INSERT that cannot conflict behave the same under every outer clause.
        random_value = "lower(hex(randomblob(16)))"
        for table in tables:
            for event in ("INSERT", "UPDATE", "DELETE"):
                execute(
                    f"CREATE TRIGGER {quote(_trigger_name(table) + '_' + event.lower())} AFTER {event} ON "  # noqa: S608 - name checked
                    f"{quote(table)} BEGIN "
                    f"UPDATE core_changetoken SET token = {random_value} WHERE name = '{name}'; "
                    f"INSERT INTO core_changetoken (name, token) SELECT '{name}', {random_value} "
                    f"WHERE NOT EXISTS (SELECT 1 FROM core_changetoken WHERE name = '{name}'); END"
                )
        return
    raise NotImplementedError(f"change-token triggers for {vendor}")


def remove_change_triggers(schema_editor: BaseDatabaseSchemaEditor, name: str, tables: list[str]) -> None:
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    quote = schema_editor.connection.ops.quote_name
    for table in tables:
        if vendor == "postgresql":
            execute(f"DROP TRIGGER IF EXISTS {quote(_trigger_name(table))} ON {quote(table)}")
        else:
            for event in ("insert", "update", "delete"):
                execute(f"DROP TRIGGER IF EXISTS {quote(_trigger_name(table) + '_' + event)}")
    execute("DELETE FROM core_changetoken WHERE name = %s", [name])


def change_token_migration(name: str, tables: list[str]) -> migrations.RunPython:
    """The migration operation that installs (and, reversed, removes) the change-token triggers of `tables`."""

    def forward(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        install_change_triggers(schema_editor, name, tables)

    def backward(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        remove_change_triggers(schema_editor, name, tables)

    return migrations.RunPython(forward, backward)
