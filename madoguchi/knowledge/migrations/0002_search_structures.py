"""Full-text structures that Django's schema editor cannot describe, per database vendor.

SQLite: an external-content FTS5 trigram table over the normalised columns (queries of 3+ characters)
and a contentless FTS5 table of space-separated bigrams (1-2 characters). Never LIKE against the
trigram table: SQLite 3.40 silently returns nothing for Japanese.
PostgreSQL: pg_trgm GIN over the normalised text (3+ characters) and a GIN over a tsvector of
bigrams (1-2 characters). The database must have a UTF-8 ctype (core/db_checks.py).
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE knowledge_search_tri USING fts5("
    "title_norm, body_norm, content='knowledge_searchentry', content_rowid='id', tokenize='trigram')",
    "CREATE VIRTUAL TABLE knowledge_search_bi USING fts5("
    "title_bi, body_bi, content='', detail='column', tokenize='unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS knowledge_search_bi",
    "DROP TABLE IF EXISTS knowledge_search_tri",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE knowledge_searchentry ADD COLUMN bigrams tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX knowledge_searchentry_trgm ON knowledge_searchentry "
    "USING gin ((title_norm || ' ' || body_norm) gin_trgm_ops)",
    "CREATE INDEX knowledge_searchentry_bigrams ON knowledge_searchentry USING gin (bigrams)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS knowledge_searchentry_bigrams",
    "DROP INDEX IF EXISTS knowledge_searchentry_trgm",
    "ALTER TABLE knowledge_searchentry DROP COLUMN IF EXISTS bigrams",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_search_entry")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
