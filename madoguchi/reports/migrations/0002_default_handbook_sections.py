"""The handbook's procedural sections, with a first text managers then edit (their edits are new revisions)."""

from django.db import migrations
from django.utils import timezone

from madoguchi.reports.handbook_defaults import SECTIONS


def create(apps, schema_editor):
    Section = apps.get_model("reports", "HandbookSection")
    Revision = apps.get_model("reports", "HandbookRevision")
    for key, title, order, body in SECTIONS:
        section, created = Section.objects.get_or_create(key=key, defaults={"title": title, "order": order})
        if created:
            Revision.objects.create(
                section=section, number=1, body=body, note="初版", author=None, created_at=timezone.now()
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
