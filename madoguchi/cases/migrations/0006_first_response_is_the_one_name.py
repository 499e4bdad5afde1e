"""One name for one idea: the UI says 初回対応 (first response) everywhere, so the fields do too (issue 11)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_faq_used_event"),
    ]

    operations = [
        migrations.RenameField(model_name="case", old_name="first_contact_at", new_name="first_response_at"),
        migrations.RenameField(
            model_name="responsetarget", old_name="first_contact_minutes", new_name="first_response_minutes"
        ),
        migrations.RenameField(
            model_name="deskrules", old_name="default_first_contact_minutes", new_name="default_first_response_minutes"
        ),
    ]
