"""Migration triage/0002 copies each case's latest suggestion onto the case (cases created before the release)."""

import copy

import pytest
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import load_backend
from django.utils import timezone

BEFORE = [("cases", "0001_initial"), ("triage", "0001_initial")]
AFTER = [("cases", "0002_case_triage_suggestion"), ("triage", "0002_copy_suggestions_to_cases")]
ALIAS = "migration_test"


@pytest.fixture
def empty_database(db, tmp_path):
    """A second, empty database of the suite's engine, under its own alias.

    Taking the test database back to BEFORE would unapply (and afterwards reapply) every later migration of every
    app; an empty database needs only BEFORE's 17 migrations, then the two under test.
    """
    settings_dict = copy.deepcopy(connection.settings_dict)
    postgres = connection.vendor == "postgresql"
    if postgres:
        settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_migration"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f"CREATE DATABASE \"{settings_dict['NAME']}\" TEMPLATE template0 ENCODING 'UTF8'")
    else:
        settings_dict["NAME"] = str(tmp_path / "migration.sqlite3")
    # Registered as a connection but not as a configured database: the test case lets a test use such dynamically
    # created connections (a configured alias would have to be in its `databases`, which pytest-django would then
    # create and migrate in full), and `.using(ALIAS)` and the migration's own `using(alias)` find it.
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, ALIAS)
    setattr(connections._connections, ALIAS, wrapper)
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[ALIAS]
        if postgres:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')


def test_latest_suggestion_is_copied(empty_database):
    executor = MigrationExecutor(empty_database)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Case = old.get_model("cases", "Case")
    Suggestion = old.get_model("triage", "TriageSuggestion")
    case = Case.objects.using(ALIAS).create(
        reference="2026-90001", channel="web", received_at=timezone.now(), subject="s", body="b"
    )
    common = {"case_id": case.pk, "model_version": "v", "confidence": 0.9, "police": True}
    Suggestion.objects.using(ALIAS).create(category="general", urgent=False, flow="", **common)
    Suggestion.objects.using(ALIAS).create(category="urgent_breach", urgent=True, flow="attack", **common)
    untouched = Case.objects.using(ALIAS).create(
        reference="2026-90002", channel="phone", received_at=timezone.now(), subject="s", body="b"
    )

    executor = MigrationExecutor(empty_database)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Case = new.get_model("cases", "Case")
    row = Case.objects.using(ALIAS).get(pk=case.pk)
    assert (row.suggested_category, row.suggested_urgency, row.suggested_police, row.suggested_flow) == (
        "urgent_breach",
        3,
        True,
        "attack",
    )
    other = Case.objects.using(ALIAS).get(pk=untouched.pk)
    assert (other.suggested_category, other.suggested_urgency) == ("", None)
