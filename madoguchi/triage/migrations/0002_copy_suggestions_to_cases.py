"""Copy each case's latest suggestion onto the case, so lists show suggestions made before this release."""

from django.db import migrations


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    TriageSuggestion = apps.get_model("triage", "TriageSuggestion")
    alias = schema_editor.connection.alias  # `migrate --database`, and the migration test's own database
    rows = TriageSuggestion.objects.using(alias).order_by("case_id", "-created_at", "-id")
    latest: dict[int, object] = {}
    for row in rows.iterator(chunk_size=2000):
        latest.setdefault(row.case_id, row)
    for case_id, row in latest.items():
        Case.objects.using(alias).filter(pk=case_id).update(
            suggested_category=row.category,
            suggested_urgency=3 if row.urgent else 1,  # Urgency.CRITICAL / NORMAL, as the accept action maps it
            suggested_police=row.police,
            suggested_flow=row.flow,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_case_triage_suggestion"),
        ("triage", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
