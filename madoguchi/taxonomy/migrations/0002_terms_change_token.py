"""The classification terms' change token (core.snapshots): triggers on the schemes and terms the picker shows."""

from django.db import migrations

from madoguchi.core.snapshots import install_change_triggers, remove_change_triggers

NAME = "taxonomy.terms"
TABLES = ["taxonomy_scheme", "taxonomy_term"]


def forward(apps, schema_editor):
    install_change_triggers(schema_editor, NAME, TABLES)


def backward(apps, schema_editor):
    remove_change_triggers(schema_editor, NAME, TABLES)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial"), ("core", "0002_change_token")]

    operations = [migrations.RunPython(forward, backward)]
