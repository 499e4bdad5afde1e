"""On PostgreSQL the database itself refuses UPDATE and DELETE of audit rows (bulk queries included).

A DBA can still purge by retention policy inside a transaction that first runs
`SET LOCAL madoguchi.audit_maintenance = 'on'`. SQLite has no equivalent that survives Django's test
flush, so there the model guard is the protection (docs/architecture.md).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION madoguchi_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('madoguchi.audit_maintenance', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'accounts_auditevent is append-only (監査ログは変更・削除できません)';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_auditevent_append_only
    BEFORE UPDATE OR DELETE ON accounts_auditevent
    FOR EACH ROW EXECUTE FUNCTION madoguchi_audit_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS accounts_auditevent_append_only ON accounts_auditevent;
DROP FUNCTION IF EXISTS madoguchi_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
