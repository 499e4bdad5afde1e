"""Migration triage/0002 copies each case's latest suggestion onto the case (cases created before the release)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("cases", "0001_initial"), ("triage", "0001_initial")]
AFTER = [("cases", "0002_case_triage_suggestion"), ("triage", "0002_copy_suggestions_to_cases")]


@pytest.mark.django_db(transaction=True)
def test_latest_suggestion_is_copied():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Case = old.get_model("cases", "Case")
    Suggestion = old.get_model("triage", "TriageSuggestion")
    case = Case.objects.create(reference="2026-90001", channel="web", received_at=timezone.now(), subject="s", body="b")
    common = {"case_id": case.pk, "model_version": "v", "confidence": 0.9, "police": True}
    Suggestion.objects.create(category="general", urgent=False, flow="", **common)
    Suggestion.objects.create(category="urgent_breach", urgent=True, flow="attack", **common)
    untouched = Case.objects.create(
        reference="2026-90002", channel="phone", received_at=timezone.now(), subject="s", body="b"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Case = new.get_model("cases", "Case")
    row = Case.objects.get(pk=case.pk)
    assert (row.suggested_category, row.suggested_urgency, row.suggested_police, row.suggested_flow) == (
        "urgent_breach",
        3,
        True,
        "attack",
    )
    other = Case.objects.get(pk=untouched.pk)
    assert (other.suggested_category, other.suggested_urgency) == ("", None)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
