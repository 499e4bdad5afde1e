"""The classification terms' change token (core.snapshots): triggers on the schemes and terms the picker shows."""

from django.db import migrations

from madoguchi.core.snapshots import change_token_migration

NAME = "taxonomy.terms"
TABLES = ["taxonomy_scheme", "taxonomy_term"]


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial"), ("core", "0002_change_token")]

    operations = [change_token_migration(NAME, TABLES)]
